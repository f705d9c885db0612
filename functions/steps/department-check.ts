import type { DepartmentKey, DepartmentResult } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { checkHousingFund } from '../domain/housing-fund-check.ts';
import { checkHr } from '../domain/hr-check.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import { checkMedical } from '../domain/medical-check.ts';
import { checkTax } from '../domain/tax-check.ts';
import { runtime, type Runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

type Evaluate = (record: CaseRecord, rt: Runtime) => Promise<DepartmentResult>;

function identity(record: CaseRecord) {
  const id = parseIdNumber(record.idNumber);
  if (!id.ok) throw new Error(`case ${record.caseNumber} carries an invalid ID number`);
  return id;
}

/** Each department: ask its system (I/O), then apply its pure rule. */
const EVALUATE: Record<DepartmentKey, Evaluate> = {
  hr: async (r, rt) =>
    checkHr({
      record: await rt.departments.hr(r.caseNumber, r.idNumber),
      application: r.application!,
      idBirthDate: identity(r).birthDate,
      today: rt.clock.today(),
      policy: rt.policy,
    }),
  tax: async (r, rt) => checkTax({ record: await rt.departments.tax(r.caseNumber, r.idNumber) }),
  medical: async (r, rt) => checkMedical({ record: await rt.departments.medical(r.caseNumber, r.idNumber), gender: identity(r).gender, policy: rt.policy }),
  housingFund: async (r, rt) => checkHousingFund({ record: await rt.departments.housingFund(r.caseNumber, r.idNumber), withdraw: r.application!.housingFund.withdraw }),
};

/**
 * One of the four parallel checks. The first answer recorded stands: a re-run (retry, replay) returns it
 * without asking the department again. A department that cannot answer throws `DepartmentUnavailable`,
 * which the state machine retries and finally turns into MANUAL.
 */
export function departmentCheckHandler(department: DepartmentKey) {
  return stepHandler(`check-${department}`, CaseInput, async ({ caseNumber }) => {
    const rt = await runtime();
    const record = await rt.cases.get(caseNumber);
    if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
    const at = rt.clock.now().toISOString();
    if (record.status === 'SUBMITTED' || record.status === 'PRE_REVIEW') {
      await rt.cases.transition(caseNumber, ['SUBMITTED', 'PRE_REVIEW'], 'CHECKING', { at, actor: 'system', note: '人社、税务、医保、公积金四部门并联核查中' });
    }
    const existing = record.departments[department];
    if (existing.outcome !== 'PENDING') return { department, outcome: existing.outcome };
    const result = await EVALUATE[department](record, rt);
    await rt.cases.recordDepartmentResult(caseNumber, department, { ...result, details: { ...result.details, checkedAt: rt.clock.now().toISOString() } }, at);
    return { department, outcome: result.outcome };
  });
}
