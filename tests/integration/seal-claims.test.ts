/**
 * A seal run that died half way left a claim on a case's papers: with some objects never stored, others stored.
 * The next run takes over what never arrived, adopts what did, and no signed object is left in the bucket that is
 * not one of the case's issued documents. Three kinds of claim are left behind here:
 * - one claim on the case's papers, by another process (a run of a product that was killed);
 * - one claim on the case's papers by a run of this very process that failed between claiming and storing (a write
 *   whose answer was lost). Seen: such a claim was never taken over while the process lived, so the case waited
 *   for a holder that was gone until its retries ran out;
 * - a claim on each paper, as runs of earlier releases wrote them.
 */
import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../functions/adapters/case-record.ts';
import { keys } from '../../functions/adapters/table-keys.ts';
import { documentIdFor } from '../../functions/documents/index.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const PERSON = demo.get('441900196610120130'); // 陈志明: approved, four papers

describe('seal claims left by a run that died', () => {
  // A stack each: one person, who can hold one open case at a time.
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ clockToday: '2027-03-20' });
  });
  afterEach(() => stack?.close());

  async function storedKeys(caseNumber: string): Promise<string[]> {
    const { s3, bucket } = stack.runtime.objects;
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `documents/${caseNumber}/` }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  }

  /** A booked case, and the two papers a dead run claimed: the one-stop notice never uploaded, the HR paper stored. */
  async function bookedWithDeadRun() {
    const { client, runtime: rt } = stack;
    const token = await client.token('citizen', { idNumber: PERSON.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: PERSON.idNumber, name: PERSON.name, phone: PERSON.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;
    const paper = (documentId: string, bytes: Uint8Array): StoredDocument => {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return {
        documentId,
        caseNumber,
        title: '遗留',
        sha256,
        contentType: 'application/pdf',
        s3Key: `documents/${caseNumber}/${documentId}/${sha256}.pdf`,
        sealedAt: '2027-03-20T01:00:00.000Z',
        issuer: '遗留',
      };
    };
    const landedBytes = new TextEncoder().encode('%PDF- uploaded by the dead run');
    const lost = paper(documentIdFor(caseNumber, 'one-stop'), new TextEncoder().encode('never uploaded'));
    const landed = paper(documentIdFor(caseNumber, 'hr'), landedBytes);
    return {
      token,
      caseNumber,
      lost,
      landed,
      storeLanded: () => rt.objects.put(landed.s3Key, landedBytes, 'application/pdf', landed.sha256),
    };
  }

  /** Submits the form, waits for the case to be sealed, and checks the papers against what the dead run left. */
  async function completesAdoptingWhatLanded(c: Awaited<ReturnType<typeof bookedWithDeadRun>>) {
    const form = applicationFor(PERSON, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${c.caseNumber}/application`, form, c.token)).status).toBe(202);
    const done = await stack.client.waitForCase(c.caseNumber, c.token, (x) => x.status === 'COMPLETED');
    const byId = new Map<string, any>(done.documents.map((d: any) => [d.documentId, d]));
    expect(byId.size).toBe(4);
    expect(byId.get(c.landed.documentId)?.sha256).toBe(c.landed.sha256);
    expect(byId.get(c.lost.documentId)?.sha256).not.toBe(c.lost.sha256);
    const issuedKeys = done.documents.map((d: any) => `documents/${c.caseNumber}/${d.documentId}/${d.sha256}.pdf`).sort();
    expect(await storedKeys(c.caseNumber)).toEqual(issuedKeys);
  }

  it.each([
    { by: 'a process that was killed: takes over what never arrived, adopts what did, no stray copy', owner: () => 'dead-process' },
    { by: 'a run of this process that failed before storing: taken over while the process lives', owner: () => stack.runtime.instanceId },
  ])('a claim on the case by $by', async ({ owner }) => {
    const c = await bookedWithDeadRun();
    const documents = { [c.lost.documentId]: c.lost, [c.landed.documentId]: c.landed };
    const claim = { caseNumber: c.caseNumber, owner: owner(), run: 'the run that died', claimedAt: Date.now(), documents };
    expect((await stack.runtime.documents.claimCaseSeal(claim)).kind).toBe('ours');
    await c.storeLanded();
    await completesAdoptingWhatLanded(c);
  });

  /** The claims a run of an earlier release left on two papers, each with a write of its own. */
  async function paperClaimsOf(c: Awaited<ReturnType<typeof bookedWithDeadRun>>) {
    const { db, table } = stack.runtime.cases;
    for (const document of [c.lost, c.landed])
      await db.send(
        new PutCommand({ TableName: table, Item: { ...keys.paperSealClaim(document.documentId), document, owner: 'dead-process', claimedAt: Date.now() } }),
      );
    await c.storeLanded();
  }

  it('a claim on each paper, as runs of earlier releases wrote them, is honoured the same way on a case booked on an earlier version', async () => {
    const c = await bookedWithDeadRun();
    const { db, table } = stack.runtime.cases;
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.case(c.caseNumber),
        UpdateExpression: 'SET workflowVersion = :v',
        ExpressionAttributeValues: { ':v': 'earlier' },
      }),
    );
    await paperClaimsOf(c);
    await completesAdoptingWhatLanded(c);
  });

  it('a claim on each paper is not looked for on a case booked on the version this hosting runs, which no earlier release sealed', async () => {
    const c = await bookedWithDeadRun();
    expect((await stack.runtime.cases.get(c.caseNumber))!.workflowVersion).toBe(stack.runtime.workflow.version);
    await paperClaimsOf(c);
    const form = applicationFor(PERSON, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await stack.client.post(`/v1/cases/${c.caseNumber}/application`, form, c.token)).status).toBe(202);
    const done = await stack.client.waitForCase(c.caseNumber, c.token, (x) => x.status === 'COMPLETED');
    expect(done.documents).toHaveLength(4);
    // Its own papers, all four: what the planted claim stored is not adopted, as it would be were the claim read.
    expect(done.documents.map((d: any) => d.sha256)).not.toContain(c.landed.sha256);
  });
});
