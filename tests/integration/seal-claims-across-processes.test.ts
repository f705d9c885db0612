/**
 * On AWS two runs of Seal for one case can run at once in two Lambda containers (Express runs at least once; a run
 * that outlived its timeout is not stopped). Neither container knows whether the other still lives, so a claim held
 * by another container is waited for until it is stale (150 s), and the two runs leave one stored copy of each paper.
 * Shown here with two runtimes over the same DynamoDB Local and S3 stand-in, each its own "container".
 */
import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../functions/adapters/case-record.ts';
import { documentIdFor } from '../../functions/documents/index.ts';
import type { Runtime } from '../../functions/shared/runtime.ts';
import { claimAndStore } from '../../functions/steps/seal-claims.ts';
import { DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];

describe('seal claims across two processes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: '2027-03-20' });
  });
  afterAll(() => stack?.close());

  /** A Lambda container: the product's stores, its own instance id, and no knowledge of the others. */
  const container = (instanceId: string): Runtime => ({ ...stack.runtime, instanceId, exclusiveInstance: false });

  let booked = 0;
  async function bookedCase(): Promise<string> {
    const person = demo[booked++]!;
    const token = await stack.client.token('citizen', { idNumber: person.idNumber });
    const res = await stack.client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(res.status).toBe(201);
    return res.body.caseNumber;
  }

  /** Two papers of the case as one container sealed them: its own bytes, so its own hashes and object keys. */
  function sealedBy(caseNumber: string, who: string) {
    return (['one-stop', 'hr'] as const).map((body) => {
      const documentId = documentIdFor(caseNumber, body);
      const pdf = new TextEncoder().encode(`%PDF- ${documentId} sealed by ${who}`);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const doc: StoredDocument = {
        documentId,
        caseNumber,
        title: body,
        sha256,
        contentType: 'application/pdf',
        s3Key: `documents/${caseNumber}/${documentId}/${sha256}.pdf`,
        sealedAt: '2027-03-20T01:00:00.000Z',
        issuer: who,
      };
      return { doc, pdf };
    });
  }

  async function storedKeys(caseNumber: string): Promise<string[]> {
    const { s3, bucket } = stack.runtime.objects;
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `documents/${caseNumber}/` }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  }
  const keysOf = (docs: StoredDocument[]) => docs.map((d) => d.s3Key).sort();
  const run = (at = Date.now()) => ({ id: crypto.randomUUID(), at });

  it('two containers at once: one stores its papers, the other waits or adopts them, and one copy of each is stored', async () => {
    const caseNumber = await bookedCase();
    const papers = { a: sealedBy(caseNumber, 'container-a'), b: sealedBy(caseNumber, 'container-b') };
    const [a, b] = await Promise.allSettled([
      claimAndStore(container('container-a'), caseNumber, papers.a, run()),
      claimAndStore(container('container-b'), caseNumber, papers.b, run()),
    ]);
    const done = [a, b].filter((r) => r.status === 'fulfilled');
    expect(done.length).toBeGreaterThanOrEqual(1);
    // The claim's holder: its papers are the ones stored, whichever run came back with them.
    const claim = await stack.runtime.documents.claimCaseSeal({ caseNumber, owner: 'probe', run: 'probe', claimedAt: Date.now(), documents: {} });
    expect(claim.kind).toBe('held');
    const holder = claim.kind === 'held' ? claim.claim.owner : '';
    const held = holder === 'container-a' ? papers.a : papers.b;
    for (const r of done) expect(keysOf(r.value)).toEqual(keysOf(held.map((p) => p.doc)));
    for (const r of [a, b].filter((x) => x.status === 'rejected')) expect((r.reason as Error).name).toBe('TransientStoreError');
    expect(await storedKeys(caseNumber)).toEqual(keysOf(held.map((p) => p.doc)));
    // The waiting run, asked again as the workflow's Retry does, adopts what the holder stored.
    const other = holder === 'container-a' ? 'container-b' : 'container-a';
    const again = await claimAndStore(container(other), caseNumber, other === 'container-a' ? papers.a : papers.b, run());
    expect(keysOf(again)).toEqual(keysOf(held.map((p) => p.doc)));
    expect(await storedKeys(caseNumber)).toEqual(keysOf(held.map((p) => p.doc)));
  });

  /** A claim on the case's papers that container A wrote `ageMs` ago, without storing anything; then B's run. */
  async function afterClaimOfA(ageMs: number) {
    const caseNumber = await bookedCase();
    const documents = Object.fromEntries(sealedBy(caseNumber, 'container-a').map((p) => [p.doc.documentId, p.doc]));
    const claim = { caseNumber, owner: 'container-a', run: 'a-run', claimedAt: Date.now() - ageMs, documents };
    expect((await stack.runtime.documents.claimCaseSeal(claim)).kind).toBe('ours');
    const papers = sealedBy(caseNumber, 'container-b');
    return { caseNumber, papers, outcome: claimAndStore(container('container-b'), caseNumber, papers, run()) };
  }

  it('a fresh claim (10 s) of another container is waited for, and nothing is stored meanwhile', async () => {
    const { caseNumber, outcome } = await afterClaimOfA(10_000);
    await expect(outcome).rejects.toMatchObject({ name: 'TransientStoreError' });
    expect(await storedKeys(caseNumber)).toEqual([]);
  });

  it('a stale claim (151 s) of another container is taken over, and only the new bytes are stored', async () => {
    const { caseNumber, papers, outcome } = await afterClaimOfA(151_000);
    expect(keysOf(await outcome)).toEqual(keysOf(papers.map((p) => p.doc)));
    expect(await storedKeys(caseNumber)).toEqual(keysOf(papers.map((p) => p.doc)));
  });
});
