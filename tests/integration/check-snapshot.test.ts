/**
 * The pre-review hands the department checks what they read of the case, sealed (functions/steps/check-snapshot.ts),
 * so a check reads nothing itself (issue 13: five reads a case fewer). Through the real embedded stack: a check handed
 * its case's snapshot makes no DynamoDB request and answers as the check that reads the case does; a snapshot of
 * another case, or an altered one, is refused rather than used or quietly replaced by a read.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as checkHr } from '../../functions/steps/check-hr.ts';
import { handler as preReview } from '../../functions/steps/pre-review.ts';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
/** Two people the departments approve (tests/support/demo-scenarios.ts), with the month each retires in. */
const CHEN = { ...demo.get('441900196610120130'), month: '2027-04' };
const HUANG = { ...demo.get('441900197606210189'), month: '2027-03' };

describe('the checks read the case as the pre-review handed it on', () => {
  let stack: TestStack;
  let requests = 0;
  let chen: string;
  let huang: string;
  beforeAll(async () => {
    stack = await startTestStack();
    stack.runtime.cases.db.middlewareStack.add(
      (next) => async (args) => {
        requests++;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
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
    await stack.client.waitForCase(caseNumber, token, (c: any) => !['BOOKED', 'SUBMITTED', 'PRE_REVIEW', 'CHECKING', 'SEAHUANGG'].includes(c.status));
    return caseNumber;
  }

  it('answers from the snapshot without a request of its own, as it answers from its own read', async () => {
    const caseNumber = chen;
    const handed = (await preReview({ caseNumber, handChecks: true }, {} as never)) as { outcome: string; snapshot?: string };
    expect(handed.outcome).toBe('PASS');
    expect(handed.snapshot).toMatch(/^v1\.local\./);
    expect(handed.snapshot).not.toContain(CHEN.idNumber);

    // The case is decided by now: its recorded answer is what both kinds of check hand back.
    const before = requests;
    const fromSnapshot = await checkHr({ caseNumber, returnAnswer: true, snapshot: handed.snapshot }, {} as never);
    expect(requests - before).toBe(0);
    const fromRead = await checkHr({ caseNumber, returnAnswer: true }, {} as never);
    expect(requests - before).toBe(1);
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
});
