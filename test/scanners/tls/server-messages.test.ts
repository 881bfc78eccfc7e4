import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../../src/scanners/tls/alerts.js';
import { suiteByCode } from '../../../src/scanners/tls/cipher-suites.js';
import { TlsParseError } from '../../../src/scanners/tls/parse-error.js';
import { parseServerHello } from '../../../src/scanners/tls/server-hello.js';
import { bitLength, parseServerKeyExchange } from '../../../src/scanners/tls/server-key-exchange.js';
import { parseCertificateMessage, parseCertificateStatus } from '../../../src/scanners/tls/server-messages.js';
import { parseSslv2Error, parseSslv2ServerHello } from '../../../src/scanners/tls/sslv2-server-hello.js';
import { be16, be24, ext, HRR_RANDOM, serverHelloBody } from './server-bytes.js';

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof TlsParseError) return error.reason;
    throw error;
  }
  return 'no error';
}

const ALPN_H2 = Buffer.from('0003026832', 'hex');

describe('parseServerHello', () => {
  it('reads the fields and every extension a probe cares about', () => {
    const hello = parseServerHello(
      serverHelloBody({
        cipherSuite: 0xc02f,
        sessionId: Buffer.alloc(32, 9),
        extensions: [ext(0xff01, Buffer.from([0])), ext(11, Buffer.from([1, 0])), ext(23), ext(5), ext(15, Buffer.from([2])), ext(16, ALPN_H2), ext(22), ext(35)],
      }),
    );
    expect(hello).toMatchObject({
      legacyVersion: 0x0303,
      version: 0x0303,
      cipherSuite: 0xc02f,
      compressionMethod: 0,
      helloRetryRequest: false,
      renegotiationInfo: { length: 0 },
      ecPointFormats: [0],
      extendedMasterSecret: true,
      statusRequest: true,
      heartbeat: 'peer_not_allowed_to_send',
      alpn: 'h2',
      encryptThenMac: true,
      sessionTicket: true,
      selectedVersion: null,
      downgradeSentinel: null,
    });
    expect(hello.sessionId.length).toBe(32);
    expect(hello.extensions.map((e) => e.name)).toContain('application_layer_protocol_negotiation');
  });

  it('takes the version from supported_versions and the group from key_share in TLS 1.3', () => {
    const keyShare = Buffer.concat([be16(29), be16(32), Buffer.alloc(32, 5)]);
    const hello = parseServerHello(serverHelloBody({ cipherSuite: 0x1301, extensions: [ext(43, be16(0x0304)), ext(51, keyShare)] }));
    expect(hello).toMatchObject({ legacyVersion: 0x0303, version: 0x0304, selectedVersion: 0x0304, keyShareGroup: 29, keySharePublicKeyLength: 32 });
  });

  it('recognises a HelloRetryRequest by its random and reads the group it asks for', () => {
    const hello = parseServerHello(serverHelloBody({ random: HRR_RANDOM, cipherSuite: 0x1302, extensions: [ext(43, be16(0x0304)), ext(51, be16(23)), ext(44, Buffer.from('0002abcd', 'hex'))] }));
    expect(hello).toMatchObject({ helloRetryRequest: true, keyShareGroup: 23, keySharePublicKeyLength: null, cookie: true });
  });

  it('reads a hello without an extensions block, and the TLS 1.3 downgrade sentinel', () => {
    const random = Buffer.concat([Buffer.alloc(24, 3), Buffer.from('444f574e47524401', 'hex')]);
    const hello = parseServerHello(serverHelloBody({ version: 0x0300, random, cipherSuite: 0x000a }));
    expect(hello).toMatchObject({ version: 0x0300, extensions: [], renegotiationInfo: null, downgradeSentinel: 'tls12' });
  });

  it('rejects what a hostile server could send', () => {
    const good = serverHelloBody({ cipherSuite: 0xc02f, extensions: [ext(23)] });
    expect(reasonOf(() => parseServerHello(good.subarray(0, 20)))).toBe('truncated');
    expect(reasonOf(() => parseServerHello(Buffer.concat([good, Buffer.from([0])])))).toBe('trailing-bytes');
    expect(reasonOf(() => parseServerHello(serverHelloBody({ cipherSuite: 1, sessionId: Buffer.alloc(33) })))).toBe('bad-length');
    expect(reasonOf(() => parseServerHello(serverHelloBody({ cipherSuite: 1, extensions: [ext(23), ext(23)] })))).toBe('bad-value');
    expect(reasonOf(() => parseServerHello(serverHelloBody({ cipherSuite: 1, extensions: [ext(43, Buffer.from([3]))] })))).toBe('truncated');
    expect(reasonOf(() => parseServerHello(serverHelloBody({ cipherSuite: 1, extensions: [ext(23, Buffer.from([1]))] })))).toBe('trailing-bytes');
    // An extension claiming more bytes than the block holds.
    const lying = Buffer.concat([serverHelloBody({ cipherSuite: 1 }), be16(4), be16(23), be16(200)]);
    expect(reasonOf(() => parseServerHello(lying))).toBe('truncated');
  });
});

describe('parseAlert', () => {
  it('names the alerts a probe meets', () => {
    expect(parseAlert(Buffer.from([2, 40]))).toEqual({ level: 'fatal', levelCode: 2, description: 40, name: 'handshake_failure' });
    expect(parseAlert(Buffer.from([2, 70])).name).toBe('protocol_version');
    expect(parseAlert(Buffer.from([2, 71])).name).toBe('insufficient_security');
    expect(parseAlert(Buffer.from([1, 112]))).toMatchObject({ level: 'warning', name: 'unrecognized_name' });
    expect(parseAlert(Buffer.from([7, 250]))).toMatchObject({ level: 'unknown', name: 'unknown_250' });
    expect(reasonOf(() => parseAlert(Buffer.from([2])))).toBe('truncated');
  });
});

describe('Certificate, CertificateStatus and ServerKeyExchange', () => {
  it('reads the DER list of a Certificate message', () => {
    const certs = [Buffer.alloc(700, 0x30), Buffer.alloc(20, 0x31)];
    const list = Buffer.concat(certs.map((c) => Buffer.concat([be24(c.length), c])));
    const parsed = parseCertificateMessage(Buffer.concat([be24(list.length), list]));
    expect(parsed.map((c) => c.length)).toEqual([700, 20]);
    expect(reasonOf(() => parseCertificateMessage(Buffer.concat([be24(list.length + 5), list])))).toBe('truncated');
  });

  it('reads a stapled OCSP response', () => {
    const ocsp = Buffer.alloc(1500, 0x30);
    expect(parseCertificateStatus(Buffer.concat([Buffer.from([1]), be24(ocsp.length), ocsp]))).toMatchObject({ statusType: 1, length: 1500 });
  });

  const signature = Buffer.concat([be16(0x0401), be16(64), Buffer.alloc(64, 0x99)]);

  it('reads the named curve of an ECDHE ServerKeyExchange', () => {
    const params = Buffer.concat([Buffer.from([3]), be16(23), Buffer.from([65]), Buffer.alloc(65, 4)]);
    const suite = suiteByCode(0xc02f);
    if (!suite) throw new Error('suite missing');
    expect(parseServerKeyExchange(Buffer.concat([params, signature]), { suite, version: 0x0303 })).toEqual({
      kind: 'ecdhe',
      curveType: 'named',
      group: 23,
      publicKeyLength: 65,
      signatureScheme: 0x0401,
    });
    // TLS 1.0 signatures have no scheme prefix.
    const tls10 = parseServerKeyExchange(Buffer.concat([params, be16(64), Buffer.alloc(64)]), { suite, version: 0x0301 });
    expect(tls10).toMatchObject({ group: 23, signatureScheme: null });
  });

  it('reads the prime size of a DHE ServerKeyExchange, leading zeros aside', () => {
    const prime = Buffer.concat([Buffer.from([0x00, 0xff]), Buffer.alloc(127, 0xab)]); // 1024-bit value in 129 bytes
    const params = Buffer.concat([be16(prime.length), prime, be16(1), Buffer.from([2]), be16(128), Buffer.alloc(128, 7)]);
    const suite = suiteByCode(0x009e);
    if (!suite) throw new Error('suite missing');
    expect(parseServerKeyExchange(Buffer.concat([params, signature]), { suite, version: 0x0303 })).toMatchObject({ kind: 'dhe', primeBits: 1024, publicKeyLength: 128 });
    const anon = suiteByCode(0x0034);
    if (!anon) throw new Error('suite missing');
    expect(parseServerKeyExchange(params, { suite: anon, version: 0x0303 })).toMatchObject({ kind: 'dhe', primeBits: 1024, signatureScheme: null });
  });

  it('reads the temporary RSA key of an export suite', () => {
    const params = Buffer.concat([be16(64), Buffer.alloc(64, 0xc1), be16(3), Buffer.from([1, 0, 1])]);
    const suite = suiteByCode(0x0003);
    if (!suite) throw new Error('suite missing');
    expect(parseServerKeyExchange(Buffer.concat([params, be16(64), Buffer.alloc(64)]), { suite, version: 0x0300 })).toMatchObject({ kind: 'rsa-export', modulusBits: 512 });
  });

  it('counts bits exactly', () => {
    expect(bitLength(Buffer.from([0, 0, 1]))).toBe(1);
    expect(bitLength(Buffer.from([0x80, 0]))).toBe(16);
    expect(bitLength(Buffer.alloc(0))).toBe(0);
  });
});

describe('SSL 2.0 SERVER-HELLO and ERROR', () => {
  it('reads certificate, cipher kinds and connection id', () => {
    const certificate = Buffer.alloc(300, 0x30);
    const kinds = Buffer.from('0100800700c0', 'hex');
    const connectionId = Buffer.alloc(16, 0xcc);
    const message = Buffer.concat([Buffer.from([4, 0, 1]), be16(0x0002), be16(certificate.length), be16(kinds.length), be16(connectionId.length), certificate, kinds, connectionId]);
    const hello = parseSslv2ServerHello(message);
    expect(hello).toMatchObject({ sessionIdHit: false, certificateType: 1, version: 2, cipherKinds: [0x010080, 0x0700c0] });
    expect(hello.certificate.length).toBe(300);
    expect(hello.connectionId.length).toBe(16);
    expect(reasonOf(() => parseSslv2ServerHello(message.subarray(0, 200)))).toBe('truncated');
    expect(parseSslv2Error(Buffer.from([0, 0, 1]))).toEqual({ code: 1, name: 'NO-CIPHER-ERROR' });
  });
});
