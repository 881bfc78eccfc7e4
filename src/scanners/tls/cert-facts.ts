import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, CRLDistributionPoints, id_ce_cRLDistributionPoints } from '@peculiar/asn1-x509';
import type { ObservationData } from '../../core/model/observation.js';

/** Signature algorithm OIDs to names and the hash they use. */
const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string }> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'md2' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss', hash: 'pss' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-SHA1', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-SHA256', hash: 'sha256' },
  '1.3.101.112': { name: 'Ed25519', hash: 'ed25519' },
  '1.3.101.113': { name: 'Ed448', hash: 'ed448' },
};

export type CertificateFacts = Omit<ObservationData['tls.certificate'], 'port' | 'position'>;

/** Everything rules judge about one certificate, read from its DER. Throws on a malformed one. */
export function certificateFacts(der: Buffer): CertificateFacts {
  const x509 = new X509Certificate(der);
  const asn = AsnConvert.parse(der, Certificate);
  const sigOid = asn.signatureAlgorithm.algorithm;
  const signature = SIGNATURE_ALGORITHMS[sigOid] ?? { name: sigOid, hash: 'unknown' };
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const rawType = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  const keyType = rawType === 'RSA-PSS' ? 'RSA' : rawType;
  const curve = details.namedCurve ?? null;
  const sans = (x509.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const notBefore = new Date(x509.validFrom);
  const notAfter = new Date(x509.validTo);
  return {
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    serial: x509.serialNumber,
    sha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validityDays: Math.round((notAfter.getTime() - notBefore.getTime()) / 86_400_000),
    keyType,
    keyBits: details.modulusLength ?? (curve ? curveBits(curve) : keyType === 'ED25519' ? 256 : keyType === 'ED448' ? 456 : 0),
    curve,
    signatureAlgorithm: signature.name,
    signatureHash: signature.hash,
    sans,
    hasSan: sans.length > 0,
    selfSigned: x509.subject === x509.issuer && safe(() => x509.verify(key)) === true,
    isCa: x509.ca,
    ocspUrls: accessUrls(x509.infoAccess, 'OCSP'),
    crlUrls: crlUrls(asn),
  };
}

export interface ChainInput {
  /** As the server sent it, leaf first. */
  served: Buffer[];
  hostname: string | null;
  isIp: boolean;
  /** OpenSSL's verdict against the trust anchors, from the TLS handshake. */
  authorized: boolean;
  authorizationError: string | null;
  ocspStapled: boolean;
  /** Trust anchors, to tell an incomplete chain from one that ends at a known root. */
  anchors: readonly X509Certificate[];
}

/** The chain as a whole: does it name this host, is it trusted, complete and in order. */
export function chainFacts(input: ChainInput): Omit<ObservationData['tls.chain'], 'port'> {
  const certs = input.served.flatMap((der) => safe(() => [new X509Certificate(der)]) ?? []);
  const leaf = certs[0];
  const ordered = certs.every((cert, i) => i === certs.length - 1 || issuedBy(cert, certs[i + 1]!));
  const complete = leaf !== undefined && pathEndsAtAnchor(leaf, certs, input.anchors);
  const hostnameMatch = !leaf || !input.hostname ? null : input.isIp ? leaf.checkIP(input.hostname) !== undefined : leaf.checkHost(input.hostname) !== undefined;
  const revocationInfo = leaf ? accessUrls(leaf.infoAccess, 'OCSP').length > 0 || (safe(() => crlUrls(AsnConvert.parse(leaf.raw, Certificate))) ?? []).length > 0 : false;
  return {
    hostname: input.hostname,
    hostnameIsIp: input.isIp,
    hostnameMatch,
    trusted: input.authorized,
    trustError: input.authorized ? null : input.authorizationError,
    served: input.served.length,
    complete,
    ordered,
    ocspStapled: input.ocspStapled,
    revocationInfo,
  };
}

/** Follows issuers through the served certificates; complete when the path reaches a self-signed root or a trust anchor. */
function pathEndsAtAnchor(leaf: X509Certificate, served: readonly X509Certificate[], anchors: readonly X509Certificate[]): boolean {
  let current = leaf;
  const used = new Set<X509Certificate>([leaf]);
  for (let depth = 0; depth < 10; depth++) {
    const cert = current;
    if (cert.subject === cert.issuer && safe(() => cert.verify(cert.publicKey)) === true) return true;
    if (anchors.some((anchor) => issuedBy(cert, anchor))) return true;
    const next = served.find((candidate) => !used.has(candidate) && issuedBy(cert, candidate));
    if (!next) return false;
    used.add(next);
    current = next;
  }
  return false;
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return safe(() => cert.checkIssued(issuer) && cert.verify(issuer.publicKey)) === true;
}

function accessUrls(infoAccess: string | undefined, method: string): string[] {
  const prefix = `${method} - URI:`;
  return (infoAccess ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}

function crlUrls(asn: Certificate): string[] {
  const extension = asn.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_cRLDistributionPoints);
  if (!extension) return [];
  const points = AsnConvert.parse(extension.extnValue, CRLDistributionPoints);
  return points.flatMap((point) => (point.distributionPoint?.fullName ?? []).flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : [])));
}

function curveBits(curve: string): number {
  if (curve === 'prime256v1') return 256;
  const digits = /(\d{3})/.exec(curve)?.[1];
  return digits ? Number(digits) : 0;
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function safe<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}
