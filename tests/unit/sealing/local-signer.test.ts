import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { p1363ToDer } from '../../../functions/sealing/local-signer.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const r32 = (first: string) => first + '11'.repeat(32 - first.length / 2);

describe('p1363ToDer', () => {
  it.each([
    { name: 'high bit set gets a 0x00 pad', r: r32('80'), s: r32('01'), rDer: `0221 00${r32('80')}`, sDer: `0220 ${r32('01')}` },
    { name: 'leading zero bytes are dropped', r: r32('0000007f'), s: r32('7f'), rDer: `021d ${r32('0000007f').slice(6)}`, sDer: `0220 ${r32('7f')}` },
    { name: 'zero byte then high bit keeps one zero', r: r32('0080'), s: r32('7f'), rDer: `0220 ${r32('0080')}`, sDer: `0220 ${r32('7f')}` },
  ])('$name', ({ r, s, rDer, sDer }) => {
    const body = hex(rDer + sDer);
    expect(Buffer.from(p1363ToDer(hex(r + s))).toString('hex')).toBe(Buffer.from([0x30, body.length, ...body]).toString('hex'));
  });

  it('turns a WebCrypto signature into one OpenSSL accepts as DER', async () => {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const msg = new TextEncoder().encode('退休审批结果通知书');
    for (let i = 0; i < 20; i++) {
      const p1363 = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, msg));
      const spki = Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey));
      const pub = createPublicKey({ key: spki, format: 'der', type: 'spki' });
      expect(verify('sha256', msg, { key: pub, dsaEncoding: 'der' }, p1363ToDer(p1363))).toBe(true);
    }
  });
});
