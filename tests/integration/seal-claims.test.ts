/**
 * A seal run that died half way left a claim on a document id: with its object never stored, or stored.
 * The next run takes over the first and adopts the second, and no signed object is left in the bucket that
 * is not one of the case's issued documents.
 */
import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdFor } from '../../functions/documents/index.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const PERSON = demo.get('441900196610120130'); // 陈志明: approved, four papers

describe('seal claims left by a run that died', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-20' });
  });
  afterAll(() => stack?.close());

  async function storedKeys(caseNumber: string): Promise<string[]> {
    const { s3, bucket } = stack.runtime.objects;
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `documents/${caseNumber}/` }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  }

  it('takes over a claim whose object never arrived, adopts one whose object did, and leaves no stray copy', async () => {
    const { client, runtime: rt } = stack;
    const token = await client.token('citizen', { idNumber: PERSON.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: PERSON.idNumber, name: PERSON.name, phone: PERSON.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);
    const caseNumber: string = booked.body.caseNumber;

    // What a dead run left: a claim for the one-stop notice without its object, and a stored copy of the HR paper.
    const claimOf = (documentId: string, bytes: Uint8Array) => {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return {
        documentId,
        caseNumber,
        title: '遗留',
        sha256,
        contentType: 'application/pdf' as const,
        s3Key: `documents/${caseNumber}/${documentId}/${sha256}.pdf`,
        sealedAt: '2027-03-20T01:00:00.000Z',
        issuer: '遗留',
      };
    };
    const lost = claimOf(documentIdFor(caseNumber, 'one-stop'), new TextEncoder().encode('never uploaded'));
    const landed = claimOf(documentIdFor(caseNumber, 'hr'), new TextEncoder().encode('%PDF- uploaded by the dead run'));
    expect((await rt.documents.claimSeal(lost, 'dead-process', Date.now(), async () => false)).kind).toBe('ours');
    expect((await rt.documents.claimSeal(landed, 'dead-process', Date.now(), async () => false)).kind).toBe('ours');
    await rt.objects.put(landed.s3Key, new TextEncoder().encode('%PDF- uploaded by the dead run'), 'application/pdf', landed.sha256);

    const form = applicationFor(PERSON, { type: 'normal', requestedMonth: '2027-04', originalRetirementAge: 60 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    const done = await client.waitForCase(caseNumber, token, (c) => c.status === 'COMPLETED');

    const byId = new Map<string, any>(done.documents.map((d: any) => [d.documentId, d]));
    expect(byId.get(landed.documentId)?.sha256).toBe(landed.sha256);
    expect(byId.get(lost.documentId)?.sha256).not.toBe(lost.sha256);
    const issuedKeys = done.documents.map((d: any) => `documents/${caseNumber}/${d.documentId}/${d.sha256}.pdf`).sort();
    expect(await storedKeys(caseNumber)).toEqual(issuedKeys);
  });
});
