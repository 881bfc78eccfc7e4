import { describe, expect, it } from 'vitest';
import { gradeEndpoint, type GradeInput } from '../../../src/scanners/tls/grade.js';

const NOW = Date.parse('2026-11-24T00:00:00Z');
const suite = (protocol: GradeInput['ciphers'][number]['protocol'], extra: Partial<GradeInput['ciphers'][number]> = {}): GradeInput['ciphers'][number] => ({
  protocol,
  kx: 'ECDHE',
  bits: 128,
  export: false,
  null: false,
  anonymous: false,
  rc4: false,
  tripleDes: false,
  aead: true,
  forwardSecrecy: true,
  ...extra,
});

/** A well-run endpoint: TLS 1.2 and 1.3, ECDHE with AES-GCM, RSA-2048, trusted, complete. */
function good(overrides: Partial<GradeInput> = {}): GradeInput {
  return {
    protocols: [
      { protocol: 'TLSv1.2', offered: true },
      { protocol: 'TLSv1.3', offered: true },
      { protocol: 'TLSv1.1', offered: false },
    ],
    ciphers: [suite('TLSv1.2'), suite('TLSv1.2', { bits: 256 }), suite('TLSv1.3', { kx: 'any', bits: 256 })],
    groups: [{ type: 'ecdhe', bits: 256 }],
    leaf: { keyType: 'RSA', keyBits: 2048, signatureHash: 'sha256', notBefore: '2026-10-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' },
    chain: { trusted: true, hostnameMatch: true, complete: true },
    nameTarget: true,
    features: { secureRenegotiation: true, compression: false, fallbackScsv: 'supported', heartbleed: false },
    now: NOW,
    ...overrides,
  };
}

describe('gradeEndpoint', () => {
  it('gives A to a good configuration, with the rating guide scores', () => {
    expect(gradeEndpoint(good())).toEqual({ grade: 'A', ignoringTrust: 'A', score: 93, protocolScore: 100, keyExchangeScore: 90, cipherScore: 90, caps: [] });
  });

  it('caps at B when TLS 1.0 or 1.1 is offered, and says so', () => {
    const result = gradeEndpoint(good({ protocols: [...good().protocols, { protocol: 'TLSv1.0', offered: true }] }));
    expect(result.grade).toBe('B');
    expect(result.caps).toContain('B:tls10-or-tls11');
    expect(result.protocolScore).toBe(95);
  });

  it('gives F for SSLv2, export suites, Heartbleed or an expired certificate', () => {
    expect(gradeEndpoint(good({ protocols: [...good().protocols, { protocol: 'SSLv2', offered: true }] })).grade).toBe('F');
    expect(gradeEndpoint(good({ ciphers: [...good().ciphers, suite('TLSv1.2', { export: true, bits: 40, forwardSecrecy: false, aead: false, kx: 'RSA' })] })).grade).toBe('F');
    expect(gradeEndpoint(good({ features: { ...good().features!, heartbleed: true } })).grade).toBe('F');
    const expired = gradeEndpoint(good({ leaf: { ...good().leaf!, notAfter: '2026-11-01T00:00:00Z' } }));
    expect([expired.grade, expired.caps]).toEqual(['F', ['F:certificate-not-valid-now']]);
  });

  it('replaces the letter with T when the chain is not trusted, and M on a name mismatch', () => {
    expect(gradeEndpoint(good({ chain: { trusted: false, hostnameMatch: true, complete: true } })).grade).toBe('T');
    expect(gradeEndpoint(good({ chain: { trusted: true, hostnameMatch: false, complete: true } })).grade).toBe('M');
    // Scanned by address: a certificate naming the portal's DNS name is not a mismatch worth an M.
    expect(gradeEndpoint(good({ nameTarget: false, chain: { trusted: true, hostnameMatch: false, complete: true } })).grade).toBe('A');
  });

  it('caps weak keys, DH groups, RC4, 3DES and missing forward secrecy', () => {
    expect(gradeEndpoint(good({ leaf: { ...good().leaf!, keyBits: 1024 } })).caps).toContain('B:rsa-key-below-2048');
    expect(gradeEndpoint(good({ groups: [{ type: 'ffdhe', bits: 1024 }] })).caps).toContain('B:dh-below-2048');
    expect(gradeEndpoint(good({ groups: [{ type: 'ffdhe', bits: 768 }] })).grade).toBe('F');
    expect(gradeEndpoint(good({ ciphers: [...good().ciphers, suite('TLSv1.2', { rc4: true, aead: false })] })).grade).toBe('C');
    const triple = gradeEndpoint(good({ ciphers: [...good().ciphers, suite('TLSv1.2', { tripleDes: true, bits: 112, aead: false })] }));
    expect([triple.grade, triple.cipherScore]).toEqual(['C', 60]);
    expect(gradeEndpoint(good({ ciphers: [suite('TLSv1.2', { kx: 'RSA', forwardSecrecy: false })] })).caps).toContain('B:no-forward-secrecy');
  });

  it('gives A- when TLS_FALLBACK_SCSV is missing, and zero for a server with nothing usable', () => {
    expect(gradeEndpoint(good({ features: { ...good().features!, fallbackScsv: 'missing' } })).grade).toBe('A-');
    const nothing = gradeEndpoint({ ...good(), protocols: [], ciphers: [], groups: [] });
    expect([nothing.score, nothing.grade]).toEqual([0, 'F']);
  });
});
