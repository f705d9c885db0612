/**
 * A case keeps the workflow it started on. The product is stopped while a case waits for its form and
 * started again with a changed workflow: the waiting case completes on its old definition, a new case runs
 * the new one, and each case view names its version.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASL_PATH } from '../../infra/local/workflow-engine.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const OLD_CASE_PERSON = demo.get('441900196610120130'); // 陈志明 M: statutory 2027-04, everything passes
const NEW_CASE_PERSON = demo.get('441900197606210189'); // 黄丽娟 F50: statutory 2027-03, no housing fund account

/** The product's workflow with its wait for the form renamed: the same work, visibly another definition. */
function changedWorkflow(dir: string): string {
  const asl = JSON.parse(readFileSync(ASL_PATH, 'utf8'));
  const text = JSON.stringify(asl, null, 2).replaceAll('"WaitForApplication"', '"WaitForForm"');
  expect(text).toContain('"WaitForForm": {');
  const path = join(dir, 'changed.asl.json');
  writeFileSync(path, text);
  return path;
}

describe('workflow versions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-versions-'));
  let stack: TestStack | undefined;
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function book(s: TestStack, person: any, token: string): Promise<string> {
    const res = await s.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(res.status).toBe(201);
    return res.body.caseNumber;
  }

  it('an in-flight case finishes on the version it started on; a new case runs the new one', async () => {
    stack = await startTestStack({ dataDir, clockToday: '2027-03-20' });
    const oldToken = await stack.client.token('citizen', { idNumber: OLD_CASE_PERSON.idNumber });
    const oldCase = await book(stack, OLD_CASE_PERSON, oldToken);
    const before = (await stack.client.get(`/v1/cases/${oldCase}`, oldToken)).body;
    expect(before.status).toBe('BOOKED');
    const oldVersion = before.workflowVersion;
    expect(oldVersion).toMatch(/^[0-9a-f]{16}$/);
    await stack.stop();

    stack = await startTestStack({ dataDir, clockToday: '2027-03-20', workflowPath: changedWorkflow(dataDir) });
    const statesRun = new Map<string, string[]>();
    stack.engine.onTaskOutput = (t) => statesRun.set(t.caseNumber, [...(statesRun.get(t.caseNumber) ?? []), t.state]);
    expect(stack.engine.version).not.toBe(oldVersion);

    const form = applicationFor(OLD_CASE_PERSON, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${oldCase}/application`, form, oldToken)).status).toBe(202);
    const oldDone = await stack.client.waitForCase(oldCase, oldToken, (c) => c.status === 'COMPLETED');

    const newToken = await stack.client.token('citizen', { idNumber: NEW_CASE_PERSON.idNumber });
    const newCase = await book(stack, NEW_CASE_PERSON, newToken);
    const newForm = applicationFor(NEW_CASE_PERSON, { type: 'normal', requestedMonth: '2027-03', originalRetirementAge: 50 });
    expect((await stack.client.post(`/v1/cases/${newCase}/application`, newForm, newToken)).status).toBe(202);
    const newDone = await stack.client.waitForCase(newCase, newToken, (c) => c.status === 'COMPLETED');

    expect(oldDone.workflowVersion).toBe(oldVersion);
    expect(newDone.workflowVersion).toBe(stack.engine.version);
    expect(statesRun.get(oldCase)).toContain('WaitForApplication');
    expect(statesRun.get(oldCase)).not.toContain('WaitForForm');
    expect(statesRun.get(newCase)).toContain('WaitForForm');
    expect(statesRun.get(newCase)).not.toContain('WaitForApplication');
    expect(oldDone.documents.length).toBeGreaterThan(0);
    expect(newDone.documents.length).toBeGreaterThan(0);
    // Two starts of the whole product and two cases through five parallel checks: more than the default 30 s on a loaded machine.
  }, 120_000);
});
