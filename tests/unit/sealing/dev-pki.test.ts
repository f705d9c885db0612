import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it, vi } from 'vitest';
import { run, tempDir, writeTemp } from './fixtures.ts';

const CA_CN = '退休一件事 开发用电子印章根证书';
const SEAL_CN = '退休一件事 一站式服务 电子印章';

/** A fresh module instance stands in for a new process start (no in-memory memo). */
async function freshEnsureDevPki() {
  vi.resetModules();
  return (await import('../../../functions/sealing/dev-pki.ts')).ensureDevPki;
}

function rdn(name: pkijs.RelativeDistinguishedNames, oid: string) {
  return name.typesAndValues.find((tv) => tv.type === oid)?.value;
}

describe('ensureDevPki', () => {
  it('creates the PKI once and reuses the same files on a later start', async () => {
    const dir = tempDir('pki');
    const first = await (await freshEnsureDevPki())(dir);
    const second = await (await freshEnsureDevPki())(dir);
    expect(Buffer.from(second.caCertDer).equals(Buffer.from(first.caCertDer))).toBe(true);
    expect(Buffer.from(second.sealCertDer).equals(Buffer.from(first.sealCertDer))).toBe(true);

    // The reloaded key is the certified key: a signature it makes verifies under the certificate.
    const cert = pkijs.Certificate.fromBER(second.sealCertDer);
    const pub = await cert.getPublicKey();
    const msg = new TextEncoder().encode('退休');
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, second.sealPrivateKey, msg);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, msg)).toBe(true);
    expect(second.sealPrivateKey.extractable).toBe(false);
  });

  it('keeps private keys as PKCS#8 PEM readable only by the owner', async () => {
    const dir = tempDir('pki');
    await (await freshEnsureDevPki())(dir);
    const keys = readdirSync(dir).filter((f) => f.endsWith('.key.pem'));
    expect(keys).toHaveLength(6); // the CA and five issuing bodies
    for (const f of keys) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
  });

  it('writes Chinese names as UTF8String, one attribute per RDN, and the right key usages', async () => {
    const pki = await (await freshEnsureDevPki())(tempDir('pki'));
    const seal = pkijs.Certificate.fromBER(pki.sealCertDer);
    const ca = pkijs.Certificate.fromBER(pki.caCertDer);

    const issuerCn = rdn(seal.issuer, '2.5.4.3');
    expect(issuerCn).toBeInstanceOf(asn1js.Utf8String);
    expect(issuerCn?.valueBlock.value).toBe(CA_CN);
    expect(rdn(seal.subject, '2.5.4.3')?.valueBlock.value).toBe(SEAL_CN);
    expect(rdn(seal.subject, '2.5.4.10')?.valueBlock.value).toBe('退休一件事(开发环境)');
    expect(seal.issuer.isEqual(ca.subject)).toBe(true);

    const caFile = writeTemp(tempDir('x509'), 'ca.pem', pki.caCertPem);
    const sealFile = writeTemp(tempDir('x509'), 'seal.pem', pki.sealCertPem);
    const text = run('openssl', ['x509', '-in', sealFile, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus']);
    expect(text).toContain(`Issuer: C=CN,O=退休一件事(开发环境),CN=${CA_CN}`);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Public-Key: \(256 bit\)[\s\S]*NIST CURVE: P-256/);
    expect(run('openssl', ['verify', '-CAfile', caFile, sealFile])).toContain(': OK');
  });

  it('issues one seal per issuing body, each its own key, all from the one dev seal CA', async () => {
    const pki = await (await freshEnsureDevPki())(tempDir('pki'));
    const caFile = writeTemp(tempDir('x509'), 'ca.pem', pki.caCertPem);
    const ca = pkijs.Certificate.fromBER(pki.caCertDer);
    const keys = new Set<string>();
    for (const [body, cn] of [
      ['one-stop', SEAL_CN],
      ['hr', '退休一件事 人力资源和社会保障局 电子印章'],
      ['medical', '退休一件事 医疗保障局 电子印章'],
      ['housing-fund', '退休一件事 住房公积金管理中心 电子印章'],
      ['health', '退休一件事 卫生健康局 电子印章'],
    ] as const) {
      const cert = pkijs.Certificate.fromBER(pki.seals[body].certDer);
      expect(rdn(cert.subject, '2.5.4.3')?.valueBlock.value).toBe(cn);
      expect(cert.issuer.isEqual(ca.subject)).toBe(true);
      keys.add(Buffer.from(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).toString('hex'));
      const file = writeTemp(tempDir('x509'), `${body}.pem`, pki.seals[body].certPem);
      expect(run('openssl', ['verify', '-CAfile', caFile, file])).toContain(': OK');
    }
    expect(keys.size).toBe(5);
    // Backdated, so a stack whose "today" is pinned into the past still seals inside the validity period.
    const seal = pkijs.Certificate.fromBER(pki.seals.hr.certDer);
    expect(seal.notBefore.value.getTime()).toBeLessThan(Date.now() - 4 * 365 * 86400_000);
    expect(seal.notAfter.value.getTime()).toBeGreaterThan(Date.now() + 4 * 365 * 86400_000);
    expect(Buffer.from(pki.sealCertDer).equals(Buffer.from(pki.seals['one-stop'].certDer))).toBe(true);
  });

  it('a directory from before per-body seals keeps its CA and one-stop seal and gains the others', async () => {
    const dir = tempDir('pki');
    const first = await (await freshEnsureDevPki())(dir);
    for (const f of readdirSync(dir).filter((f) => /^seal-(hr|medical|housing-fund|health)\./.test(f))) rmSync(join(dir, f));
    const second = await (await freshEnsureDevPki())(dir);
    expect(Buffer.from(second.caCertDer).equals(Buffer.from(first.caCertDer))).toBe(true);
    expect(Buffer.from(second.sealCertDer).equals(Buffer.from(first.sealCertDer))).toBe(true);
    expect(Buffer.from(second.seals.hr.certDer).equals(Buffer.from(first.seals.hr.certDer))).toBe(false);
    const hr = pkijs.Certificate.fromBER(second.seals.hr.certDer);
    expect(await hr.verify(pkijs.Certificate.fromBER(second.caCertDer))).toBe(true);
  });
});
