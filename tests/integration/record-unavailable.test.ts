/**
 * RecordUnavailable runs after the last failed run of the case steps. That run may have failed before any
 * department was asked (its 5 minutes spent in pre-review): then there is no silent department to hand to a
 * person, and the case is left as it is, for the next step (Conclude) to find it not ready and send it to staff.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as recordUnavailable } from '../../functions/steps/record-unavailable.ts';
import { DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130');
const childFailed = { Error: 'States.TaskFailed', Cause: JSON.stringify({ Status: 'FAILED', Error: 'States.Timeout', Cause: 'the run outlived 300 s' }) };

describe('RecordUnavailable', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2026-12-10' });
  });
  afterAll(() => stack?.close());

  it('hands no department to a person for a case the departments were never asked about', async () => {
    const token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber as string;
    const before = (await stack.runtime.cases.get(caseNumber))!;
    expect(before.status).toBe('BOOKED');

    const out = await recordUnavailable({ caseNumber, error: childFailed }, {} as never);

    expect(out).toEqual({ checks: [] });
    const after = (await stack.runtime.cases.get(caseNumber))!;
    expect(after.departments).toEqual(before.departments);
    expect(Object.values(after.departments).map((d) => d.outcome)).not.toContain('MANUAL');
  });
});
