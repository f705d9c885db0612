import type { IssuingBody, SealedDocumentData } from '../../schemas/notice.ts';
import type { SealedPdf } from './seal-pdf.ts';
import type { SealSigner } from './signer-port.ts';

/** One issuing body's seal: its own certificate and key behind the signer, and the name it signs as. */
export interface Seal {
  signer: SealSigner;
  issuer: string;
}

export interface SealingKit {
  /** Every issuing body has its own seal certificate, all chaining to the seal CA. */
  seals: Readonly<Record<IssuingBody, Seal>>;
  /** DER certificates our seals chain to, for verification. */
  trustedCaDer: Uint8Array[];
  /** Renders one paper and seals it with its body's seal (CPU-bound: the embedded hosting runs it off the main thread). */
  seal(data: SealedDocumentData, signingTime: Date): Promise<SealedPdf>;
}
