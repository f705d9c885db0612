/**
 * Development-only PKI: a self-made "seal CA" and one seal signing certificate per issuing body, so sealed PDFs verify
 * end to end (pdfsig, our own verifier) without a real CA. Production signs with KMS behind SealSigner.
 *
 * Built with pkijs on WebCrypto rather than node-forge because forge writes Chinese names as
 * PrintableString/latin1 (mangled issuer). Here every CN/O is an ASN.1 UTF8String.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ISSUING_BODIES, ISSUING_BODY_NAMES, type IssuingBody } from '../../schemas/notice.ts';
import { derToPem, pemToDer } from './pem.ts';

export interface SealIdentity {
  certDer: Uint8Array<ArrayBuffer>;
  certPem: string;
  privateKey: CryptoKey;
}

export interface DevPki {
  caCertDer: Uint8Array<ArrayBuffer>;
  caCertPem: string;
  /** One seal certificate per issuing body, all issued by the same dev seal CA. */
  seals: Record<IssuingBody, SealIdentity>;
  /** The one-stop seal; kept so callers that predate per-body seals still work. */
  sealCertDer: Uint8Array<ArrayBuffer>;
  sealCertPem: string;
  sealPrivateKey: CryptoKey;
}

const ORG = '退休一件事(开发环境)';
const CA_NAME = { cn: '退休一件事 开发用电子印章根证书', o: ORG };
export const sealCommonName = (body: IssuingBody) => `退休一件事 ${ISSUING_BODY_NAMES[body]} 电子印章`;
const CA_YEARS = 15;
const SEAL_YEARS = 10;
/**
 * Dev certificates start 5 years in the past: the embedded stack can pin "today" (CLOCK_TODAY, tests'
 * setToday) to dates before the first start, and a seal must verify at its own signing time. Counted
 * from the start of the UTC day so that it is reproducible in a test.
 */
const BACKDATE_YEARS = 5;
function devNotBefore(): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCFullYear(d.getUTCFullYear() - BACKDATE_YEARS);
  return d;
}
const EC_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;

const CA_FILES = { cert: 'seal-ca.cert.pem', key: 'seal-ca.key.pem' } as const;
/** The one-stop seal keeps the file names it had before there were four bodies, so old DATA_DIRs stay valid. */
const sealFiles = (body: IssuingBody) =>
  body === 'one-stop' ? { cert: 'seal.cert.pem', key: 'seal.key.pem' } : { cert: `seal-${body}.cert.pem`, key: `seal-${body}.key.pem` };

// One generation per directory per process: concurrent first calls must not mint two different CAs.
const inFlight = new Map<string, Promise<DevPki>>();

export function ensureDevPki(dir: string): Promise<DevPki> {
  let p = inFlight.get(dir);
  if (!p) {
    p = loadOrCreate(dir);
    inFlight.set(dir, p);
    p.catch(() => inFlight.delete(dir));
  }
  return p;
}

interface Ca {
  certDer: Uint8Array<ArrayBuffer>;
  certPem: string;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

/**
 * The CA first, then each body's seal: a directory made before per-body seals existed (CA + one-stop
 * only) gains the missing seals from the same CA, so documents sealed earlier keep verifying.
 */
async function loadOrCreate(dir: string): Promise<DevPki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = (await loadCa(dir)) ?? (await createCa(dir));
  const seals = {} as Record<IssuingBody, SealIdentity>;
  for (const body of ISSUING_BODIES) seals[body] = (await loadSeal(dir, body)) ?? (await createSeal(dir, body, ca));
  const oneStop = seals['one-stop'];
  return {
    caCertDer: ca.certDer,
    caCertPem: ca.certPem,
    seals,
    sealCertDer: oneStop.certDer,
    sealCertPem: oneStop.certPem,
    sealPrivateKey: oneStop.privateKey,
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function loadCa(dir: string): Promise<Ca | undefined> {
  const [certPem, keyPem] = await Promise.all([readIfExists(join(dir, CA_FILES.cert)), readIfExists(join(dir, CA_FILES.key))]);
  if (!certPem || !keyPem) return undefined;
  const certDer = pemToDer(certPem);
  const privateKey = await crypto.subtle.importKey('pkcs8', pemToDer(keyPem), EC_PARAMS, false, ['sign']);
  const publicKey = await pkijs.Certificate.fromBER(certDer).getPublicKey();
  return { certDer, certPem, publicKey, privateKey };
}

async function createCa(dir: string): Promise<Ca> {
  const keys = await crypto.subtle.generateKey(EC_PARAMS, true, ['sign', 'verify']);
  const cert = await buildCertificate({
    subject: CA_NAME,
    issuer: CA_NAME,
    subjectPublicKey: keys.publicKey,
    issuerPublicKey: keys.publicKey,
    signingKey: keys.privateKey,
    notBefore: devNotBefore(),
    years: CA_YEARS,
    isCa: true,
  });
  const certDer = new Uint8Array(cert.toSchema(true).toBER());
  const certPem = derToPem(certDer, 'CERTIFICATE');
  // Key first, certificate last: loadCa() only trusts a directory whose certificate exists.
  await writeAtomic(join(dir, CA_FILES.key), await exportPkcs8(keys.privateKey), 0o600);
  await writeAtomic(join(dir, CA_FILES.cert), certPem, 0o644);
  return { certDer, certPem, publicKey: keys.publicKey, privateKey: keys.privateKey };
}

async function loadSeal(dir: string, body: IssuingBody): Promise<SealIdentity | undefined> {
  const files = sealFiles(body);
  const [certPem, keyPem] = await Promise.all([readIfExists(join(dir, files.cert)), readIfExists(join(dir, files.key))]);
  if (!certPem || !keyPem) return undefined;
  const privateKey = await crypto.subtle.importKey('pkcs8', pemToDer(keyPem), EC_PARAMS, false, ['sign']);
  return { certDer: pemToDer(certPem), certPem, privateKey };
}

async function createSeal(dir: string, body: IssuingBody, ca: Ca): Promise<SealIdentity> {
  const keys = await crypto.subtle.generateKey(EC_PARAMS, true, ['sign', 'verify']);
  const cert = await buildCertificate({
    subject: { cn: sealCommonName(body), o: ORG },
    issuer: CA_NAME,
    subjectPublicKey: keys.publicKey,
    issuerPublicKey: ca.publicKey,
    signingKey: ca.privateKey,
    notBefore: devNotBefore(),
    years: SEAL_YEARS,
    isCa: false,
  });
  const certDer = new Uint8Array(cert.toSchema(true).toBER());
  const certPem = derToPem(certDer, 'CERTIFICATE');
  const keyPem = await exportPkcs8(keys.privateKey);
  const files = sealFiles(body);
  await writeAtomic(join(dir, files.key), keyPem, 0o600);
  await writeAtomic(join(dir, files.cert), certPem, 0o644);
  // Re-import as non-extractable: nothing downstream needs to read the key material.
  const privateKey = await crypto.subtle.importKey('pkcs8', pemToDer(keyPem), EC_PARAMS, false, ['sign']);
  return { certDer, certPem, privateKey };
}

async function exportPkcs8(k: CryptoKey): Promise<string> {
  return derToPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', k)), 'PRIVATE KEY');
}

interface CertSpec {
  subject: { cn: string; o: string };
  issuer: { cn: string; o: string };
  subjectPublicKey: CryptoKey;
  issuerPublicKey: CryptoKey;
  signingKey: CryptoKey;
  notBefore: Date;
  years: number;
  isCa: boolean;
}

async function buildCertificate(spec: CertSpec): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: randomSerial() });
  cert.subject = distinguishedName(spec.subject);
  cert.issuer = distinguishedName(spec.issuer);
  cert.notBefore.value = spec.notBefore;
  const notAfter = new Date(spec.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + spec.years);
  cert.notAfter.value = notAfter;
  await cert.subjectPublicKeyInfo.importKey(spec.subjectPublicKey);

  const keyUsage = spec.isCa
    ? bits(0x06, 1) // keyCertSign | cRLSign
    : bits(0xc0, 6); // digitalSignature | nonRepudiation
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: spec.isCa }).toSchema().toBER(false),
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({
      extnID: '2.5.29.14',
      extnValue: new asn1js.OctetString({ valueHex: await keyId(spec.subjectPublicKey) }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: '2.5.29.35',
      extnValue: new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: await keyId(spec.issuerPublicKey) }),
      })
        .toSchema()
        .toBER(false),
    }),
  ];
  await cert.sign(spec.signingKey, 'SHA-256');
  return cert;
}

/**
 * One attribute per RDN (C, O, CN), the shape every verifier expects. pkijs's own toSchema would
 * put all three into a single multi-valued RDN ("C=CN+O=…+CN=…"), so we encode the Name ourselves and
 * hand pkijs the DER, which it then re-emits verbatim.
 */
function distinguishedName({ cn, o }: { cn: string; o: string }): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: asn1js.PrintableString | asn1js.Utf8String) =>
    new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] });
  const name = new asn1js.Sequence({
    value: [
      rdn('2.5.4.6', new asn1js.PrintableString({ value: 'CN' })),
      rdn('2.5.4.10', new asn1js.Utf8String({ value: o })),
      rdn('2.5.4.3', new asn1js.Utf8String({ value: cn })),
    ],
  });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER());
}

function bits(byte: number, unusedBits: number): asn1js.BitString {
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits });
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the public key bit string. */
async function keyId(publicKey: CryptoKey): Promise<ArrayBuffer> {
  const raw = await crypto.subtle.exportKey('raw', publicKey);
  return crypto.subtle.digest('SHA-1', raw);
}

/** 16 random bytes with the top bit clear, so the INTEGER stays positive (RFC 5280 §4.1.2.2). */
function randomSerial(): ArrayBuffer {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b.buffer;
}

async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode });
  await chmod(tmp, mode); // writeFile's mode is filtered by umask
  await rename(tmp, path);
}
