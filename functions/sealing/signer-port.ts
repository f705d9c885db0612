/**
 * Where the seal's private key lives. The CMS builder only needs a chain and a signature, so a
 * local WebCrypto key (dev) and AWS KMS (prod: `Sign`, SigningAlgorithm ECDSA_SHA_256, MessageType RAW,
 * which returns a DER ECDSA-Sig-Value) are interchangeable behind this port.
 */
export interface SealSigner {
  /** DER certificates: [seal signing certificate, ...issuing CAs up to the root]. */
  certificateChainDer(): Uint8Array[];
  /**
   * ECDSA P-256 with SHA-256 over `message` (the signer hashes it; callers pass the DER of the CMS
   * signed attributes). Returns the signature as DER `SEQUENCE { r INTEGER, s INTEGER }`.
   */
  signEcdsaSha256(message: Uint8Array): Promise<Uint8Array>;
}
