import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AppliedBy } from '../../schemas/applicant.ts';
import type { BookingRequest, BookingResponse } from '../../schemas/booking.ts';
import { pendingResult } from '../../schemas/department-result.ts';
import type { Principal } from '../adapters/auth.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { queueKey } from '../adapters/table-keys.ts';
import { appliedByText } from '../domain/applicant.ts';
import { crockford6, formatCaseNumber } from '../domain/case-number.ts';
import { addDays } from '../domain/months.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { canonicalHash } from '../shared/canonical-hash.ts';
import { findSlot } from '../shared/service-centers.ts';
import type { Runtime } from '../shared/runtime.ts';
import { HttpProblem } from './http/problem.ts';
import { executionInput } from '../adapters/workflow.ts';

const MAX_ATTEMPTS = 6;

export type BookCaseOutcome =
  | { kind: 'booked'; status: number; body: BookingResponse }
  | { kind: 'open-case'; caseNumber: string }
  | { kind: 'slot-full' }
  | { kind: 'quota-exceeded'; scope: string; retryAfterSeconds: number }
  | { kind: 'key-reused-with-other-body' };

/** A slot the request names that is not open: a request error, the same for one booking or a filing's item. */
export function openSlot(rt: Runtime, slotId: string | undefined, path: string) {
  const slotDef = slotId ? findSlot(slotId, { today: rt.clock.today(), horizonDays: rt.policy.applicationDeadlineDays }) : undefined;
  if (slotId && !slotDef)
    throw new HttpProblem(400, 'Invalid request', 'The slot does not exist, has passed or is not offered yet.', [{ path, message: 'is not an open slot' }]);
  return slotDef;
}

/**
 * One booking: the case, the person's open-case lock, the slot's seat, the message and its quotas, and the
 * idempotency record, in one transaction (functions/adapters/booking-store.ts), then the case's workflow. Shared
 * by the person's own booking and each retiree of an employer's filing, so both give one case per person.
 */
export async function bookCase(
  rt: Runtime,
  input: { request: BookingRequest; principal: Principal; appliedBy: AppliedBy; idempotencyKey: string; slotPath: string },
): Promise<BookCaseOutcome> {
  const { request, principal, appliedBy } = input;
  const slotDef = openSlot(rt, request.slotId, input.slotPath);
  const requestHash = canonicalHash(request);
  const today = rt.clock.today();
  const deadline = addDays(today, rt.policy.applicationDeadlineDays);
  const who = appliedByText(appliedBy);

  for (let attempt = 1; ; attempt++) {
    const now = rt.clock.now().toISOString();
    const caseNumber = formatCaseNumber(today, crockford6(randomBytes(4)));
    const slot = slotDef && { slotId: slotDef.slotId, serviceCenterId: slotDef.serviceCenterId, start: slotDef.start, end: slotDef.end };
    const response: BookingResponse = { caseNumber, status: 'BOOKED', channel: request.channel, ...(slot ? { slot } : {}), applicationDeadline: deadline };
    const record: CaseRecord = {
      caseNumber,
      idNumber: request.idNumber,
      name: request.name,
      phone: request.phone,
      channel: request.channel,
      ...(slot ? { slot } : {}),
      applicationDeadline: deadline,
      status: 'BOOKED',
      createdAt: now,
      updatedAt: now,
      timeline: [{ at: now, status: 'BOOKED', actor: principal.subject, note: `${slot ? `预约 ${slot.start} 窗口办理` : '网上预约'}（${who}）` }],
      departments: { hr: pendingResult(), tax: pendingResult(), medical: pendingResult(), housingFund: pendingResult() },
      reviews: {},
      documents: {},
      queueKey: queueKey(deadline, caseNumber),
      workflowVersion: rt.workflow.version,
      appliedBy,
    };
    let outcome: Awaited<ReturnType<typeof rt.bookings.book>>;
    try {
      outcome = await rt.bookings.book({
        record,
        idempotency: { scope: principal.subject, key: input.idempotencyKey, requestHash },
        slot: slotDef && { slotId: slotDef.slotId, capacity: slotDef.capacity },
        response: { status: 201, body: response },
        message: caseSms(
          record,
          'booked',
          `【退休一件事】${appliedBy.kind === 'employer' ? `${appliedBy.unitName}已为您` : appliedBy.kind === 'agent' ? `${appliedBy.name}受您委托已为您` : '您已'}预约办理退休，办件编号 ${caseNumber}，请在 ${deadline} 前提交申请${slot ? `；窗口办理时间 ${slot.start.slice(0, 16).replace('T', ' ')}` : ''}。各部门、窗口和文书都使用这个编号。`,
          now,
          { at: now, status: 'BOOKED', index: 0 },
        ),
        quotas: [
          { scope: 'sms-to-number', subject: request.phone, quota: rt.messageQuotas.perNumber },
          { scope: 'sms-by-caller', subject: principal.subject, quota: rt.messageQuotas.perCaller },
        ],
      });
    } catch (err) {
      // Concurrent bookings touching the same lock or slot conflict; back off and try again.
      if (err instanceof TransactionCanceledException && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
        continue;
      }
      throw err;
    }
    switch (outcome.kind) {
      case 'case-number-taken':
        if (attempt < MAX_ATTEMPTS) continue;
        throw new Error('could not allocate a case number');
      case 'key-reused-with-other-body':
      case 'slot-full':
        return { kind: outcome.kind };
      case 'open-case':
        return { kind: 'open-case', caseNumber: outcome.caseNumber };
      case 'quota-exceeded':
        return outcome;
      case 'created':
      case 'replayed': {
        const stored = outcome.response.body as BookingResponse;
        // Also on a replay: the first attempt may have stopped between booking and starting the workflow.
        await rt.workflow.startCase(stored.caseNumber, executionInput(stored.caseNumber, stored.applicationDeadline, rt.clock.now()), {
          version: rt.workflow.version,
        });
        return { kind: 'booked', status: outcome.response.status, body: stored };
      }
    }
  }
}

/** The refusal of a booking outcome as the single booking answers it (a filing's item carries the same problem). */
export function bookingProblem(outcome: Exclude<BookCaseOutcome, { kind: 'booked' }>, phonePath: string, slotPath: string): HttpProblem {
  switch (outcome.kind) {
    case 'key-reused-with-other-body':
      return new HttpProblem(422, 'Idempotency key reused', 'This Idempotency-Key was used with a different request body.', [
        { path: 'Idempotency-Key', message: 'was used with a different body' },
      ]);
    case 'open-case':
      return new HttpProblem(409, 'Open case exists', `This person already has an open case: ${outcome.caseNumber}.`, undefined, {
        caseNumber: outcome.caseNumber,
      });
    case 'quota-exceeded':
      return new HttpProblem(
        429,
        'Too many messages',
        outcome.scope === 'sms-to-number'
          ? 'This phone number has been sent as many messages as we send in a day; please try again later.'
          : 'This caller has caused as many messages as we send in an hour; please try again later.',
        outcome.scope === 'sms-to-number' ? [{ path: phonePath, message: 'has had too many messages; try again later' }] : undefined,
        undefined,
        { 'retry-after': String(outcome.retryAfterSeconds) },
      );
    case 'slot-full':
      return new HttpProblem(409, 'Slot full', 'This slot is fully booked; please choose another.', [{ path: slotPath, message: 'is full' }]);
  }
}
