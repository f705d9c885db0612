import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { BookingResponse } from '../../schemas/booking.ts';
import { pendingResult } from '../../schemas/department-result.ts';
import type { CaseRecord } from '../adapters/case-record.ts';
import { queueKey } from '../adapters/table-keys.ts';
import { executionInput } from '../adapters/workflow.ts';
import { crockford6, formatCaseNumber } from '../domain/case-number.ts';
import { parseIdNumber } from '../domain/id-number.ts';
import { addDays } from '../domain/months.ts';
import { caseSms } from '../notifications/pending-sms.ts';
import { canonicalHash } from '../shared/canonical-hash.ts';
import { findSlot } from '../shared/service-centers.ts';
import { idempotencyKey } from './http/idempotency-key.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem } from './http/problem.ts';

const MAX_ATTEMPTS = 6;

export const handler = httpHandler(operations.createBooking, {
  async handle({ body, principal, headers, rt }) {
    const parsed = parseIdNumber(body.idNumber, rt.clock.today());
    if (!parsed.ok)
      throw new HttpProblem(400, 'Invalid request', `The ID number is not valid: ${parsed.message}`, [{ path: 'idNumber', message: parsed.message }]);
    if (principal!.role === 'citizen' && principal!.idNumber !== body.idNumber) {
      throw new HttpProblem(403, 'Forbidden', 'A citizen may book only for itself.', [
        { path: 'idNumber', message: 'is not the ID number of the signed-in person' },
      ]);
    }
    const slotDef = body.slotId ? findSlot(body.slotId, { today: rt.clock.today(), horizonDays: rt.policy.applicationDeadlineDays }) : undefined;
    if (body.slotId && !slotDef) {
      throw new HttpProblem(400, 'Invalid request', 'The slot does not exist, has passed or is not offered yet.', [
        { path: 'slotId', message: 'is not an open slot' },
      ]);
    }
    const key = idempotencyKey(headers) ?? crypto.randomUUID();
    const requestHash = canonicalHash(body);
    const today = rt.clock.today();
    const deadline = addDays(today, rt.policy.applicationDeadlineDays);

    for (let attempt = 1; ; attempt++) {
      const now = rt.clock.now().toISOString();
      const caseNumber = formatCaseNumber(today, crockford6(randomBytes(4)));
      const slot = slotDef && { slotId: slotDef.slotId, serviceCenterId: slotDef.serviceCenterId, start: slotDef.start, end: slotDef.end };
      const response: BookingResponse = { caseNumber, status: 'BOOKED', channel: body.channel, ...(slot ? { slot } : {}), applicationDeadline: deadline };
      const record: CaseRecord = {
        caseNumber,
        idNumber: body.idNumber,
        name: body.name,
        phone: body.phone,
        channel: body.channel,
        ...(slot ? { slot } : {}),
        applicationDeadline: deadline,
        status: 'BOOKED',
        createdAt: now,
        updatedAt: now,
        timeline: [{ at: now, status: 'BOOKED', actor: principal!.subject, note: slot ? `预约 ${slot.start} 窗口办理` : '网上预约' }],
        departments: { hr: pendingResult(), tax: pendingResult(), medical: pendingResult(), housingFund: pendingResult() },
        reviews: {},
        documents: {},
        queueKey: queueKey(deadline, caseNumber),
        workflowVersion: rt.workflow.version,
      };
      let outcome: Awaited<ReturnType<typeof rt.bookings.book>>;
      try {
        outcome = await rt.bookings.book({
          record,
          idempotency: { scope: principal!.subject, key, requestHash },
          slot: slotDef && { slotId: slotDef.slotId, capacity: slotDef.capacity },
          response: { status: 201, body: response },
          message: caseSms(
            record,
            'booked',
            `【退休一件事】您已预约办理退休，办件编号 ${caseNumber}，请在 ${deadline} 前提交申请${slot ? `；窗口办理时间 ${slot.start.slice(0, 16).replace('T', ' ')}` : ''}。各部门、窗口和文书都使用这个编号。`,
            now,
            { at: now, status: 'BOOKED', index: 0 },
          ),
          quotas: [
            { scope: 'sms-to-number', subject: body.phone, quota: rt.messageQuotas.perNumber },
            { scope: 'sms-by-caller', subject: principal!.subject, quota: rt.messageQuotas.perCaller },
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
          throw new HttpProblem(422, 'Idempotency key reused', 'This Idempotency-Key was used with a different request body.', [
            { path: 'Idempotency-Key', message: 'was used with a different body' },
          ]);
        case 'open-case':
          throw new HttpProblem(409, 'Open case exists', `This person already has an open case: ${outcome.caseNumber}.`, undefined, {
            caseNumber: outcome.caseNumber,
          });
        case 'quota-exceeded':
          throw new HttpProblem(
            429,
            'Too many messages',
            outcome.scope === 'sms-to-number'
              ? 'This phone number has been sent as many messages as we send in a day; please try again later.'
              : 'This caller has caused as many messages as we send in an hour; please try again later.',
            outcome.scope === 'sms-to-number' ? [{ path: 'phone', message: 'has had too many messages; try again later' }] : undefined,
            undefined,
            { 'retry-after': String(outcome.retryAfterSeconds) },
          );
        case 'slot-full':
          throw new HttpProblem(409, 'Slot full', 'This slot is fully booked; please choose another.', [{ path: 'slotId', message: 'is full' }]);
        case 'created':
        case 'replayed': {
          const stored = outcome.response.body as BookingResponse;
          // Also on a replay: the first attempt may have stopped between booking and starting the workflow.
          await rt.workflow.startCase(stored.caseNumber, executionInput(stored.caseNumber, stored.applicationDeadline, rt.clock.now()), {
            version: rt.workflow.version,
          });
          return { status: outcome.response.status, body: stored, headers: { location: `/v1/cases/${stored.caseNumber}` } };
        }
      }
    }
  },
});
