import { z } from 'zod';
import { creditCodeProblem } from '../functions/domain/credit-code.ts';
import { BookingRequest, BookingResponse } from './booking.ts';
import { CaseNumber, IdNumber, IsoDate, Text } from './common.ts';
import { Problem } from './problem.ts';

/**
 * Who applies for a person's retirement (退休一件事 takes all three): the person (灵活就业人员 included), the
 * employer through its unit account (单位经办, by its unified social credit code and a handling officer), or an
 * agent the person authorised (代办, with an authorisation record).
 */
export const ApplicantKind = z.enum(['person', 'employer', 'agent']).meta({ id: 'ApplicantKind' });
export type ApplicantKind = z.infer<typeof ApplicantKind>;

/** 统一社会信用代码, GB 32100-2015: shape and check character (functions/domain/credit-code.ts). */
export const CreditCode = z
  .string()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    description: 'Unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters with its check character.',
    example: '91441900MA00000010',
  });

export const HandlingOfficer = z
  .strictObject({ name: Text({ max: 50 }), idNumber: IdNumber })
  .meta({ id: 'HandlingOfficer', description: 'The unit’s handling officer (经办人) who files.' });

/** What the case keeps of who applied (the full record; views mask the ID numbers). */
export const AppliedBy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person') }),
  z.strictObject({
    kind: z.literal('employer'),
    creditCode: z.string(),
    unitName: z.string(),
    officer: z.strictObject({ name: z.string(), idNumber: z.string() }),
  }),
  z.strictObject({ kind: z.literal('agent'), idNumber: z.string(), name: z.string(), authorisationId: z.string() }),
]);
export type AppliedBy = z.infer<typeof AppliedBy>;

/** The case view's `appliedBy`: who applied, ID numbers masked. */
export const AppliedByView = z
  .strictObject({
    kind: ApplicantKind,
    name: z.string().optional().meta({ description: 'employer: the unit; agent: the agent.' }),
    creditCode: z.string().optional().meta({ description: 'employer: its unified social credit code.' }),
    officer: z.strictObject({ name: z.string(), idNumberMasked: z.string() }).optional().meta({ description: 'employer: the handling officer.' }),
    idNumberMasked: z.string().optional().meta({ description: 'agent: the agent’s ID number, masked.' }),
    authorisationId: z.string().optional().meta({ description: 'agent: the authorisation the agent acts under.' }),
  })
  .meta({ id: 'AppliedBy', description: 'Who applied: the person, the employer (单位经办) or an authorised agent (代办).' });
export type AppliedByView = z.infer<typeof AppliedByView>;

/** What an authorisation lets the agent do: book, fill in and correct the form (and withdraw), follow the case. */
export const AgencyScope = z.enum(['book', 'apply', 'follow']).meta({ id: 'AgencyScope' });
export type AgencyScope = z.infer<typeof AgencyScope>;

/** Longest authorisation the service takes in one go: a product limit (a retirement case runs weeks), not a policy figure. */
export const MAX_AUTHORISATION_DAYS = 366;

export const AuthorisationRequest = z
  .strictObject({
    agent: z.strictObject({ idNumber: IdNumber, name: Text({ max: 50 }) }),
    scope: z
      .array(AgencyScope)
      .min(1)
      .refine((s) => new Set(s).size === s.length, 'must not name a scope twice'),
    validFrom: IsoDate,
    validUntil: IsoDate.meta({ description: 'The last day the authorisation holds (inclusive).' }),
  })
  .meta({ id: 'AuthorisationRequest', description: 'The signed-in person authorises an agent (代办授权).' });
export type AuthorisationRequest = z.infer<typeof AuthorisationRequest>;

export const Authorisation = z
  .strictObject({
    authorisationId: z.string(),
    personIdNumberMasked: z.string(),
    agent: z.strictObject({ idNumberMasked: z.string(), name: z.string() }),
    scope: z.array(AgencyScope),
    validFrom: IsoDate,
    validUntil: IsoDate,
    createdAt: z.string(),
  })
  .meta({ id: 'Authorisation' });
export type Authorisation = z.infer<typeof Authorisation>;

/** Most retirees one filing carries: one DynamoDB transaction each, well inside a Lambda's time. */
export const MAX_FILING_RETIREES = 50;

export const EmployerFilingRequest = z
  .strictObject({
    officer: HandlingOfficer,
    retirees: z
      .array(BookingRequest)
      .min(1)
      .max(MAX_FILING_RETIREES)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((r, i) => {
          if (seen.has(r.idNumber)) ctx.addIssue({ code: 'custom', path: [i, 'idNumber'], message: 'is listed twice in this filing' });
          seen.add(r.idNumber);
        });
      }),
  })
  .meta({ id: 'EmployerFilingRequest', description: 'A unit files for several of its retiring employees at once (单位批量经办).' });
export type EmployerFilingRequest = z.infer<typeof EmployerFilingRequest>;

export const FilingItemOutcome = z.enum(['BOOKED', 'OPEN_CASE', 'REFUSED']).meta({ id: 'FilingItemOutcome' });

export const EmployerFilingItem = z
  .strictObject({
    index: z.int().min(0).meta({ description: 'The position in `retirees`.' }),
    idNumber: z.string(),
    outcome: FilingItemOutcome,
    caseNumber: CaseNumber.optional().meta({ description: 'BOOKED: the new case; OPEN_CASE: the case the person already has.' }),
    booking: BookingResponse.optional(),
    problem: Problem.optional().meta({ description: 'OPEN_CASE and REFUSED: why, as a 409, 403 or 429 would say it.' }),
  })
  .meta({ id: 'EmployerFilingItem' });
export type EmployerFilingItem = z.infer<typeof EmployerFilingItem>;

export const EmployerFilingResponse = z
  .strictObject({
    results: z.array(EmployerFilingItem),
    booked: z.int().min(0),
    openCases: z.int().min(0),
    refused: z.int().min(0),
  })
  .meta({ id: 'EmployerFilingResponse', description: 'One outcome per retiree, in the order sent.' });
export type EmployerFilingResponse = z.infer<typeof EmployerFilingResponse>;
