import { Piscina } from 'piscina';
import type { SealedDocumentData } from '../../schemas/notice.ts';
import type { SealedPdf } from '../../functions/sealing/seal-pdf.ts';

/**
 * Seals on a worker thread (piscina keeps the pool), so the main thread keeps serving HTTP and the
 * workflow while PDFs render. The worker loads the same dev PKI from the data directory.
 */
export function sealPool(dataDir: string, threads = Number(process.env.SEAL_THREADS ?? 1)) {
  const pool = new Piscina({ filename: new URL('./seal-worker.ts', import.meta.url).href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    seal: async (data: SealedDocumentData, signingTime: Date): Promise<SealedPdf & { renderMs: number }> =>
      pool.run({ dataDir, data, signingTime: signingTime.toISOString() }),
    close: () => pool.destroy(),
  };
}
