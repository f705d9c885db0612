import type { SealedDocumentData } from '../../schemas/notice.ts';
import type { SealingKit } from './sealing-kit.ts';
import { sealDocument, type SealedPdf } from './seal-pdf.ts';

/** Seals on the calling thread with the body's own signer: what a Lambda does, one paper at a time. */
export function sealInProcess(seals: SealingKit['seals']): (data: SealedDocumentData, signingTime: Date) => Promise<SealedPdf> {
  return (data, signingTime) => sealDocument(data, seals[data.body].signer, { signingTime });
}
