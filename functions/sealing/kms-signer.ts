import { SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SealSigner } from './signer-port.ts';

/**
 * SealSigner backed by an AWS KMS ECC_NIST_P256 key: the private key never leaves KMS.
 * MessageType RAW lets KMS hash the signed attributes itself, and KMS already answers with a DER
 * ECDSA-Sig-Value, so the bytes go into the CMS untouched. The certificate chain is not in KMS (it
 * holds keys only); the caller supplies the certificate issued for this key's public key.
 */
export function kmsSealSigner(client: KMSClient, keyId: string, chainDer: Uint8Array[]): SealSigner {
  if (chainDer.length === 0) throw new Error('kmsSealSigner needs the seal certificate chain');
  return {
    certificateChainDer: () => chainDer,
    async signEcdsaSha256(message) {
      // KMS RAW messages are limited to 4096 bytes; signed attributes are a few hundred.
      const out = await client.send(new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));
      if (!out.Signature) throw new Error(`KMS returned no signature for ${keyId}`);
      return out.Signature;
    },
  };
}
