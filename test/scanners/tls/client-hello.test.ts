import { createECDH, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sniHostName } from '../../../src/scanners/tls/client-hello-extensions.js';
import { buildClientHello, buildTls13ClientHello, COMPRESSION_DEFLATE, COMPRESSION_NULL } from '../../../src/scanners/tls/client-hello.js';
import { TLS12_SUITE_CODES } from '../../../src/scanners/tls/cipher-suites.js';
import { EXT } from '../../../src/scanners/tls/extension-types.js';
import { buildHeartbeatRequest, parseHeartbeatMessage } from '../../../src/scanners/tls/heartbeat.js';
import { makeKeySharePublicKey } from '../../../src/scanners/tls/key-share.js';
import { GROUP } from '../../../src/scanners/tls/named-groups.js';
import { buildSslv2ClientHello } from '../../../src/scanners/tls/sslv2-client-hello.js';
import { parseClientHello, sniName, u16ListOf } from './parse-client-hello.js';

const FIXED_RANDOM = Buffer.alloc(32, 0xab);
const counting = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => i & 0xff));

describe('buildClientHello', () => {
  it('lays out a TLS 1.2 hello that parses back with consistent lengths', () => {
    const bytes = buildClientHello({ version: 0x0303, cipherSuites: [0xc02f, 0x009c, 0x00ff], random: FIXED_RANDOM, serverName: 'portal.example.vn' });
    const hello = parseClientHello(bytes);
    expect(hello).toMatchObject({ recordType: 22, recordVersion: 0x0301, handshakeType: 1, clientVersion: 0x0303, cipherSuites: [0xc02f, 0x009c, 0x00ff], compressionMethods: [0] });
    expect(hello.random.equals(FIXED_RANDOM)).toBe(true);
    expect(hello.sessionId.length).toBe(0);
    const ext = hello.extensions;
    expect(ext).not.toBeNull();
    expect(sniName(ext?.get(EXT.serverName) as Buffer)).toBe('portal.example.vn');
    expect(u16ListOf(ext?.get(EXT.supportedGroups) as Buffer)).toContain(GROUP.x25519);
    expect(ext?.get(EXT.ecPointFormats)?.toString('hex')).toBe('0100');
    expect(u16ListOf(ext?.get(EXT.signatureAlgorithms) as Buffer)).toEqual(expect.arrayContaining([0x0403, 0x0804, 0x0401, 0x0201]));
    expect(ext?.get(EXT.renegotiationInfo)?.toString('hex')).toBe('00');
    expect(ext?.get(EXT.statusRequest)?.toString('hex')).toBe('0100000000');
    expect(ext?.get(EXT.extendedMasterSecret)?.length).toBe(0);
    expect(ext?.get(EXT.sessionTicket)?.length).toBe(0);
    expect(ext?.has(EXT.heartbeat)).toBe(false);
    expect(ext?.has(EXT.encryptThenMac)).toBe(false);
  });

  it('is byte-for-byte deterministic with a fixed random or random source', () => {
    const options = { version: 0x0302, cipherSuites: [0x002f, 0x0035], serverName: 'a.example' } as const;
    expect(buildClientHello({ ...options, random: FIXED_RANDOM }).equals(buildClientHello({ ...options, random: FIXED_RANDOM }))).toBe(true);
    const a = buildClientHello({ ...options, randomSource: counting });
    expect(a.equals(buildClientHello({ ...options, randomSource: counting }))).toBe(true);
    expect(parseClientHello(a).random.equals(counting(32))).toBe(true);
    expect(a.equals(buildClientHello(options))).toBe(false);
  });

  it('sends extensions only as the options ask', () => {
    const bytes = buildClientHello({
      version: 0x0303,
      cipherSuites: [0x002f],
      random: FIXED_RANDOM,
      extensions: { supportedGroups: false, ecPointFormats: false, signatureAlgorithms: [0x0401], renegotiationInfo: false, statusRequest: false, extendedMasterSecret: false, sessionTicket: false, encryptThenMac: true, heartbeat: true, alpn: ['h2', 'http/1.1'], padding: false },
    });
    const hello = parseClientHello(bytes);
    expect(hello.extensionOrder).toEqual([EXT.signatureAlgorithms, EXT.encryptThenMac, EXT.heartbeat, EXT.alpn]);
    expect(hello.extensions?.get(EXT.heartbeat)?.toString('hex')).toBe('01');
    expect(hello.extensions?.get(EXT.alpn)?.toString('latin1')).toBe('\x00\x0c\x02h2\x08http/1.1');
    expect(parseClientHello(buildClientHello({ version: 0x0301, cipherSuites: [0x002f], extensions: false })).extensions).toBeNull();
  });

  it('leaves signature_algorithms out below TLS 1.2 and all extensions out of SSL 3.0 by default', () => {
    const tls10 = parseClientHello(buildClientHello({ version: 0x0301, cipherSuites: [0x002f], random: FIXED_RANDOM }));
    expect(tls10.extensions?.has(EXT.signatureAlgorithms)).toBe(false);
    expect(tls10.extensions?.has(EXT.renegotiationInfo)).toBe(true);
    const ssl3 = parseClientHello(buildClientHello({ version: 0x0300, cipherSuites: [0x000a, 0x00ff], random: FIXED_RANDOM, serverName: 'a.example' }));
    expect(ssl3).toMatchObject({ recordVersion: 0x0300, clientVersion: 0x0300, extensions: null });
  });

  it('never puts an IP literal in SNI', () => {
    for (const address of ['192.0.2.10', '127.0.64.1', '::1', '[2001:db8::1]', '2001:db8::1', '10.1', '0x7f.1']) {
      const hello = parseClientHello(buildClientHello({ version: 0x0303, cipherSuites: [0x002f], serverName: address }));
      expect(hello.extensions?.has(EXT.serverName), address).toBe(false);
    }
    expect(sniHostName('Portal.Example.VN.')).toBe('portal.example.vn');
    expect(sniHostName('bücher.example')).toBe('xn--bcher-kva.example');
    expect(sniHostName('bad name')).toBeNull();
  });

  it('offers DEFLATE for the compression check and appends TLS_FALLBACK_SCSV on request', () => {
    const hello = parseClientHello(
      buildClientHello({ version: 0x0302, cipherSuites: [0x002f], compressionMethods: [COMPRESSION_DEFLATE, COMPRESSION_NULL], fallbackScsv: true }),
    );
    expect(hello.compressionMethods).toEqual([1, 0]);
    expect(hello.cipherSuites).toEqual([0x002f, 0x5600]);
  });

  it('pads every hello out of the 256-511-byte range that hangs some F5 devices', () => {
    const lengths: number[] = [];
    for (let count = 1; count <= 200; count += 1) {
      for (const version of [0x0300, 0x0301, 0x0303]) {
        const hello = parseClientHello(buildClientHello({ version, cipherSuites: TLS12_SUITE_CODES.slice(0, count), random: FIXED_RANDOM }));
        lengths.push(hello.handshakeLength + 4);
        expect(hello.handshakeLength + 4 < 256 || hello.handshakeLength + 4 >= 512, `${count} suites, version ${version}`).toBe(true);
        if (hello.extensions?.has(EXT.padding)) expect(hello.extensionOrder.at(-1)).toBe(EXT.padding);
      }
    }
    // The sweep crossed the range, so padding was really exercised.
    expect(lengths.some((l) => l < 256)).toBe(true);
    expect(lengths.filter((l) => l === 512).length).toBeGreaterThan(10);
    const unpadded = parseClientHello(buildClientHello({ version: 0x0303, cipherSuites: TLS12_SUITE_CODES.slice(0, 60), random: FIXED_RANDOM, extensions: { padding: false } }));
    expect(unpadded.handshakeLength + 4).toBeGreaterThanOrEqual(256);
    expect(unpadded.handshakeLength + 4).toBeLessThan(512);
  });

  it('refuses impossible input, which would be a caller bug', () => {
    expect(() => buildClientHello({ version: 0x0304, cipherSuites: [0x1301] })).toThrow(RangeError);
    expect(() => buildClientHello({ version: 0x0303, cipherSuites: [] })).toThrow(RangeError);
    expect(() => buildClientHello({ version: 0x0303, cipherSuites: [0x10000] })).toThrow(RangeError);
    expect(() => buildClientHello({ version: 0x0303, cipherSuites: [0x002f], random: Buffer.alloc(31) })).toThrow(RangeError);
  });
});

describe('buildTls13ClientHello', () => {
  const fixedShare = (group: number) => Buffer.alloc(group === GROUP.x25519 ? 32 : 65, group);

  it('carries supported_versions, key_share, groups, signature schemes and PSK modes', () => {
    const bytes = buildTls13ClientHello({ keyShareGroups: [GROUP.x25519, GROUP.secp256r1], keyShare: fixedShare, random: FIXED_RANDOM, serverName: 'portal.example.vn', versions: [0x0304, 0x0303] });
    const hello = parseClientHello(bytes);
    expect(hello).toMatchObject({ recordVersion: 0x0301, clientVersion: 0x0303, cipherSuites: [0x1301, 0x1302, 0x1303, 0x1304, 0x1305], compressionMethods: [0] });
    const ext = hello.extensions;
    expect(u16ListOf(ext?.get(EXT.supportedVersions) as Buffer, 1)).toEqual([0x0304, 0x0303]);
    expect(u16ListOf(ext?.get(EXT.supportedGroups) as Buffer).slice(0, 2)).toEqual([GROUP.x25519, GROUP.secp256r1]);
    expect(ext?.get(EXT.pskKeyExchangeModes)?.toString('hex')).toBe('0101');
    expect(sniName(ext?.get(EXT.serverName) as Buffer)).toBe('portal.example.vn');
    const keyShare = ext?.get(EXT.keyShare) as Buffer;
    expect(keyShare.readUInt16BE(0)).toBe(keyShare.length - 2);
    expect(keyShare.readUInt16BE(2)).toBe(GROUP.x25519);
    expect(keyShare.readUInt16BE(4)).toBe(32);
    expect(keyShare.readUInt16BE(38)).toBe(GROUP.secp256r1);
    expect(keyShare.readUInt16BE(40)).toBe(65);
    expect(ext?.has(EXT.renegotiationInfo)).toBe(true); // TLS 1.2 offered too
    expect(bytes.equals(buildTls13ClientHello({ keyShareGroups: [GROUP.x25519, GROUP.secp256r1], keyShare: fixedShare, random: FIXED_RANDOM, serverName: 'portal.example.vn', versions: [0x0304, 0x0303] }))).toBe(true);
  });

  it('pads TLS 1.3 hellos out of the F5 range too', () => {
    for (let count = 1; count <= 160; count += 1) {
      const hello = parseClientHello(buildTls13ClientHello({ cipherSuites: TLS12_SUITE_CODES.slice(0, count), versions: [0x0304, 0x0303], keyShare: fixedShare, random: FIXED_RANDOM }));
      const length = hello.handshakeLength + 4;
      expect(length < 256 || length >= 512, `${count} suites`).toBe(true);
    }
  });

  it('makes valid public keys for every group it can share', () => {
    const x25519 = makeKeySharePublicKey(GROUP.x25519);
    expect(x25519).toHaveLength(32);
    expect(createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: x25519.toString('base64url') }, format: 'jwk' }).asymmetricKeyType).toBe('x25519');
    expect(makeKeySharePublicKey(GROUP.x448)).toHaveLength(56);
    for (const [group, curve, length] of [
      [GROUP.secp256r1, 'prime256v1', 65],
      [GROUP.secp384r1, 'secp384r1', 97],
      [GROUP.secp521r1, 'secp521r1', 133],
      [GROUP.brainpoolP256r1tls13, 'brainpoolP256r1', 65],
    ] as const) {
      const point = makeKeySharePublicKey(group);
      expect(point).toHaveLength(length);
      expect(point[0]).toBe(0x04);
      // computeSecret rejects a point that is not on the curve.
      const peer = createECDH(curve);
      peer.generateKeys();
      expect(() => peer.computeSecret(point)).not.toThrow();
      const offCurve = Buffer.from(point);
      offCurve.writeUInt8(offCurve.readUInt8(offCurve.length - 1) ^ 1, offCurve.length - 1);
      expect(() => peer.computeSecret(offCurve)).toThrow();
    }
    const ffdhe = makeKeySharePublicKey(GROUP.ffdhe2048);
    expect(ffdhe).toHaveLength(256);
    expect(ffdhe.at(-1)).toBe(2);
    expect(() => makeKeySharePublicKey(4588)).toThrow(RangeError);
  });
});

describe('buildSslv2ClientHello', () => {
  it('builds the 2-byte-header CLIENT-HELLO of SSL 2.0', () => {
    const challenge = Buffer.alloc(16, 0x5a);
    const bytes = buildSslv2ClientHello([0x010080, 0x0700c0], challenge);
    expect(bytes.subarray(0, 11).toString('hex')).toBe(['801f', '01', '0002', '0006', '0000', '0010'].join(''));
    expect(bytes.subarray(11, 17).toString('hex')).toBe('0100800700c0');
    expect(bytes.subarray(17).equals(challenge)).toBe(true);
    expect(bytes.length).toBe(2 + 0x1f);
    expect(() => buildSslv2ClientHello([0x010080], Buffer.alloc(15))).toThrow(RangeError);
    expect(() => buildSslv2ClientHello([], challenge)).toThrow(RangeError);
  });
});

describe('buildHeartbeatRequest', () => {
  it('declares exactly the payload it carries, so it can read no memory', () => {
    const payload = Buffer.from('rasoat-heartbeat');
    const bytes = buildHeartbeatRequest({ payload, version: 0x0302, randomSource: counting });
    expect(bytes[0]).toBe(24);
    expect(bytes.readUInt16BE(1)).toBe(0x0302);
    expect(bytes.readUInt16BE(3)).toBe(bytes.length - 5);
    expect(bytes[5]).toBe(1);
    expect(bytes.readUInt16BE(6)).toBe(payload.length);
    expect(bytes.length - 5).toBe(1 + 2 + payload.length + 16);
    const parsed = parseHeartbeatMessage(bytes.subarray(5));
    expect(parsed.type).toBe('request');
    expect(parsed.payload.equals(payload)).toBe(true);
  });
});
