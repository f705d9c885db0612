/**
 * The pre-review hands the department checks and Decide the case as it left it, sealed (functions/steps/case-snapshot.ts),
 * so neither reads the case itself (issue 13: six reads a case fewer). Through the real embedded stack: a check handed
 * its case's snapshot does not read the case and answers as the check that reads the case does; a snapshot of
 * another case, or an altered one, is refused rather than used or quietly replaced by a read; Decide handed a copy
 * of a case that has moved since does not write from it, but reads the case and routes by what it holds.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as checkHr } from '../../functions/steps/check-hr.ts';
import { sealCase } from '../../functions/steps/case-snapshot.ts';
import { handler as decide } from '../../functions/steps/decide.ts';
import { MAX_SNAPSHOT_CHARS, handler as preReview } from '../../functions/steps/pre-review.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/table-keys.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
/** Two people the departments approve (tests/support/demo-scenarios.ts), with the month each retires in. */
const CHEN = { ...demo.get('441900196610120130'), month: '2027-04' };
const HUANG = { ...demo.get('441900197606210189'), month: '2027-03' };

describe('the checks and Decide read the case as the pre-review handed it on', () => {
  let stack: TestStack;
  const reads: string[] = [];
  let chen: string;
  let huang: string;
  beforeAll(async () => {
    stack = await startTestStack();
    // The reads of a case, by case number: the text messages of the cases may still be on their way, so the table's
    // requests are not counted as a whole.
    const { cases } = stack.runtime;
    const get = cases.get.bind(cases);
    cases.get = (caseNumber) => {
      reads.push(caseNumber);
      return get(caseNumber);
    };
    const getForCheck = cases.getForCheck.bind(cases);
    cases.getForCheck = (caseNumber, department) => {
      reads.push(caseNumber);
      return getForCheck(caseNumber, department);
    };
    chen = await submitted(CHEN);
    huang = await submitted(HUANG);
  });
  afterAll(() => stack?.close());

  async function submitted(person: any): Promise<string> {
    stack.setToday(`${person.month === '2027-04' ? '2027-03' : '2027-02'}-15`);
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    const caseNumber = await bookAndSubmit(stack.client, token, person, {
      type: 'normal',
      requestedMonth: person.month,
      originalRetirementAge: person.hr.originalRetirementAge,
    });
    await stack.client.waitForCase(caseNumber, token, (c: any) => c.status === 'COMPLETED');
    return caseNumber;
  }

  it('answers from the snapshot without a read of its own, as it answers from its own read', async () => {
    const caseNumber = chen;
    const handed = (await preReview({ caseNumber, handChecks: true }, {} as never)) as { outcome: string; snapshot?: string };
    expect(handed.outcome).toBe('PASS');
    expect(handed.snapshot).toMatch(/^v1\.local\./);
    expect(handed.snapshot).not.toContain(CHEN.idNumber);

    // The case is decided by now: its recorded answer is what both kinds of check hand back.
    const readsOf = (from: number) => reads.slice(from).filter((n) => n === caseNumber).length;
    const before = reads.length;
    const fromSnapshot = await checkHr({ caseNumber, returnAnswer: true, snapshot: handed.snapshot }, {} as never);
    expect(readsOf(before)).toBe(0);
    const fromRead = await checkHr({ caseNumber, returnAnswer: true }, {} as never);
    expect(readsOf(before)).toBe(1);
    expect(fromSnapshot).toEqual(fromRead);
    expect(fromSnapshot).toEqual({ department: 'hr', outcome: (await stack.runtime.cases.get(caseNumber))!.departments.hr.outcome });
  });

  it('hands nothing on without being asked: the released workflows before it keep the outcome alone in their Standard history', async () => {
    const caseNumber = huang;
    expect(await preReview({ caseNumber }, {} as never)).toEqual({ outcome: (await stack.runtime.cases.get(caseNumber))!.preReview!.outcome });
  });

  it('refuses a snapshot of another case, and an altered one', async () => {
    const ofChen = ((await preReview({ caseNumber: chen, handChecks: true }, {} as never)) as { snapshot: string }).snapshot;
    await expect(checkHr({ caseNumber: huang, returnAnswer: true, snapshot: ofChen }, {} as never)).rejects.toThrow();
    const parts = ofChen.split('.');
    const body = Buffer.from(parts.at(-1)!, 'base64url');
    body[0]! ^= 1;
    parts[parts.length - 1] = body.toString('base64url');
    await expect(checkHr({ caseNumber: chen, returnAnswer: true, snapshot: parts.join('.') }, {} as never)).rejects.toThrow();
  });

  it('Decide handed a copy of a case that has moved since writes nothing from it, and routes by what the case holds', async () => {
    const now = (await stack.runtime.cases.get(chen))!;
    expect(now.decision).toBe('APPROVED');
    // The case as the pre-review left it, before the departments answered and the decision was made.
    const atPreReview = now.timeline.findIndex((t) => t.status === 'CHECKING') + 1;
    const stale = { ...now, status: 'CHECKING' as const, decision: undefined, timeline: now.timeline.slice(0, atPreReview) };
    // The messages Decide leaves (a decision, or a wait for staff); others may still come of the completed case.
    const decisionMessages = async () => (await stack.runtime.outbox.forCase(chen)).filter((m) => m.kind === 'decided' || m.kind === 'manual-review');
    const messagesBefore = (await decisionMessages()).length;

    const routed = await decide({ caseNumber: chen, checks: [], snapshot: await sealCase(stack.runtime, stale) }, {} as never);

    expect(routed).toEqual({ needsManualReview: false, decision: 'APPROVED' });
    const after = (await stack.runtime.cases.get(chen))!;
    expect(after.timeline).toHaveLength(now.timeline.length);
    expect(after.status).toBe(now.status);
    expect(await decisionMessages()).toHaveLength(messagesBefore);
    expect(messagesBefore).toBe(1);
  });

  it('a move guarded by the timeline length applies only to the case as the copy saw it', async () => {
    const { client } = stack;
    const person = demo.get('441900196609300193');
    stack.setToday('2027-02-15');
    const { caseNumber } = await (async () => {
      const token = await client.token('citizen', { idNumber: person.idNumber });
      const booked = await client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      expect(booked.status).toBe(201);
      return { caseNumber: booked.body.caseNumber as string };
    })();
    const booked = (await stack.runtime.cases.get(caseNumber))!;
    const entry = { at: new Date().toISOString(), status: 'BOOKED' as const, actor: 'test', note: 'guarded' };
    const move = (timelineLength: number) => stack.runtime.cases.advance(caseNumber, ['BOOKED'], [entry], {}, [], undefined, [], { timelineLength });

    expect(await move(booked.timeline.length - 1)).toBe(false);
    expect(await move(booked.timeline.length + 1)).toBe(false);
    expect((await stack.runtime.cases.get(caseNumber))!.timeline).toHaveLength(booked.timeline.length);
    expect(await move(booked.timeline.length)).toBe(true);
    expect((await stack.runtime.cases.get(caseNumber))!.timeline).toHaveLength(booked.timeline.length + 1);
  });

  it('hands on no copy of a case grown past a quarter of a state payload, so the checks and Decide read it themselves', async () => {
    const { db, table } = stack.runtime.cases;
    const before = (await stack.runtime.cases.get(huang))!;
    const note = '补充说明'.repeat(2_000);
    const entries = Array.from({ length: 12 }, (_, i) => ({
      at: new Date(Date.UTC(2027, 1, 15, 1, i)).toISOString(),
      status: before.status,
      actor: 'test',
      note,
    }));
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.case(huang),
        UpdateExpression: 'SET timeline = list_append(timeline, :e)',
        ExpressionAttributeValues: { ':e': entries },
      }),
    );
    expect(JSON.stringify((await stack.runtime.cases.get(huang))!).length).toBeGreaterThan(MAX_SNAPSHOT_CHARS);
    const handed = await preReview({ caseNumber: huang, handChecks: true }, {} as never);
    expect(handed).toEqual({ outcome: (await stack.runtime.cases.get(huang))!.preReview!.outcome, snapshot: null });
  });
});
