import type { IssuingBody } from '../../schemas/notice.ts';
import type { DevPki } from './dev-pki.ts';
import type { SealSigner } from './signer-port.ts';

/** SealSigner over an in-process WebCrypto key (development and tests): the given body's own seal. */
export function localSealSigner(pki: DevPki, body: IssuingBody = 'one-stop'): SealSigner {
  const seal = pki.seals[body];
  const chain = [seal.certDer, pki.caCertDer];
  return {
    certificateChainDer: () => chain,
    async signEcdsaSha256(message) {
      const p1363 = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, seal.privateKey, message as Uint8Array<ArrayBuffer>);
      return p1363ToDer(new Uint8Array(p1363));
    },
  };
}

/**
 * WebCrypto returns IEEE P1363 `r || s`; CMS (and KMS) use DER `SEQUENCE { INTEGER r, INTEGER s }`.
 * P-256 keeps every length below 128, so short-form lengths suffice.
 */
export function p1363ToDer(sig: Uint8Array): Uint8Array {
  const half = sig.length / 2;
  const r = derInteger(sig.subarray(0, half));
  const s = derInteger(sig.subarray(half));
  return Uint8Array.from([0x30, r.length + s.length, ...r, ...s]);
}

function derInteger(unsigned: Uint8Array): number[] {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const body = [...unsigned.subarray(i)];
  if (body[0]! & 0x80) body.unshift(0); // keep it positive
  return [0x02, body.length, ...body];
}
