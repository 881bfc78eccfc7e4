import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientHello, buildTls13ClientHello } from '../../../src/scanners/tls/client-hello.js';
import { GROUP } from '../../../src/scanners/tls/named-groups.js';
import type { ServerReply } from '../../../src/scanners/tls/server-reply.js';
import { buildSslv2ClientHello } from '../../../src/scanners/tls/sslv2-client-hello.js';
import { SSLV2_CIPHER_KIND_CODES } from '../../../src/scanners/tls/sslv2-cipher-kinds.js';
import { exchange, selfSignedCertificate, startTlsServer, type KeyAndCert, type LoopbackServer } from './loopback-tls.js';

function expectKind<K extends ServerReply['kind']>(reply: ServerReply, kind: K): Extract<ServerReply, { kind: K }> {
  expect(reply.kind, JSON.stringify(reply).slice(0, 300)).toBe(kind);
  return reply as Extract<ServerReply, { kind: K }>;
}

describe('hand-built hellos against a real TLS server on loopback', () => {
  let server: LoopbackServer;
  let identity: KeyAndCert;

  beforeAll(async () => {
    identity = selfSignedCertificate('wire.test');
    server = await startTlsServer({ key: identity.key, cert: identity.cert });
  });

  afterAll(async () => {
    await server.close();
  });

  it('gets a TLS 1.2 ServerHello with an offered suite and the server’s own certificate', async () => {
    const offered = [0xc030, 0xc02f, 0x009f, 0x009c, 0x002f];
    const reply = expectKind(await exchange(server.port, buildClientHello({ version: 0x0303, cipherSuites: offered, serverName: 'wire.test' })), 'server-hello');
    expect(reply.complete).toBe(true);
    expect(reply.serverHello.version).toBe(0x0303);
    expect(reply.protocol).toBe('TLSv1.2');
    expect(offered).toContain(reply.serverHello.cipherSuite);
    expect(reply.serverHelloDone).toBe(true);
    expect(reply.serverHello.renegotiationInfo).toEqual({ length: 0 });
    const served = reply.certificates?.[0];
    expect(served?.equals(new X509Certificate(identity.cert).raw)).toBe(true);
    if (reply.suite?.kx === 'ECDHE') expect(reply.serverKeyExchange).toMatchObject({ kind: 'ecdhe', curveType: 'named' });
  });

  it('gets a TLS 1.3 ServerHello for a key share of each group the server supports', async () => {
    for (const group of [GROUP.x25519, GROUP.secp256r1, GROUP.secp384r1, GROUP.secp521r1, GROUP.x448, GROUP.ffdhe2048]) {
      const hello = buildTls13ClientHello({ keyShareGroups: [group], supportedGroups: [group], cipherSuites: [0x1301, 0x1302, 0x1303], serverName: 'wire.test' });
      const reply = expectKind(await exchange(server.port, hello), 'server-hello');
      expect(reply.serverHello.selectedVersion, `group ${group}`).toBe(0x0304);
      expect(reply.protocol).toBe('TLSv1.3');
      expect(reply.serverHello.keyShareGroup, `group ${group}`).toBe(group);
      expect([0x1301, 0x1302, 0x1303]).toContain(reply.serverHello.cipherSuite);
      expect(reply.complete).toBe(true);
    }
  });

  it('gets a HelloRetryRequest when the only key share is for a group the server lacks', async () => {
    const hello = buildTls13ClientHello({ keyShareGroups: [GROUP.brainpoolP256r1tls13], supportedGroups: [GROUP.brainpoolP256r1tls13, GROUP.x25519] });
    expect(await exchange(server.port, hello)).toMatchObject({ kind: 'hello-retry-request', selectedGroup: GROUP.x25519 });
  });

  it('is refused with handshake_failure when it offers only NULL and EXPORT suites', async () => {
    const hello = buildClientHello({ version: 0x0303, cipherSuites: [0x0001, 0x0002, 0x0003, 0x0006, 0x0008, 0x0014, 0x003b] });
    const reply = await exchange(server.port, hello);
    if (reply.kind === 'incomplete') return; // some builds close without an alert; either is a refusal
    expect(reply).toMatchObject({ kind: 'alert', alert: { level: 'fatal', description: 40, name: 'handshake_failure' } });
  });

  it('is refused in SSL 3.0 terms for SSL 3.0 and with protocol_version for TLS 1.0, below the server’s minimum', async () => {
    // SSL 3.0 has no protocol_version alert (RFC 6101 §5.4.2), so OpenSSL answers handshake_failure in an SSL 3.0 record.
    const ssl3 = await exchange(server.port, buildClientHello({ version: 0x0300, cipherSuites: [0x002f, 0x000a, 0x0005] }));
    expect(ssl3).toMatchObject({ kind: 'alert', recordVersion: 0x0300, alert: { name: 'handshake_failure' } });
    const tls10 = await exchange(server.port, buildClientHello({ version: 0x0301, cipherSuites: [0xc013, 0x002f] }));
    expect(tls10).toMatchObject({ kind: 'alert', recordVersion: 0x0301, alert: { description: 70, name: 'protocol_version' } });
  });

  it('gets no SSL 2.0 SERVER-HELLO from a server without SSL 2.0', async () => {
    const reply = await exchange(server.port, buildSslv2ClientHello(SSLV2_CIPHER_KIND_CODES, Buffer.alloc(16, 7)), 1500);
    expect(['alert', 'incomplete']).toContain(reply.kind);
  });
});

describe('what a real server adds to its TLS 1.2 flight', () => {
  let server: LoopbackServer;
  const stapled = Buffer.from('30030a0100', 'hex'); // an OCSPResponse with status tryLater; the parser only needs bytes

  beforeAll(async () => {
    const identity = selfSignedCertificate('wire.test');
    server = await startTlsServer({ key: identity.key, cert: identity.cert, dhparam: 'auto' });
    server.server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, callback: (error: Error | null, response: Buffer) => void) => callback(null, stapled));
  });

  afterAll(async () => {
    await server.close();
  });

  it('reads the DHE prime size from ServerKeyExchange', async () => {
    const reply = expectKind(await exchange(server.port, buildClientHello({ version: 0x0303, cipherSuites: [0x009e, 0x0033], extensions: { statusRequest: false } })), 'server-hello');
    expect(reply.suite?.kx).toBe('DHE');
    expect(reply.serverKeyExchange).toMatchObject({ kind: 'dhe' });
    expect(reply.serverKeyExchange?.kind === 'dhe' && reply.serverKeyExchange.primeBits).toBeGreaterThanOrEqual(2048);
  });

  it('acknowledges status_request and staples the OCSP response', async () => {
    const reply = expectKind(await exchange(server.port, buildClientHello({ version: 0x0303, cipherSuites: [0xc02f] })), 'server-hello');
    expect(reply.serverHello.statusRequest).toBe(true);
    expect(reply.certificateStatus?.ocspResponse.equals(stapled)).toBe(true);
  });
});
