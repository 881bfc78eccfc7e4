import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateFacts, chainFacts } from '../../../src/scanners/tls/cert-facts.js';
import { issue } from '../../../fixtures/certs/generate.js';

const der = (pem: string) => new X509Certificate(pem).raw;

const root = issue({ subject: '/CN=Test Root CA', ca: true, days: 3650 });
const intermediate = issue({ subject: '/CN=Test Intermediate CA', ca: true, issuer: root, days: 1825 });
const leaf = issue({
  subject: '/CN=portal.test',
  san: ['DNS:portal.test', 'DNS:*.portal.test', 'IP:127.0.67.1'],
  issuer: intermediate,
  days: 90,
  ocspUrl: 'http://ocsp.test/',
  crlUrl: 'http://crl.test/int.crl',
});

describe('certificateFacts', () => {
  it('reads names, validity, key, signature and revocation pointers', () => {
    const facts = certificateFacts(der(leaf.cert));
    expect(facts.subject).toBe('CN=portal.test');
    expect(facts.issuer).toBe('CN=Test Intermediate CA');
    expect(facts.keyType).toBe('RSA');
    expect(facts.keyBits).toBe(2048);
    expect(facts.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(facts.signatureHash).toBe('sha256');
    expect(facts.sans).toEqual(['DNS:portal.test', 'DNS:*.portal.test', 'IP Address:127.0.67.1']);
    expect(facts.hasSan).toBe(true);
    expect(facts.validityDays).toBe(90);
    expect(facts.selfSigned).toBe(false);
    expect(facts.isCa).toBe(false);
    expect(facts.ocspUrls).toEqual(['http://ocsp.test/']);
    expect(facts.crlUrls).toEqual(['http://crl.test/int.crl']);
    expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recognises weak keys, SHA-1 and MD5 signatures, EC keys and self-signed certificates', () => {
    const weak = certificateFacts(der(issue({ subject: '/CN=old.test', rsaBits: 1024, digest: 'sha1' }).cert));
    expect([weak.keyBits, weak.signatureHash, weak.selfSigned, weak.hasSan]).toEqual([1024, 'sha1', true, false]);
    const ec = certificateFacts(der(issue({ subject: '/CN=ec.test', keyType: 'ec', curve: 'secp384r1' }).cert));
    expect([ec.keyType, ec.curve, ec.keyBits, ec.signatureAlgorithm]).toEqual(['EC', 'secp384r1', 384, 'ecdsa-with-SHA256']);
  });

  it('throws on bytes that are not a certificate', () => {
    expect(() => certificateFacts(Buffer.from('not a certificate'))).toThrow();
  });
});

describe('chainFacts', () => {
  const anchors = [new X509Certificate(root.cert)];
  const base = { hostname: 'www.portal.test', isIp: false, authorized: true, authorizationError: null, ocspStapled: false, anchors };

  it('a full chain in order, ending at a trust anchor, matching a wildcard name', () => {
    const facts = chainFacts({ ...base, served: [der(leaf.cert), der(intermediate.cert)] });
    expect(facts).toMatchObject({ hostnameMatch: true, complete: true, ordered: true, served: 2, revocationInfo: true, trusted: true });
  });

  it('a chain missing its intermediate is incomplete', () => {
    expect(chainFacts({ ...base, served: [der(leaf.cert)], authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })).toMatchObject({ complete: false, trusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' });
  });

  it('a chain served out of order is complete but misordered', () => {
    expect(chainFacts({ ...base, served: [der(leaf.cert), der(root.cert), der(intermediate.cert)] })).toMatchObject({ complete: true, ordered: false });
  });

  it('checks names and IP addresses against the leaf', () => {
    expect(chainFacts({ ...base, hostname: 'other.test', served: [der(leaf.cert)] }).hostnameMatch).toBe(false);
    expect(chainFacts({ ...base, hostname: 'deep.www.portal.test', served: [der(leaf.cert)] }).hostnameMatch).toBe(false);
    expect(chainFacts({ ...base, hostname: '127.0.67.1', isIp: true, served: [der(leaf.cert)] }).hostnameMatch).toBe(true);
    expect(chainFacts({ ...base, hostname: '127.0.67.2', isIp: true, served: [der(leaf.cert)] }).hostnameMatch).toBe(false);
  });
});
