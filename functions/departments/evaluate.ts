import type { DepartmentKey, DepartmentResult } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { checkHealth } from '../domain/health-check.ts';
import { checkHousingFund } from '../domain/housing-fund-check.ts';
import { checkHr } from '../domain/hr-check.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import { checkMedical } from '../domain/medical-check.ts';
import { checkTax } from '../domain/tax-check.ts';
import type { Runtime } from '../shared/runtime.ts';

export type CheckedCase = Pick<CaseRecord, 'caseNumber' | 'idNumber' | 'application'>;
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
      rules: rt.rules,
    }),
  tax: async (r, rt) => checkTax({ record: await rt.departments.tax(r.caseNumber, r.idNumber) }),
  medical: async (r, rt) =>
    checkMedical({
      record: await rt.departments.medical(r.caseNumber, r.idNumber),
      gender: identity(r).gender,
      retirementMonth: r.application!.retirement.requestedMonth,
      today: rt.clock.today(),
      rules: rt.rules,
    }),
  housingFund: async (r, rt) =>
    checkHousingFund({ record: await rt.departments.housingFund(r.caseNumber, r.idNumber), withdraw: r.application!.housingFund.withdraw }),
  health: async (r, rt) =>
    checkHealth({
      record: await rt.departments.health(r.caseNumber, r.idNumber),
      retirementMonth: r.application!.retirement.requestedMonth,
      rules: rt.rules,
    }),
};

/**
 * One department's answer for a case, stamped with when it was asked: the workflow's check step and a staff
 * recheck (POST /v1/staff/cases/{caseNumber}/rechecks) ask the same way and apply the same rule. A department
 * that cannot answer throws `DepartmentUnavailable` or `DepartmentResponseInvalid`; nothing is recorded here.
 */
export async function evaluateDepartment(department: DepartmentKey, record: CheckedCase, rt: Runtime): Promise<DepartmentResult> {
  const result = await EVALUATE[department](record, rt);
  return { ...result, details: { ...result.details, checkedAt: rt.clock.now().toISOString() } };
}
