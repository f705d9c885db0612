/**
 * Who may apply for a person, and how the case and its papers name them. Pure rules: the handlers load the
 * authorisation record and the HR record and ask these.
 */
import type { AgencyScope, AppliedBy, AppliedByView } from '../../schemas/applicant.ts';
import { maskIdNumber } from './mask.ts';

export interface AgencyGrant {
  authorisationId: string;
  personIdNumber: string;
  agentIdNumber: string;
  scope: readonly AgencyScope[];
  validFrom: string;
  validUntil: string;
}

export type AgencyVerdict = { ok: true } | { ok: false; reason: 'none' | 'not-yet' | 'expired' | 'scope'; message: string };

const SCOPE_ZH: Record<AgencyScope, string> = { book: '预约', apply: '填报、补正和撤回申请', follow: '查看办理进度和文书' };

/** Whether an authorisation lets the agent do `scope` for the person on `today` (dates inclusive). */
export function agencyVerdict(grant: AgencyGrant | undefined, today: string, scope: AgencyScope): AgencyVerdict {
  if (!grant) return { ok: false, reason: 'none', message: 'This person has not authorised you to act for them (代办授权).' };
  if (today < grant.validFrom) return { ok: false, reason: 'not-yet', message: `The authorisation holds from ${grant.validFrom}; today is ${today}.` };
  if (today > grant.validUntil) return { ok: false, reason: 'expired', message: `The authorisation ended on ${grant.validUntil}; today is ${today}.` };
  if (!grant.scope.includes(scope))
    return { ok: false, reason: 'scope', message: `The authorisation does not cover ${scope} (${SCOPE_ZH[scope]}); it covers: ${grant.scope.join(', ')}.` };
  return { ok: true };
}

/** Why an authorisation request cannot be taken, by field; empty when it can. */
export function authorisationProblems(
  input: { personIdNumber: string; agentIdNumber: string; validFrom: string; validUntil: string },
  today: string,
  maxDays: number,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (input.agentIdNumber === input.personIdNumber) out.push({ path: 'agent.idNumber', message: 'is your own ID number: an agent is someone else' });
  if (input.validFrom < today) out.push({ path: 'validFrom', message: `must not be before today (${today})` });
  if (input.validUntil < input.validFrom) out.push({ path: 'validUntil', message: 'must not be before validFrom' });
  else if (daysBetween(input.validFrom, input.validUntil) >= maxDays) out.push({ path: 'validUntil', message: `must be within ${maxDays} days of validFrom` });
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether HR's record shows the person works for this unit: by the unit's credit code where the record holds
 * one, else by the unit's registered name (the department-record format names the employer; the code is an
 * added field). A person without an employer (灵活就业) is nobody's employee.
 */
export function employs(unit: { creditCode: string; name: string }, hr: { employer?: string; employerCreditCode?: string } | undefined): boolean {
  if (!hr) return false;
  if (hr.employerCreditCode) return hr.employerCreditCode === unit.creditCode;
  return (hr.employer ?? '').trim() !== '' && hr.employer!.trim() === unit.name.trim();
}

/** The case view's `appliedBy`: ID numbers masked. A case booked before applicant kinds was the person's. */
export function appliedByView(appliedBy: AppliedBy | undefined): AppliedByView {
  const a = appliedBy ?? { kind: 'person' as const };
  switch (a.kind) {
    case 'person':
      return { kind: 'person' };
    case 'employer':
      return {
        kind: 'employer',
        name: a.unitName,
        creditCode: a.creditCode,
        officer: { name: a.officer.name, idNumberMasked: maskIdNumber(a.officer.idNumber) },
      };
    case 'agent':
      return { kind: 'agent', name: a.name, idNumberMasked: maskIdNumber(a.idNumber), authorisationId: a.authorisationId };
  }
}

/** How the timeline and the sealed papers name who applied (Chinese, plain words; ID numbers masked). */
export function appliedByText(appliedBy: AppliedBy | undefined): string {
  const a = appliedBy ?? { kind: 'person' as const };
  switch (a.kind) {
    case 'person':
      return '本人申请';
    case 'employer':
      return `单位经办：${a.unitName}（统一社会信用代码 ${a.creditCode}），经办人 ${a.officer.name}`;
    case 'agent':
      return `委托代办：代办人 ${a.name}（${maskIdNumber(a.idNumber)}），授权编号 ${a.authorisationId}`;
  }
}
