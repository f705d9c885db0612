/**
 * Development-only PKI: a self-made "seal CA" and one seal signing certificate, so sealed PDFs verify
 * end to end (pdfsig, our own verifier) without a real CA. Production signs with KMS behind SealSigner.
 *
 * Built with pkijs on WebCrypto rather than node-forge because forge writes Chinese names as
 * PrintableString/latin1 (mangled issuer). Here every CN/O is an ASN.1 UTF8String.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { derToPem, pemToDer } from './pem.ts';

export interface DevPki {
  caCertDer: Uint8Array<ArrayBuffer>;
  caCertPem: string;
  sealCertDer: Uint8Array<ArrayBuffer>;
  sealCertPem: string;
  sealPrivateKey: CryptoKey;
}

const CA_NAME = { cn: '退休一件事 开发用电子印章根证书', o: '退休一件事(开发环境)' };
const SEAL_NAME = { cn: '退休一件事 一站式服务 电子印章', o: '退休一件事(开发环境)' };
const CA_YEARS = 10;
const SEAL_YEARS = 5;
const EC_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;

const FILES = {
  caCert: 'seal-ca.cert.pem',
  caKey: 'seal-ca.key.pem',
  sealCert: 'seal.cert.pem',
  sealKey: 'seal.key.pem',
} as const;

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

async function loadOrCreate(dir: string): Promise<DevPki> {
  const existing = await load(dir);
  if (existing) return existing;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const created = await create();
  // Keys first, certificates last: load() only trusts a directory whose certificates exist.
  await writeAtomic(join(dir, FILES.caKey), created.caKeyPem, 0o600);
  await writeAtomic(join(dir, FILES.sealKey), created.sealKeyPem, 0o600);
  await writeAtomic(join(dir, FILES.caCert), created.pki.caCertPem, 0o644);
  await writeAtomic(join(dir, FILES.sealCert), created.pki.sealCertPem, 0o644);
  return created.pki;
}

async function load(dir: string): Promise<DevPki | undefined> {
  try {
    const read = (f: string) => readFile(join(dir, f), 'utf8');
    const [caCertPem, sealCertPem, sealKeyPem] = await Promise.all([read(FILES.caCert), read(FILES.sealCert), read(FILES.sealKey)]);
    const sealPrivateKey = await crypto.subtle.importKey('pkcs8', pemToDer(sealKeyPem), EC_PARAMS, false, ['sign']);
    return {
      caCertDer: pemToDer(caCertPem),
      caCertPem,
      sealCertDer: pemToDer(sealCertPem),
      sealCertPem,
      sealPrivateKey,
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function create(): Promise<{ pki: DevPki; caKeyPem: string; sealKeyPem: string }> {
  const caKeys = await crypto.subtle.generateKey(EC_PARAMS, true, ['sign', 'verify']);
  const sealKeys = await crypto.subtle.generateKey(EC_PARAMS, true, ['sign', 'verify']);
  const now = new Date();

  const caCert = await buildCertificate({
    subject: CA_NAME,
    issuer: CA_NAME,
    subjectPublicKey: caKeys.publicKey,
    issuerPublicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: now,
    years: CA_YEARS,
    isCa: true,
  });
  const sealCert = await buildCertificate({
    subject: SEAL_NAME,
    issuer: CA_NAME,
    subjectPublicKey: sealKeys.publicKey,
    issuerPublicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: now,
    years: SEAL_YEARS,
    isCa: false,
  });

  const caCertDer = new Uint8Array(caCert.toSchema(true).toBER());
  const sealCertDer = new Uint8Array(sealCert.toSchema(true).toBER());
  const exportPkcs8 = async (k: CryptoKey) =>
    derToPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', k)), 'PRIVATE KEY');
  // Re-import as non-extractable: nothing downstream needs to read the key material.
  const sealKeyPem = await exportPkcs8(sealKeys.privateKey);
  const sealPrivateKey = await crypto.subtle.importKey('pkcs8', pemToDer(sealKeyPem), EC_PARAMS, false, ['sign']);
  return {
    pki: {
      caCertDer,
      caCertPem: derToPem(caCertDer, 'CERTIFICATE'),
      sealCertDer,
      sealCertPem: derToPem(sealCertDer, 'CERTIFICATE'),
      sealPrivateKey,
    },
    caKeyPem: await exportPkcs8(caKeys.privateKey),
    sealKeyPem,
  };
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
