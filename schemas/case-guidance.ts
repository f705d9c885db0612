import { z } from 'zod';
import { Instant, IsoMonth, ReasonCode } from './common.ts';
import { DepartmentKey } from './department-result.ts';

/*
 * What the citizen does next, in the case view (GET /v1/cases/{caseNumber}): computed from what the
 * departments returned, so the page states the answer instead of sending the person into a PDF. Each figure
 * is the one the sealed papers print (functions/documents), from the same record.
 */

const Fen = z.int().min(0);

/** The monthly basic pension HR determined (the sealed 基本养老金核定表's figures). */
export const PensionSummary = z
  .strictObject({
    monthlyFen: Fen.meta({ description: '每月基本养老金: basic + personal-account pension, fen.' }),
    basicPensionFen: Fen,
    personalAccountPensionFen: Fen,
    firstMonth: IsoMonth.meta({ description: '待遇起始月份: the first month the pension is for.' }),
  })
  .meta({ id: 'PensionSummary' });

/** Something the citizen must do for the approval to take full effect, e.g. the medical-insurance top-up. */
export const Duty = z
  .strictObject({
    kind: z.enum(['medical-top-up']),
    department: DepartmentKey,
    amountFen: Fen,
    months: z.int().min(1),
    where: z.string().meta({ description: 'Where to pay, in plain words.' }),
    payBefore: IsoMonth.meta({
      description:
        'Advice, not a statutory deadline (none was found): cover starts the month after payment, so paying before this month ' +
        'lets it start with the pension.',
    }),
    coverFrom: z.literal('month-after-payment').meta({ description: '缴清后自次月起享受退休人员医保待遇.' }),
  })
  .meta({ id: 'Duty' });

/** Money the case pays out to the citizen. */
export const Payout = z
  .strictObject({
    kind: z.enum(['housing-fund-withdrawal']),
    department: DepartmentKey,
    amountFen: Fen,
    bankName: z.string(),
    accountNoMasked: z.string(),
    closesAccount: z.boolean(),
  })
  .meta({ id: 'Payout' });

/** One reason a case was refused, with what to do and where. */
export const RefusalReason = z
  .strictObject({
    from: z.union([DepartmentKey, z.literal('pre-review')]),
    body: z.string().meta({ description: 'The body that found it, as the sealed notice names it.' }),
    code: ReasonCode,
    message: z.string(),
    remedy: z.string().meta({ description: 'What the citizen can do: the wording of the sealed notice.' }),
    where: z.string().meta({ description: 'Where to go for it.' }),
  })
  .meta({ id: 'RefusalReason' });

/** How to challenge a refusal, and by when (counted from the day the decision is received). */
export const AppealRoute = z
  .strictObject({
    decidedAt: Instant.meta({ description: 'When the decision was made (the limits run from the day it is received).' }),
    reconsiderationDays: z.literal(60),
    reconsiderationTo: z.string(),
    reconsiderationBasis: z.string(),
    litigationMonths: z.literal(6),
    litigationTo: z.string(),
    litigationBasis: z.string(),
  })
  .meta({ id: 'AppealRoute' });

export const NextSteps = z
  .strictObject({
    pension: PensionSummary.optional().meta({ description: 'Approved cases whose HR check gave the figures.' }),
    duties: z.array(Duty),
    payouts: z.array(Payout),
    reasons: z.array(RefusalReason).meta({ description: 'Rejected cases: every reason, in the order of the sealed notice.' }),
    appeal: AppealRoute.optional().meta({ description: 'Rejected cases.' }),
  })
  .meta({ id: 'NextSteps' });
export type NextSteps = z.infer<typeof NextSteps>;

/** A window appointment (channel `window`): where, when, and the event for a calendar. */
export const Appointment = z
  .strictObject({
    serviceCenterId: z.string(),
    name: z.string(),
    address: z.string(),
    start: Instant,
    end: Instant,
    calendar: z.string().meta({ description: 'The appointment as an iCalendar (RFC 5545) VEVENT, for an .ics download.' }),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

/** While a person works the case: who will phone the citizen, and on which number. */
export const Callback = z
  .strictObject({
    by: z.array(z.string()).min(1).meta({ description: 'The bodies whose staff may phone, by name.' }),
    phoneMasked: z.string().meta({ description: 'The number given at booking, masked: 138****2947.' }),
  })
  .meta({ id: 'Callback' });
export type Callback = z.infer<typeof Callback>;
