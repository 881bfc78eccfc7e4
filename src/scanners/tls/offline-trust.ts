import type { X509Certificate } from 'node:crypto';

/**
 * The trust verdict for a chain OpenSSL could not handshake with (SSL 3.0-only servers, suites this
 * OpenSSL build lacks): the path is built from the served certificates to an anchor and judged as
 * OpenSSL would, with its error codes, so such a server is not reported untrusted just for being old.
 * Returns null when trusted.
 */
export function offlineTrustError(served: readonly X509Certificate[], anchors: readonly X509Certificate[], now: Date): string | null {
  const leaf = served[0];
  if (!leaf) return 'NO_CERTIFICATE';
  const path: X509Certificate[] = [leaf];
  const used = new Set<X509Certificate>([leaf]);
  let current = leaf;
  for (;;) {
    if (path.length > 10) return 'CERT_CHAIN_TOO_LONG';
    if (anchors.some((anchor) => anchor.raw.equals(current.raw))) break;
    const anchor = anchors.find((candidate) => issuedBy(current, candidate));
    if (anchor) {
      path.push(anchor);
      break;
    }
    if (selfSigned(current)) return path.length === 1 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
    const next = served.find((candidate) => !used.has(candidate) && issuedBy(current, candidate));
    if (!next) return path.length === 1 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
    if (!next.ca) return 'INVALID_CA';
    used.add(next);
    path.push(next);
    current = next;
  }
  for (const cert of path) {
    if (now < new Date(cert.validFrom)) return 'CERT_NOT_YET_VALID';
    if (now > new Date(cert.validTo)) return 'CERT_HAS_EXPIRED';
  }
  return null;
}

function selfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && attempt(() => cert.verify(cert.publicKey));
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return attempt(() => cert.checkIssued(issuer) && cert.verify(issuer.publicKey));
}

function attempt(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
