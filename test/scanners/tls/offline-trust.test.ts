import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issue, type Issued } from '../../../fixtures/certs/generate.js';
import { offlineTrustError } from '../../../src/scanners/tls/offline-trust.js';

const x509 = (issued: Issued) => new X509Certificate(issued.cert);
const now = new Date();
let root: Issued;
let intermediate: Issued;
let leaf: Issued;
let expiredLeaf: Issued;
let selfSigned: Issued;
let leafOfLeaf: Issued;

beforeAll(() => {
  root = issue({ subject: '/CN=Agency Root', ca: true, days: 3650 });
  intermediate = issue({ subject: '/CN=Agency Issuing CA', ca: true, issuer: root, days: 1000 });
  leaf = issue({ subject: '/CN=portal.test', san: ['DNS:portal.test'], issuer: intermediate });
  expiredLeaf = issue({ subject: '/CN=old.test', issuer: intermediate, startDays: -400, days: 365 });
  selfSigned = issue({ subject: '/CN=self.test' });
  leafOfLeaf = issue({ subject: '/CN=child.test', issuer: leaf });
}, 60_000);

describe('trust verdict without an OpenSSL handshake', () => {
  it('trusts a complete chain that ends at an anchor', () => {
    expect(offlineTrustError([x509(leaf), x509(intermediate)], [x509(root)], now)).toBeNull();
  });

  it('trusts a chain whose root was served too, when that root is an anchor', () => {
    expect(offlineTrustError([x509(leaf), x509(intermediate), x509(root)], [x509(root)], now)).toBeNull();
  });

  it('says which link is missing, as OpenSSL does', () => {
    expect(offlineTrustError([x509(leaf)], [x509(root)], now)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(offlineTrustError([x509(leaf), x509(intermediate)], [], now)).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });

  it('tells a self-signed leaf from a self-signed root in the chain', () => {
    expect(offlineTrustError([x509(selfSigned)], [x509(root)], now)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(offlineTrustError([x509(leaf), x509(intermediate), x509(root)], [], now)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('does not take a certificate without keyCertSign as an issuer', () => {
    // OpenSSL's issuer check looks at key usage, so such a "CA" never links the chain.
    expect(offlineTrustError([x509(leafOfLeaf), x509(leaf), x509(intermediate)], [x509(root)], now)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('judges dates only once the path is trusted', () => {
    expect(offlineTrustError([x509(expiredLeaf), x509(intermediate)], [x509(root)], now)).toBe('CERT_HAS_EXPIRED');
    expect(offlineTrustError([x509(leaf), x509(intermediate)], [x509(root)], new Date(now.getTime() - 30 * 86_400_000))).toBe('CERT_NOT_YET_VALID');
  });

  it('reports an empty chain', () => {
    expect(offlineTrustError([], [x509(root)], now)).toBe('NO_CERTIFICATE');
  });
});
