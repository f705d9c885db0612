/** Notice data → signed (e-sealed) PDF bytes and their SHA-256, the hash the case record stores. */
import { createHash } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { NoticeData } from '../../schemas/notice.ts';
import { CmsSigner } from './cms-signer.ts';
import { renderNotice } from './notice-layout.ts';
import type { SealSigner } from './signer-port.ts';

export interface SealOptions {
  /** Printed on the page, written to /M and to the CMS signingTime; defaults to now. */
  signingTime?: Date;
  name?: string;
  location?: string;
  contactInfo?: string;
}

export interface SealedPdf {
  pdf: Uint8Array;
  sha256: string;
}

const DEFAULTS = { name: '退休一件事 一站式服务 电子印章', location: '中国', contactInfo: '12333' };

export async function sealNotice(data: NoticeData, signer: SealSigner, opts: SealOptions = {}): Promise<SealedPdf> {
  const signingTime = opts.signingTime ?? new Date();
  const cms = new CmsSigner(signer);
  const { doc, sealPage, sealRect } = await renderNotice(data, signingTime);
  pdflibAddPlaceholder({
    pdfPage: sealPage,
    widgetRect: sealRect,
    reason: pdfTextString('电子印章'),
    name: pdfTextString(opts.name ?? DEFAULTS.name),
    location: pdfTextString(opts.location ?? DEFAULTS.location),
    contactInfo: pdfTextString(opts.contactInfo ?? DEFAULTS.contactInfo),
    signingTime,
    // Counted in hex digits of the /Contents string, i.e. two per CMS byte.
    signatureLength: cms.placeholderBytes() * 2,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  const unsigned = await doc.save();
  const signed = await new SignPdf().sign(Buffer.from(unsigned.buffer, unsigned.byteOffset, unsigned.byteLength), cms, signingTime);
  const pdf = new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}

/**
 * The placeholder writes these as literal strings byte for byte (no escaping, chars truncated to
 * 8 bits), which would garble Chinese. So hand it a PDF text string already encoded: UTF-16BE with
 * BOM (PDF 32000 §7.9.2.2), every byte as an octal escape so no raw ( ) \ or CR can leak through.
 */
export function pdfTextString(s: string): string {
  const bytes = [0xfe, 0xff];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    bytes.push(u >> 8, u & 0xff);
  }
  return bytes.map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
}
