/**
 * The departments of 退休一件事, named once: the key their check results use, the issuing body that seals
 * their papers (if any), and how each is named — as a body on seals and papers, as a department in
 * sentences, and to the citizen on the pages (web/lib/api.js keeps a browser copy, checked against this
 * one by tests/unit/department-names.test.ts).
 */
export const DEPARTMENT_NAMES = {
  hr: { body: '人力资源和社会保障局', department: '人力资源和社会保障部门', citizen: '人社部门（养老保险）', issuingBody: 'hr' },
  tax: { body: '税务局', department: '税务部门', citizen: '税务部门（社保费）', issuingBody: undefined },
  medical: { body: '医疗保障局', department: '医疗保障部门', citizen: '医保部门（退休医保）', issuingBody: 'medical' },
  housingFund: { body: '住房公积金管理中心', department: '住房公积金管理中心', citizen: '住房公积金中心', issuingBody: 'housing-fund' },
  // Only where the city takes part (policy `health.takesPart`).
  health: { body: '卫生健康局', department: '卫生健康部门', citizen: '卫健部门（独生子女父母奖励）', issuingBody: 'health' },
} as const;

/** The one-stop service itself issues the notice that gathers every answer. */
export const ONE_STOP_NAME = '一站式服务';

/** The timeline's word for the parallel checks: which departments are being asked (卫健 only where the city takes part). */
export const checkingNote = (healthTakesPart: boolean): string =>
  healthTakesPart ? '人社、税务、医保、公积金、卫健五部门并联核查中' : '人社、税务、医保、公积金四部门并联核查中';
