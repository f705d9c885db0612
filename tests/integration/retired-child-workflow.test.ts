/**
 * An upgrade does not strand the cases under way. A case started on the workflow of 2026-12-06, whose Express child
 * (the department checks) this product no longer ships, finishes on that workflow after the embedded hosting is
 * started again: the hosting kept the texts of the version beside its data (here written as it would have, from
 * the released texts workflows/retained keeps), and
 * runs them to the case's end, as Step Functions keeps an execution's definition and child versions.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { makeLocalDocumentClient } from '../../infra/local/dynamodb-local.ts';
import { keys } from '../../functions/adapters/table-keys.ts';
import { childWorkflowsOf, readRetainedWorkflows } from '../../workflows/definitions.ts';
import { workflowVersionOf } from '../../workflows/version.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const [RELEASED] = readRetainedWorkflows(ROOT, '2026-12-08');
const OLD_CASE = RELEASED!.definition;
const OLD_CHILD = RELEASED!.children.DepartmentChecksStateMachineArn!;
const OLD_VERSION = workflowVersionOf(OLD_CASE, { DepartmentChecksStateMachineArn: OLD_CHILD });

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const CHEN = demo.get('441900196610120130'); // statutory 2027-04, everything passes

describe('a case on a workflow whose child was retired', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-retired-child-'));
  let stack: TestStack | undefined;
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after a restart and completes on the workflow it started on', async () => {
    expect(childWorkflowsOf(OLD_CASE)).toEqual(['DepartmentChecksStateMachineArn']);
    mkdirSync(join(dataDir, 'workflows'), { recursive: true });
    writeFileSync(join(dataDir, 'workflows', `${OLD_VERSION}.asl.json`), OLD_CASE);
    writeFileSync(join(dataDir, 'workflows', `${OLD_VERSION}.DepartmentChecksStateMachineArn.asl.json`), OLD_CHILD);

    stack = await startTestStack({ dataDir, clockToday: '2027-03-20' });
    expect(stack.engine.version).not.toBe(OLD_VERSION);
    const token = await stack.client.token('citizen', { idNumber: CHEN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: CHEN.idNumber, name: CHEN.name, phone: CHEN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber = booked.body.caseNumber as string;
    // As if booked before the upgrade: the case records the version it started on.
    await makeLocalDocumentClient(stack.dynamo.endpoint).send(
      new UpdateCommand({
        TableName: 'retireone-cases',
        Key: keys.case(caseNumber),
        UpdateExpression: 'SET workflowVersion = :v',
        ExpressionAttributeValues: { ':v': OLD_VERSION },
      }),
    );
    await stack.stop();

    stack = await startTestStack({ dataDir, clockToday: '2027-03-20' });
    const states = new Set<string>();
    stack.engine.onTaskTiming = (t) => {
      if (t.caseNumber === caseNumber) states.add(t.state);
    };
    const form = applicationFor(CHEN, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const done = await stack.client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');

    expect(done.workflowVersion).toBe(OLD_VERSION);
    expect(done.decision).toBe('APPROVED');
    expect(done.documents.length).toBeGreaterThan(0);
    // The old shape ran: its checks child, then Seal and Notify in the case workflow itself.
    await stack.engine.idle();
    expect([...states]).toEqual(expect.arrayContaining(['PreReview', 'CheckHr', 'Decide', 'Seal', 'Notify']));
    // Today's Seal completed the case with its papers; the old Notify after it found it done and sent nothing more.
    const after = (await stack.client.get(`/v1/cases/${caseNumber}`, token)).body;
    expect(after.timeline.filter((t: any) => t.status === 'COMPLETED')).toHaveLength(1);
    await stack.textMessages.drain();
    const sent = ((await stack.client.get(`/v1/dev/messages?to=${CHEN.phone}`)).body.messages as any[]).filter((m) => m.caseNumber === caseNumber);
    expect(sent.filter((m) => m.kind === 'documents-ready')).toHaveLength(1);
  }, 120_000);
});
