/** Document data → signed (e-sealed) PDF bytes and their SHA-256, the hash the document record stores. */
import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { ANNOTATION_FLAGS, DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFArray, PDFDict, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { SealedDocumentData, type NoticeData } from '../../schemas/notice.ts';
import { CmsSigner } from './cms-signer.ts';
import { renderDocument } from '../documents/document-layout.ts';
import { noticeDocument } from '../documents/notice-document.ts';
import { sealAppearance } from '../documents/seal-appearance.ts';
import type { SealSigner } from './signer-port.ts';

export interface SealOptions {
  /** Printed on every page, written to /M and to the CMS signingTime; defaults to now. */
  signingTime?: Date;
  /** The signer's name in the signature dictionary; defaults to the issuer. */
  name?: string;
  location?: string;
  contactInfo?: string;
}

export interface SealedPdf {
  pdf: Uint8Array;
  sha256: string;
}

/**
 * Where verification finds the document number in the bytes: a literal string in the signature
 * dictionary, which is written uncompressed and lies inside the signed ranges. A verifier can read it
 * with a byte search, and nobody can change it without breaking the signature.
 */
export const DOCUMENT_ID_KEY = 'RetireOneDocumentId';

export async function sealDocument(input: SealedDocumentData, signer: SealSigner, opts: SealOptions = {}): Promise<SealedPdf> {
  // Nothing is sealed that its schema refuses: a seal vouches for what it covers.
  const data = SealedDocumentData.parse(input);
  const signingTime = opts.signingTime ?? new Date();
  const cms = new CmsSigner(signer);
  const { doc, font, sealPage, sealRect } = await renderDocument(data, signingTime);
  const [x1, y1, x2, y2] = sealRect;
  addSignaturePlaceholder(doc, sealPage, sealRect, sealAppearance(doc, font, x2 - x1, y2 - y1, data.issuer), {
    reason: '电子印章',
    name: opts.name ?? data.issuer,
    location: opts.location ?? '中国',
    contactInfo: opts.contactInfo ?? '12333',
    signingTime,
    documentId: data.documentId,
    // Counted in hex digits of the /Contents string, i.e. two per CMS byte.
    signatureLength: cms.placeholderBytes() * 2,
  });
  const unsigned = await doc.save();
  const signed = await new SignPdf().sign(Buffer.from(unsigned.buffer, unsigned.byteOffset, unsigned.byteLength), cms, signingTime);
  const pdf = new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}

/** The 退休审批结果通知书 from its own data shape (kept for callers that build NoticeData). */
export function sealNotice(data: NoticeData, signer: SealSigner, opts: SealOptions = {}): Promise<SealedPdf> {
  return sealDocument(noticeDocument(data), signer, { name: '退休一件事 一站式服务 电子印章', ...opts });
}

interface PlaceholderSpec {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
  documentId: string;
  signatureLength: number;
}

/**
 * The signature field, as @signpdf/placeholder-pdf-lib builds it, with two differences: the widget's
 * appearance is the drawn seal (that library leaves it empty), and text strings are proper PDF text
 * strings (UTF-16BE), which that library would truncate to 8 bits and garble Chinese.
 */
function addSignaturePlaceholder(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number], appearance: PDFRef, spec: PlaceholderSpec): void {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER));
  const signatureDict = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: byteRange,
    Contents: PDFHexString.of(String.fromCharCode(0).repeat(spec.signatureLength)),
    Reason: PDFHexString.fromText(spec.reason),
    M: PDFString.fromDate(spec.signingTime),
    ContactInfo: PDFHexString.fromText(spec.contactInfo),
    Name: PDFHexString.fromText(spec.name),
    Location: PDFHexString.fromText(spec.location),
    [DOCUMENT_ID_KEY]: PDFString.of(spec.documentId),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
  });
  // Written as raw bytes (never inside a compressed object stream), so the signer can find /Contents.
  const bytes = new Uint8Array(signatureDict.sizeInBytes());
  signatureDict.copyBytesInto(bytes, 0);
  const signatureRef = ctx.register(PDFInvalidObject.of(bytes));

  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: rect,
      V: signatureRef,
      T: PDFHexString.fromText('电子印章'),
      F: ANNOTATION_FLAGS.PRINT,
      P: page.ref,
      AP: { N: appearance },
    }),
  );
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? ctx.obj([]);
  annots.push(widget);
  page.node.set(PDFName.of('Annots'), annots);

  let acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!acroForm) {
    acroForm = ctx.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(acroForm));
  }
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY));
  acroForm.lookup(PDFName.of('Fields'), PDFArray).push(widget);
}
