/**
 * Detached CMS SignedData (CAdES-BES shape, for PDF SubFilter ETSI.CAdES.detached) whose signature comes
 * from a SealSigner port, so the same code path works with a local key or KMS.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { Signer } from '@signpdf/utils';
import type { SealSigner } from './signer-port.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** Bytes the CMS adds around the certificates (attributes, signer info, signature); measured ≈ 600, with margin. */
const CMS_OVERHEAD_BYTES = 1024;

interface ParsedChain {
  chain: pkijs.Certificate[];
  signerCertHash: Promise<ArrayBuffer>;
}

/**
 * Each certificate chain parsed once per process, keyed by its DER bytes. A paper makes a signer of its own, and
 * parsing its chain (pkijs' schema match) was a tenth of a paper's CPU. The parsed certificates are only read. Keyed
 * by content, not by the port, so a port that hands a renewed certificate gets it parsed anew; the seals of a
 * hosting are a handful, each renewed once a year or so, so the map stays small.
 */
const parsedChains = new Map<string, ParsedChain>();

function parsedChain(chainDer: readonly Uint8Array[]): ParsedChain {
  const key = chainDer.map((der) => Buffer.from(der).toString('base64')).join('.');
  let parsed = parsedChains.get(key);
  if (!parsed) {
    parsed = {
      chain: chainDer.map((der) => pkijs.Certificate.fromBER(Uint8Array.from(der))),
      signerCertHash: crypto.subtle.digest('SHA-256', Uint8Array.from(chainDer[0]!)),
    };
    parsedChains.set(key, parsed);
  }
  return parsed;
}

export class CmsSigner extends Signer {
  readonly #port: SealSigner;
  readonly #chain: pkijs.Certificate[];
  readonly #signerCertHash: Promise<ArrayBuffer>;

  constructor(port: SealSigner) {
    super();
    this.#port = port;
    const chainDer = port.certificateChainDer();
    if (chainDer.length === 0) throw new Error('SealSigner returned an empty certificate chain');
    const parsed = parsedChain(chainDer);
    this.#chain = parsed.chain;
    this.#signerCertHash = parsed.signerCertHash;
  }

  /** Size of the PDF /Contents placeholder, in bytes of CMS, that is always enough for this chain. */
  placeholderBytes(): number {
    return this.#port.certificateChainDer().reduce((n, c) => n + c.length, CMS_OVERHEAD_BYTES);
  }

  // Matches @signpdf's Signer contract: `pdfBuffer` is the document without its /Contents placeholder.
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const signerCert = this.#chain[0]!;
    const digest = await crypto.subtle.digest('SHA-256', pdfBuffer as Uint8Array<ArrayBuffer>);

    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
      digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      // RFC 5758 §3.2: ecdsa-with-SHA256 carries no parameters.
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: [
          attr(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
          attr(OID.signingTime, new asn1js.UTCTime({ valueDate: signingTime ?? new Date() })),
          attr(OID.messageDigest, new asn1js.OctetString({ valueHex: digest })),
          attr(OID.signingCertificateV2, signingCertificateV2(signerCert, await this.#signerCertHash)),
        ],
      }),
    });

    // RFC 5652 §5.4: the signature covers the attributes re-tagged as a SET OF (0x31), not as [0].
    const attrsDer = new Uint8Array(signerInfo.signedAttrs!.toSchema().toBER());
    attrsDer[0] = 0x31;
    const signature = await this.#port.signEcdsaSha256(attrsDer);
    signerInfo.signature = new asn1js.OctetString({ valueHex: signature });

    const signedData = new pkijs.SignedData({
      version: 1,
      digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }), // detached: no eContent
      certificates: this.#chain,
      signerInfos: [signerInfo],
    });
    const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(contentInfo.toSchema().toBER());
  }
}

function attr(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * RFC 5035 SigningCertificateV2 — binds the signer certificate into the signed attributes, which
 * ETSI.CAdES.detached (PAdES baseline) requires. hashAlgorithm is omitted because SHA-256 is its default.
 */
function signingCertificateV2(cert: pkijs.Certificate, certSha256: ArrayBuffer): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }).toSchema(), cert.serialNumber],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certSha256 }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}
