/**
 * Checks the e-seal on a notice we issued: the bytes are unchanged, the CMS signature is good, and
 * the signer chains to one of the given seal CAs (at signing time).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Stable codes for callers and logs; messages are the caller's business. */
export type SealProblem =
  | 'NO_SIGNATURE'
  | 'SIGNATURE_INVALID'
  | 'DIGEST_MISMATCH'
  | 'UNTRUSTED_CERTIFICATE'
  /** Bytes were added after the signed range (an incremental update): the signature no longer covers the file. */
  | 'BYTE_RANGE_INCOMPLETE';

export interface SealVerification {
  signatureValid: boolean;
  chainTrusted: boolean;
  signerSubject?: string;
  signingTime?: string;
  reasons: SealProblem[];
}

const OID = {
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signedData: '1.2.840.113549.1.7.2',
};
const HASH_BY_OID: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const ATTR_SHORT: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C' };

export async function verifySealedPdf(pdf: Uint8Array, trustedCaDer: Uint8Array[]): Promise<SealVerification> {
  const located = locateSignature(pdf);
  if (!located) return { signatureValid: false, chainTrusted: false, reasons: ['NO_SIGNATURE'] };
  const reasons: SealProblem[] = [];
  if (!located.coversWholeFile) reasons.push('BYTE_RANGE_INCOMPLETE');

  let signedData: pkijs.SignedData;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(located.cms);
    if (contentInfo.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return { signatureValid: false, chainTrusted: false, reasons: [...reasons, 'SIGNATURE_INVALID'] };
  }
  const signerInfo = signedData.signerInfos[0];
  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const signerCert = signerInfo && findSignerCert(signerInfo, certs);
  if (!signerInfo?.signedAttrs || !signerCert) {
    return { signatureValid: false, chainTrusted: false, reasons: [...reasons, 'SIGNATURE_INVALID'] };
  }

  const signingTime = attribute(signerInfo, OID.signingTime) as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  const signedAt = signingTime?.toDate();

  const digestOk = await digestMatches(signerInfo, located.signedBytes);
  if (!digestOk) reasons.push('DIGEST_MISMATCH');
  const signatureOk = await signatureMatches(signerInfo, signerCert);
  if (!signatureOk) reasons.push('SIGNATURE_INVALID');
  const chainTrusted = await chainsToTrustedCa(signerCert, certs, trustedCaDer, signedAt ?? new Date());
  if (!chainTrusted) reasons.push('UNTRUSTED_CERTIFICATE');

  return {
    signatureValid: digestOk && signatureOk && located.coversWholeFile,
    chainTrusted,
    signerSubject: formatName(signerCert.subject),
    signingTime: signedAt?.toISOString(),
    reasons,
  };
}

/**
 * A deliberately small parser: the signature is defined over raw byte offsets (/ByteRange), which no
 * PDF object model (pdf-lib included) exposes, and loading the whole object graph just to read four
 * integers would cost more than the check itself. The last /ByteRange wins (the newest signature);
 * the /Contents hex string is exactly the gap between the two ranges, so it needs no lookup.
 */
function locateSignature(pdf: Uint8Array): { signedBytes: Uint8Array<ArrayBuffer>; cms: Uint8Array<ArrayBuffer>; coversWholeFile: boolean } | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches.at(-1);
  if (!last) return undefined;
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || text[b] !== '<' || text[c - 1] !== '>') {
    return undefined;
  }
  const hex = text.slice(b + 1, c - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const signedBytes = new Uint8Array(b + d);
  signedBytes.set(pdf.subarray(0, b), 0);
  signedBytes.set(pdf.subarray(c, c + d), b);
  return { signedBytes, cms: new Uint8Array(Buffer.from(hex, 'hex')), coversWholeFile: c + d === pdf.length };
}

function findSignerCert(signerInfo: pkijs.SignerInfo, certs: pkijs.Certificate[]): pkijs.Certificate | undefined {
  const sid = signerInfo.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
}

function attribute(signerInfo: pkijs.SignerInfo, oid: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

async function digestMatches(signerInfo: pkijs.SignerInfo, signedBytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const hash = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId];
  const expected = attribute(signerInfo, OID.messageDigest);
  if (!hash || !(expected instanceof asn1js.OctetString)) return false;
  const actual = new Uint8Array(await crypto.subtle.digest(hash, signedBytes));
  return Buffer.from(actual).equals(Buffer.from(expected.valueBlock.valueHexView));
}

async function signatureMatches(signerInfo: pkijs.SignerInfo, cert: pkijs.Certificate): Promise<boolean> {
  try {
    // encodedValue is the attributes exactly as received, re-tagged as SET (RFC 5652 §5.4).
    return await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(signerInfo.signedAttrs!.encodedValue, signerInfo.signature, cert.subjectPublicKeyInfo, signerInfo.signatureAlgorithm);
  } catch {
    return false;
  }
}

async function chainsToTrustedCa(signerCert: pkijs.Certificate, embedded: pkijs.Certificate[], trustedCaDer: Uint8Array[], at: Date): Promise<boolean> {
  if (trustedCaDer.length === 0) return false;
  const selfSigned = (c: pkijs.Certificate) => c.subject.isEqual(c.issuer);
  // Roots shipped inside the signature prove nothing; only the caller's CAs are anchors.
  const intermediates = embedded.filter((c) => c !== signerCert && !selfSigned(c));
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: trustedCaDer.map((der) => pkijs.Certificate.fromBER(Uint8Array.from(der))),
      certs: [signerCert, ...intermediates],
      checkDate: at,
    });
    return (await engine.verify()).result === true;
  } catch {
    return false;
  }
}

/** RFC 4514 order (most specific first), as pdfsig and OpenSSL print it. */
function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${ATTR_SHORT[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`)
    .reverse()
    .join(', ');
}
