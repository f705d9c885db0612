import type { DepartmentKey, DepartmentResult } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { checkHousingFund } from '../domain/housing-fund-check.ts';
import { checkHr } from '../domain/hr-check.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import { checkMedical } from '../domain/medical-check.ts';
import { checkTax } from '../domain/tax-check.ts';
import type { Runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

type CheckedCase = Pick<CaseRecord, 'caseNumber' | 'idNumber' | 'application'>;
type Evaluate = (record: CheckedCase, rt: Runtime) => Promise<DepartmentResult>;

function identity(record: CheckedCase) {
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
  housingFund: async (r, rt) =>
    checkHousingFund({ record: await rt.departments.housingFund(r.caseNumber, r.idNumber), withdraw: r.application!.housingFund.withdraw }),
};

export interface CheckOutput {
  department: DepartmentKey;
  result: DepartmentResult;
}

/**
 * One of the four parallel checks: one read, the department's answer, the rule. It writes nothing — the
 * Decide step records all four answers in one write — so the parallel phase lasts as long as the slowest
 * department and no longer. An answer already recorded (a replay after Decide) is returned as it stands.
 * A department that cannot answer throws `DepartmentUnavailable`, which the state machine retries and
 * finally turns into MANUAL.
 */
export function departmentCheckHandler(department: DepartmentKey) {
  return stepHandler(`check-${department}`, CaseInput, async ({ caseNumber }, rt): Promise<CheckOutput> => {
    const record = await rt.cases.getForCheck(caseNumber, department);
    if (!record?.application) throw new Error(`case ${caseNumber} has no application`);
    const recorded = record.departments?.[department];
    if (recorded && recorded.outcome !== 'PENDING') return { department, result: recorded };
    const result = await EVALUATE[department](record, rt);
    return { department, result: { ...result, details: { ...result.details, checkedAt: rt.clock.now().toISOString() } } };
  });
}
