/**
 * Runs on a worker thread of the embedded hosting: renders and seals one paper. On AWS the seal step is a
 * Lambda of its own; here, without this, ~30 ms of synchronous PDF work per paper would stall every other
 * case's HTTP calls and timers on the main thread.
 */
import { join } from 'node:path';
import type { SealedDocumentData } from '../../schemas/notice.ts';
import { ISSUING_BODIES } from '../../schemas/notice.ts';
import { ensureDevPki } from '../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../functions/sealing/local-signer.ts';
import { sealInProcess } from '../../functions/sealing/seal-in-process.ts';
import type { SealingKit } from '../../functions/shared/runtime.ts';

let sealer: Promise<ReturnType<typeof sealInProcess>> | undefined;

async function load(dataDir: string) {
  const pki = await ensureDevPki(join(dataDir, 'pki'));
  const seals = Object.fromEntries(ISSUING_BODIES.map((body) => [body, { signer: localSealSigner(pki, body), issuer: '' }])) as SealingKit['seals'];
  return sealInProcess(seals);
}

/** `renderMs`: the paper's own time on this thread (layout, signature, save), not its wait in the pool's queue. */
export default async function seal(task: { dataDir: string; data: SealedDocumentData; signingTime: string }) {
  sealer ??= load(task.dataDir);
  const seal = await sealer;
  const start = performance.now();
  const sealed = await seal(task.data, new Date(task.signingTime));
  return { pdf: sealed.pdf, sha256: sealed.sha256, renderMs: performance.now() - start };
}
