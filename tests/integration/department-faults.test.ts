/**
 * Departments may fail; cases ride it out. Faults are injected at runtime through the dev-only route, and the
 * workflow's Retry pauses run in scaled time (RETRY_TIME_SCALE): the ASL's schedule, backoff and jitter, only
 * faster, so "a two-minute outage" is two scaled minutes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';
import { DEFAULT_DEPARTMENT_TIMEOUT_MS } from '../../functions/departments/index.ts';

// 1/100: two scaled minutes are 1.2 s, time for several refused attempts even on a loaded machine.
const RETRY_TIME_SCALE = 1 / 100;
const scaled = (ms: number) => ms * RETRY_TIME_SCALE;

const checksAsl = JSON.parse(readFileSync(new URL('../../workflows/case-steps.asl.json', import.meta.url), 'utf8'));
const caseAsl = JSON.parse(readFileSync(new URL('../../workflows/retirement-case.asl.json', import.meta.url), 'utf8'));
const taxRetry = checksAsl.States.AskDepartments.Branches.find((b: any) => b.StartAt === 'CheckTax').States.CheckTax.Retry[0];
/** The case workflow's Retry of a failed run of the checks: every run pauses as taxRetry says. */
const runRetry = caseAsl.States.RunCase.Retry.find((r: any) => r.ErrorEquals.includes('States.TaskFailed'));

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const person = (id: string) => {
  const p = demo.get(id);
  if (!p) throw new Error(`no demo person ${id}`);
  return p;
};
// Statutory months as in tests/support/demo-scenarios.ts; all four departments answer PASS (or NOT_APPLICABLE / CONDITIONAL).
const CHEN = { p: person('441900196610120130'), retirement: { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 } };
const LIN = { p: person('441900197108030169'), retirement: { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 } };
const HUANG = { p: person('441900197606210189'), retirement: { type: 'normal', requestedMonth: '2027-03', originalRetirementAge: 50 } };
const LI = { p: person('441900197107150222'), retirement: { type: 'normal', requestedMonth: '2026-12', originalRetirementAge: 55 } };
const ZHAO = { p: person('441900196611020238'), retirement: { type: 'normal', requestedMonth: '2027-05', originalRetirementAge: 60 } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('department faults (dev mode)', () => {
  let stack: TestStack;
  let alice: string; // pre-review team
  let platform: string;

  beforeAll(async () => {
    stack = await startTestStack({ retryIntervalMs: undefined, retryTimeScale: RETRY_TIME_SCALE });
    alice = await stack.client.token('pre-review', { name: 'alice' });
    platform = await stack.client.token('platform');
  });
  afterAll(() => stack?.close());

  const setFault = (department: string, fault: Record<string, unknown>) =>
    stack.client.request('PUT', `/v1/dev/departments/${department}/faults`, { body: fault });

  async function submit(who: { p: any; retirement: any }): Promise<string> {
    return bookAndSubmit(stack.client, platform, who.p, who.retirement);
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const v = await probe();
      if (v !== undefined) return v;
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('the retry budget is wider than two minutes of outage, with full jitter, and one run of the checks fits in an Express workflow', () => {
    // The sum of N full-jitter pauses: mean Σd/2, sd √(Σd²/12); two minutes must sit far below it (z > 5).
    // The pauses of every run of the checks count (the case workflow runs them again), and its pauses between runs.
    const onePerRun = Array.from({ length: taxRetry.MaxAttempts }, (_, i) =>
      Math.min(taxRetry.IntervalSeconds * taxRetry.BackoffRate ** i, taxRetry.MaxDelaySeconds),
    );
    const betweenRuns = Array.from({ length: runRetry.MaxAttempts }, (_, i) => runRetry.IntervalSeconds * runRetry.BackoffRate ** i);
    const pauses = [...Array.from({ length: 1 + runRetry.MaxAttempts }, () => onePerRun).flat(), ...betweenRuns];
    expect(runRetry.JitterStrategy).toBe('FULL');
    // One run at its longest: every pause in full, every attempt the 3-second department timeout; Express ends a run at 5 minutes.
    const longestRun = onePerRun.reduce((a, b) => a + b, 0) + (1 + taxRetry.MaxAttempts) * (DEFAULT_DEPARTMENT_TIMEOUT_MS / 1000);
    expect(longestRun).toBeLessThan(checksAsl.TimeoutSeconds);
    expect(checksAsl.TimeoutSeconds).toBeLessThanOrEqual(300);
    const mean = pauses.reduce((a, b) => a + b, 0) / 2;
    const sd = Math.sqrt(pauses.reduce((a, b) => a + b * b, 0) / 12);
    expect(taxRetry.JitterStrategy).toBe('FULL');
    expect((mean - 120) / sd).toBeGreaterThan(5);
    expect(taxRetry.ErrorEquals).toEqual(expect.arrayContaining(['DepartmentUnavailable', 'DepartmentResponseInvalid', 'States.Timeout', 'Lambda.Unknown']));
  });

  it('the faults route answers the fault in force and rejects an unknown department or mode', async () => {
    const res = await setFault('hr', { mode: 'slow', latencyMs: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ department: 'hr', mode: 'slow', latencyMs: 10 });
    expect((await setFault('hr', { mode: 'up' })).status).toBe(200);
    expect((await setFault('profile', { mode: 'down' })).status).toBe(400);
    expect((await setFault('tax', { mode: 'sideways' })).status).toBe(400);
  });

  it('a department down for two (scaled) minutes, then back: every case in flight completes normally, none MANUAL', async () => {
    const { client, standins } = stack;
    await standins.clearCalls();
    expect((await setFault('tax', { mode: 'down' })).status).toBe(200);
    let cases: string[] = [];
    try {
      cases = await Promise.all([CHEN, LIN, HUANG].map(submit));
      // Every case has met the outage at least once; from then on it lasts two scaled minutes.
      await until('every case to hit the outage', async () => {
        const refused = new Set((await standins.calls()).filter((c) => c.dept === 'tax' && c.status === 0).map((c) => c.caseNumber));
        return cases.every((c) => refused.has(c)) ? true : undefined;
      });
      await sleep(scaled(120_000));
    } finally {
      await setFault('tax', { mode: 'up' });
    }
    const done = await Promise.all(cases.map((c) => client.waitForCase(c, platform, (x) => x.status === 'COMPLETED')));
    const calls = await standins.calls();
    for (const c of done) {
      expect(c.decision).toBe('APPROVED');
      expect(c.departments.tax.outcome).toBe('PASS');
      expect(Object.values(c.departments).map((d: any) => d.outcome)).not.toContain('MANUAL');
      expect(c.timeline.map((t: any) => t.status)).not.toContain('MANUAL_REVIEW');
      const taxCalls = calls.filter((call) => call.dept === 'tax' && call.caseNumber === c.caseNumber);
      // Several refused attempts (the outage was really ridden out), then one answer.
      expect(taxCalls.filter((call) => call.status === 0).length).toBeGreaterThan(3);
      expect(taxCalls.at(-1)?.status).toBe(200);
    }
  });

  it('down longer than the retry budget: the case parks as DEPARTMENT_UNAVAILABLE; a recheck once it is back lets it complete', async () => {
    const { client } = stack;
    expect((await setFault('tax', { mode: 'down' })).status).toBe(200);
    let caseNumber: string;
    try {
      caseNumber = await submit(LI);
      const parked = await client.waitForCase(caseNumber, platform, (x) => x.status === 'MANUAL_REVIEW');
      expect(parked.departments.tax.outcome).toBe('MANUAL');
      expect(parked.departments.tax.reasons.map((r: any) => r.code)).toEqual(['DEPARTMENT_UNAVAILABLE']);
      expect(parked.departments.medical.outcome).toBe('CONDITIONAL');
      // The run was made three times (RunCase's Retry), but the departments that answered were asked once: the first
      // run recorded their answers although tax was silent, and the later runs asked tax alone.
      const calls = (await stack.standins.calls()).filter((c) => c.caseNumber === caseNumber);
      expect(calls.filter((c) => c.dept === 'tax').length).toBeGreaterThan(2 * (taxRetry.MaxAttempts + 1));
      for (const answered of ['hr', 'medical', 'housingFund'])
        expect(
          calls.filter((c) => c.dept === answered),
          answered,
        ).toHaveLength(1);

      // Still down: 503 with Retry-After, and nothing changes.
      const early = await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'tax' }, alice);
      expect(early.status).toBe(503);
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
      const unchanged = (await client.get(`/v1/cases/${caseNumber}`, platform)).body;
      expect(unchanged.status).toBe('MANUAL_REVIEW');
      expect(unchanged.departments.tax).toEqual(parked.departments.tax);
    } finally {
      await setFault('tax', { mode: 'up' });
    }
    // A department that answered is not rechecked; a citizen may not ask.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'hr' }, alice)).status).toBe(409);
    expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'tax' }, platform)).status).toBe(403);

    const recheck = await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'tax' }, alice);
    expect(recheck.status).toBe(202);
    expect(recheck.body).toMatchObject({ caseNumber, department: 'tax', outcome: 'PASS', resumed: true });
    const done = await client.waitForCase(caseNumber, platform, (x) => x.status === 'COMPLETED');
    expect(done.decision).toBe('APPROVED');
    expect(done.departments.tax.outcome).toBe('PASS');
    expect(done.departments.medical.outcome).toBe('CONDITIONAL');
    expect(done.timeline.some((t: any) => t.actor.includes('alice') && /重新核查/.test(t.note))).toBe(true);
    // Once answered, there is nothing to recheck.
    expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'tax' }, alice)).status).toBe(409);
  });

  it('卫健 down longer than the retry budget: a one-child parent parks as DEPARTMENT_UNAVAILABLE; a recheck once it is back gives the reward and its paper', async () => {
    const { client, standins } = stack;
    await standins.clearCalls();
    expect((await setFault('health', { mode: 'down' })).status).toBe(200);
    let caseNumber: string;
    try {
      caseNumber = await submit(LIN);
      const parked = await client.waitForCase(caseNumber, platform, (x) => x.status === 'MANUAL_REVIEW');
      expect(parked.departments.health.outcome).toBe('MANUAL');
      expect(parked.departments.health.reasons.map((r: any) => r.code)).toEqual(['DEPARTMENT_UNAVAILABLE']);
      // The other four answered as usual: only the health commission waits.
      expect(['hr', 'tax', 'medical', 'housingFund'].map((k) => parked.departments[k].outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
      const healthCalls = (await standins.calls()).filter((c) => c.dept === 'health' && c.caseNumber === caseNumber);
      expect(healthCalls).toHaveLength((1 + runRetry.MaxAttempts) * (1 + taxRetry.MaxAttempts));
      expect(healthCalls.every((c) => c.status === 0)).toBe(true);
      expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'health' }, alice)).status).toBe(503);
    } finally {
      await setFault('health', { mode: 'up' });
    }
    const recheck = await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'health' }, alice);
    expect(recheck.status).toBe(202);
    expect(recheck.body).toMatchObject({ caseNumber, department: 'health', outcome: 'PASS', resumed: true });
    const done = await client.waitForCase(caseNumber, platform, (x) => x.status === 'COMPLETED');
    expect(done.decision).toBe('APPROVED');
    expect(done.departments.health.outcome).toBe('PASS');
    expect(done.departments.health.details.rewardFen).toBeGreaterThan(0);
    expect(done.documents.map((d: any) => d.documentId)).toContain(`${caseNumber}-05`);
  });

  it('a malformed answer is never taken as a result: retried, then parked, never PASS or FAIL', async () => {
    const { client, standins } = stack;
    await standins.clearCalls();
    expect((await setFault('medical', { mode: 'malformed' })).status).toBe(200);
    let caseNumber: string;
    try {
      caseNumber = await submit(ZHAO);
      const parked = await client.waitForCase(caseNumber, platform, (x) => x.status === 'MANUAL_REVIEW');
      expect(parked.departments.medical.outcome).toBe('MANUAL');
      expect(parked.departments.medical.reasons.map((r: any) => r.code)).toEqual(['DEPARTMENT_UNAVAILABLE']);
      expect(parked.departments.medical.details.error).toBe('DepartmentResponseInvalid');
      const medicalCalls = (await standins.calls()).filter((c) => c.dept === 'medical' && c.caseNumber === caseNumber);
      // Every answer was a 200, and every one was refused: the first attempt and each retry.
      expect(medicalCalls).toHaveLength((1 + runRetry.MaxAttempts) * (1 + taxRetry.MaxAttempts));
      expect(medicalCalls.every((c) => c.status === 200)).toBe(true);
      // While it stays malformed, a recheck records nothing either.
      expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'medical' }, alice)).status).toBe(503);
      expect((await client.get(`/v1/cases/${caseNumber}`, platform)).body.departments.medical.outcome).toBe('MANUAL');
    } finally {
      await setFault('medical', { mode: 'up' });
    }
    expect((await client.post(`/v1/staff/cases/${caseNumber}/rechecks`, { department: 'medical' }, alice)).status).toBe(202);
    const done = await client.waitForCase(caseNumber, platform, (x) => x.status === 'COMPLETED');
    expect(done.departments.medical.outcome).toBe('CONDITIONAL');
  });
});

describe('department faults (dev mode off)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ devMode: false });
  });
  afterAll(() => stack?.close());

  it('PUT /v1/dev/departments/{department}/faults is 404', async () => {
    const res = await stack.client.request('PUT', '/v1/dev/departments/tax/faults', { body: { mode: 'down' } });
    expect(res.status).toBe(404);
    expect(stack.runtime.faults).toBeUndefined();
  });
});
