import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue } from '../../../fixtures/certs/generate.js';
import { startFakeTls, type FakeTlsServer } from '../../../fixtures/servers/fake-tls.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// Byte-level servers for what OpenSSL no longer speaks: 127.0.65.x, TLS on the alternate HTTPS ports.
const LEGACY = '127.0.65.1';
const DHE_WEAK = '127.0.65.2';
const PATCHED = '127.0.65.3';
const servers: FakeTlsServer[] = [];
let legacy: InProcessAudit;
let dheWeak: InProcessAudit;
let patched: InProcessAudit;

const der = (pem: string) => new X509Certificate(pem).raw;

beforeAll(async () => {
  const old = issue({ subject: '/CN=legacy.test', san: ['DNS:legacy.test'], rsaBits: 1024, digest: 'sha1', days: 3650 });
  const modern = issue({ subject: '/CN=dhe.test', san: ['DNS:dhe.test', 'IP:127.0.65.2', 'IP:127.0.65.3'], days: 90 });
  servers.push(
    await startFakeTls(LEGACY, 8443, {
      versions: [0x0300, 0x0301],
      // RC4-SHA, EXP-RC4-MD5, DES-CBC3-SHA, AES128-SHA, in the client's order.
      suites: [0x0005, 0x0003, 0x000a, 0x002f],
      serverOrder: false,
      sslv2Kinds: [0x010080, 0x020080],
      compression: true,
      renegotiationInfo: false,
      heartbeat: 'vulnerable',
      fallbackScsv: false,
      chain: [der(old.cert)],
    }),
    await startFakeTls(DHE_WEAK, 8443, {
      versions: [0x0301, 0x0302, 0x0303],
      // ECDHE-RSA-AES128-GCM-SHA256, DHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-AES128-SHA, AES128-GCM-SHA256, AES128-SHA.
      suites: [0xc02f, 0x009e, 0xc013, 0x009c, 0x002f],
      serverOrder: true,
      renegotiationInfo: true,
      heartbeat: 'patched',
      fallbackScsv: true,
      groups: [19, 23],
      dhBits: 1024,
      chain: [der(modern.cert)],
    }),
    await startFakeTls(PATCHED, 9443, {
      versions: [0x0303],
      suites: [0xc02f, 0xc030],
      serverOrder: true,
      renegotiationInfo: true,
      heartbeat: 'patched',
      fallbackScsv: true,
      groups: [29, 23],
      chain: [der(modern.cert)],
    }),
  );
  [legacy, dheWeak, patched] = await Promise.all([
    auditInProcess([LEGACY], { ports: '8443' }),
    auditInProcess([DHE_WEAK], { ports: '8443' }),
    auditInProcess([PATCHED], { ports: '9443' }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('a legacy server that OpenSSL can no longer talk to', () => {
  it('finds every protocol it speaks, SSL 2.0 and 3.0 included, and none it does not', () => {
    const offered = Object.fromEntries(legacy.facts('tls.protocol').map((p) => [p.protocol, p.offered]));
    expect(offered).toEqual({ SSLv2: true, SSLv3: true, 'TLSv1.0': true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': false });
  });

  it('lists exactly the suites it accepts, per protocol, with SSLv2 cipher kinds', () => {
    const byProtocol = (protocol: string) => legacy.facts('tls.cipher').filter((c) => c.protocol === protocol).map((c) => c.name).sort();
    const tls = ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_RC4_128_SHA'];
    expect(byProtocol('TLSv1.0')).toEqual(tls);
    expect(byProtocol('SSLv3')).toEqual(tls);
    expect(byProtocol('SSLv2')).toEqual(['SSL_CK_RC4_128_EXPORT40_WITH_MD5', 'SSL_CK_RC4_128_WITH_MD5']);
    expect(legacy.facts('tls.preference').find((p) => p.protocol === 'TLSv1.0')?.serverOrder).toBe(false);
  });

  it('judges the self-signed chain itself when OpenSSL cannot complete a handshake', () => {
    expect(legacy.facts('tls.chain')[0]).toMatchObject({ trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', complete: true });
  });

  it('sees compression, no secure renegotiation, no fallback SCSV and the Heartbleed over-read', () => {
    expect(legacy.facts('tls.features')[0]).toMatchObject({ compression: true, secureRenegotiation: false, fallbackScsv: 'missing', heartbeat: true, heartbleed: true });
  });

  it('fails every rule the server breaks, and grades it F', () => {
    expect(legacy.failed()).toEqual(
      expect.arrayContaining([
        'tls.protocol.sslv2-enabled',
        'tls.protocol.sslv3-enabled',
        'tls.protocol.tls10-enabled',
        'tls.protocol.modern-missing',
        'tls.protocol.tls13-missing',
        'tls.cipher.export-offered',
        'tls.cipher.rc4-offered',
        'tls.cipher.3des-offered',
        'tls.cipher.forward-secrecy-missing',
        'tls.cipher.non-forward-secret-offered',
        'tls.cipher.server-order-missing',
        'tls.feature.compression-enabled',
        'tls.feature.secure-renegotiation-missing',
        'tls.feature.fallback-scsv-missing',
        'tls.feature.heartbleed',
        'tls.certificate.rsa-key-weak',
        'tls.certificate.self-signed',
        'tls.chain.untrusted',
        'tls.grade.below-a',
      ]),
    );
    expect(legacy.facts('tls.grade')[0]).toMatchObject({ grade: 'T', ignoringTrust: 'F' });
    expect(legacy.facts('tls.grade')[0]?.caps).toEqual(expect.arrayContaining(['F:sslv2', 'F:export-suites', 'F:heartbleed', 'T:untrusted']));
    expect(legacy.facts('tls.grade')[0]?.caps.length).toBeGreaterThan(0);
  });
});

describe('a TLS 1.2 server with weak key exchange', () => {
  it('names the 1024-bit DH group and the weak curve, and keeps the server order', () => {
    const groups = dheWeak.facts('tls.group');
    expect(groups).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'ffdhe', bits: 1024 }), expect.objectContaining({ group: 'secp192r1', type: 'ecdhe', weak: true })]));
    expect(dheWeak.facts('tls.preference').find((p) => p.protocol === 'TLSv1.2')?.serverOrder).toBe(true);
    const tls10 = dheWeak.facts('tls.cipher').filter((c) => c.protocol === 'TLSv1.0');
    expect(tls10.sort((a, b) => a.order - b.order).map((c) => c.code)).toEqual(['0xC013', '0x002F']);
    const tls12 = dheWeak.facts('tls.cipher').filter((c) => c.protocol === 'TLSv1.2');
    expect(tls12.sort((a, b) => a.order - b.order).map((c) => c.code)).toEqual(['0xC02F', '0x009E', '0xC013', '0x009C', '0x002F']);
  });

  it('fails the key-exchange rules but passes the ones the server gets right', () => {
    const failed = dheWeak.failed();
    expect(failed).toEqual(expect.arrayContaining(['tls.group.dh-below-2048', 'tls.group.weak-curve', 'tls.protocol.tls10-enabled', 'tls.protocol.tls11-enabled']));
    for (const rule of ['tls.feature.heartbleed', 'tls.feature.fallback-scsv-missing', 'tls.feature.secure-renegotiation-missing', 'tls.cipher.server-order-missing', 'tls.cipher.rc4-offered', 'tls.protocol.sslv3-enabled']) {
      expect(dheWeak.outcome(rule), rule).toBe('pass');
    }
  });
});

describe('a server that answers heartbeats correctly', () => {
  it('is not called vulnerable to Heartbleed', () => {
    expect(patched.facts('tls.features')[0]).toMatchObject({ heartbeat: true, heartbleed: false, fallbackScsv: 'not-applicable' });
    expect(patched.outcome('tls.feature.heartbleed')).toBe('pass');
    expect(patched.facts('tls.group').map((g) => g.group)).toEqual(expect.arrayContaining(['x25519', 'secp256r1']));
  });
});
