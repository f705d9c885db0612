import type { StoredDocument } from '../adapters/case-record.ts';
import type { Runtime } from '../shared/runtime.ts';
import { TransientStoreError } from './step-handler.ts';

/**
 * A case's sealed papers, stored once. Signatures are not deterministic, so a second run's bytes differ from the
 * first's: before uploading, a run claims the case's papers for its bytes, in one write (document-store.ts
 * claimCaseSeal). Only the holder uploads; a run that finds a claim whose objects are already stored records those
 * objects and drops its own bytes; a claim whose objects never arrived is taken over once its holder is known gone.
 * So no signed copy is ever stored that is not the case's issued document (on AWS, Object Lock would keep a stray
 * copy for years).
 *
 * Earlier releases (to 2026-12-07) claimed each paper with a write of its own; those claims are read and honoured
 * in the same way, for the cases that may hold them (`paperClaims`: see seal.ts). One window is not closed: such a
 * run still in flight on AWS while the new code deploys (at most the Lambda's 120 s) does not see the case's claim,
 * so if the workflow runs Seal twice in exactly that window, one run's bytes may be stored unrecorded. The record
 * still names one document per id.
 */

/** Longer than a seal run may take (the seal Lambda's timeout is 120 s): a claim this old has no live holder. */
const STALE_CLAIM_MS = 150_000;

/** Retried by the workflow (TransientStoreError in the ASL's Retry): the holder is still storing its bytes. */
const claimHeld = (caseNumber: string) => new TransientStoreError(new Error(`the papers of ${caseNumber} are being sealed by another run`));

/**
 * The claims the runs of this process hold now, by run id: added before the claim is written, removed once its
 * objects are stored and recorded or the run has failed. A claim of this process's own that is not here is a run that
 * failed between claiming and storing (a write whose answer was lost): its holder is gone, although the process lives.
 */
const liveHere = new Set<string>();

/** A paper this run sealed: its record-to-be and its bytes. */
export interface SealedPaper {
  doc: StoredDocument;
  pdf: Uint8Array;
}

/**
 * Stores the sealed papers under this run's claim, then has `record` record them (the seal records them with the
 * case's completion), once; the run is known live meanwhile.
 */
export async function storeOnce(
  rt: Runtime,
  caseNumber: string,
  sealed: SealedPaper[],
  record: (stored: StoredDocument[]) => Promise<void>,
  opts: { paperClaims: boolean } = { paperClaims: true },
): Promise<void> {
  const run = { id: crypto.randomUUID(), at: Date.now() };
  liveHere.add(run.id);
  try {
    const stored = await claimAndStore(rt, caseNumber, sealed, run, opts);
    // Recorded only once every object is stored: a record never points at bytes that are not there.
    await record(stored);
  } finally {
    liveHere.delete(run.id);
  }
}

/**
 * The stored document of each sealed paper: the object another run already stored for it (adopted), or this run's
 * bytes, stored under this run's claim. Exported for the test of runs in two processes at once
 * (seal-claims-across-processes.test.ts), which one embedded process cannot otherwise show.
 */
export async function claimAndStore(
  rt: Runtime,
  caseNumber: string,
  sealed: SealedPaper[],
  run: { id: string; at: number },
  { paperClaims }: { paperClaims: boolean } = { paperClaims: true },
): Promise<StoredDocument[]> {
  const isStored = async (doc: StoredDocument) => (await rt.objects.get(doc.s3Key)) !== undefined;
  // A paper's claim, from an earlier release, names no run: it is never this process's (that code is not loaded).
  const holderGone = (held: { owner: string; claimedAt: number; run?: string }) =>
    held.owner === rt.instanceId ? !liveHere.has(held.run ?? '') : rt.exclusiveInstance || run.at - held.claimedAt > STALE_CLAIM_MS;
  const adopted = new Map<string, StoredDocument>();
  const adoptStored = async (claimed: StoredDocument | undefined) => {
    if (claimed && (await isStored(claimed))) adopted.set(claimed.documentId, claimed);
  };

  // A claim on a single paper, from an earlier release: adopt what it stored, wait for a live holder.
  const earlier = paperClaims ? await rt.documents.paperClaims(sealed.map((s) => s.doc.documentId)) : new Map();
  for (const held of earlier.values()) {
    await adoptStored(held.document);
    if (!adopted.has(held.document.documentId) && !holderGone(held)) throw claimHeld(caseNumber);
  }

  let mine = sealed.filter((s) => !adopted.has(s.doc.documentId));
  if (mine.length === 0) return [...adopted.values()];
  const claimOf = (papers: typeof mine) => ({
    caseNumber,
    owner: rt.instanceId,
    run: run.id,
    claimedAt: run.at,
    documents: Object.fromEntries(papers.map((s) => [s.doc.documentId, s.doc])),
  });
  const outcome = await rt.documents.claimCaseSeal(claimOf(mine));
  if (outcome.kind === 'held') {
    const held = outcome.claim;
    for (const s of mine) await adoptStored(held.documents[s.doc.documentId]);
    mine = mine.filter((s) => !adopted.has(s.doc.documentId));
    if (mine.length === 0) return [...adopted.values()];
    if (!holderGone(held)) throw claimHeld(caseNumber);
    // Taking over: a paper recorded since this run read the case is not stored again (it would be a stray copy).
    const issued = (await rt.cases.get(caseNumber))?.documents ?? {};
    mine = mine.filter((s) => !issued[s.doc.documentId]);
    for (const id of adopted.keys()) if (issued[id]) adopted.delete(id);
    // The claim names every paper it covers, the adopted ones too, so a run after this one finds all of them there.
    const claim = claimOf(mine);
    const takeover = { ...claim, documents: { ...Object.fromEntries(adopted), ...claim.documents } };
    if ((await rt.documents.claimCaseSeal(takeover, held)).kind === 'held') throw claimHeld(caseNumber);
  }
  // Every upload ends before this run lets go (allSettled): one still under way would land after a later run
  // took the claim over, and be a stray copy.
  const uploads = await Promise.allSettled(mine.map((s) => rt.objects.put(s.doc.s3Key, s.pdf, 'application/pdf', s.doc.sha256)));
  const failed = uploads.find((u): u is PromiseRejectedResult => u.status === 'rejected');
  if (failed) throw failed.reason;
  return [...adopted.values(), ...mine.map((s) => s.doc)];
}
