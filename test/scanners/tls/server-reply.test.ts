import { describe, expect, it } from 'vitest';
import { ServerReplyReader, summariseServerReply, type ServerReply } from '../../../src/scanners/tls/server-reply.js';
import { alertRecord, be16, be24, ext, handshake, HRR_RANDOM, record, serverHelloBody, splitAt } from './server-bytes.js';

function expectKind<K extends ServerReply['kind']>(reply: ServerReply, kind: K): Extract<ServerReply, { kind: K }> {
  expect(reply.kind).toBe(kind);
  return reply as Extract<ServerReply, { kind: K }>;
}

const CERT_A = Buffer.alloc(900, 0x30);
const CERT_B = Buffer.alloc(600, 0x31);

function tls12Flight(): Buffer {
  const hello = handshake(2, serverHelloBody({ cipherSuite: 0xc02f, extensions: [ext(0xff01, Buffer.from([0])), ext(5), ext(23)] }));
  const list = Buffer.concat([be24(CERT_A.length), CERT_A, be24(CERT_B.length), CERT_B]);
  const certificate = handshake(11, Buffer.concat([be24(list.length), list]));
  const ocsp = Buffer.alloc(300, 0x30);
  const status = handshake(22, Buffer.concat([Buffer.from([1]), be24(ocsp.length), ocsp]));
  const keyExchange = handshake(12, Buffer.concat([Buffer.from([3]), be16(29), Buffer.from([32]), Buffer.alloc(32, 1), be16(0x0804), be16(256), Buffer.alloc(256, 2)]));
  const done = handshake(14, Buffer.alloc(0));
  // The Certificate message spans two records; the last record carries three messages.
  return Buffer.concat([
    record(22, 0x0303, hello),
    record(22, 0x0303, certificate.subarray(0, 700)),
    record(22, 0x0303, certificate.subarray(700)),
    record(22, 0x0303, Buffer.concat([status, keyExchange, done])),
  ]);
}

describe('ServerReplyReader', () => {
  it('reads a whole TLS 1.2 flight however it was chunked', () => {
    const flight = tls12Flight();
    for (const cuts of [[], [1], [3, 60, 61], [700, 1400, 2000], Array.from({ length: 40 }, (_, i) => (i + 1) * 50)]) {
      const reader = new ServerReplyReader();
      const chunks = splitAt(flight, ...cuts);
      chunks.forEach((chunk, i) => {
        reader.feed(chunk);
        if (i < chunks.length - 1) expect(reader.complete).toBe(false);
      });
      const reply = expectKind(reader.outcome(), 'server-hello');
      expect(reply).toMatchObject({ complete: true, protocol: 'TLSv1.2', serverHelloDone: true, parseError: null });
      expect(reply.suite?.name).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
      expect(reply.certificates?.map((c) => c.length)).toEqual([900, 600]);
      expect(reply.certificateStatus?.length).toBe(300);
      expect(reply.serverKeyExchange).toMatchObject({ kind: 'ecdhe', group: 29, signatureScheme: 0x0804 });
      expect(reply.serverHello).toMatchObject({ renegotiationInfo: { length: 0 }, statusRequest: true, extendedMasterSecret: true });
    }
  });

  it('reports a ServerHello split across three chunks only once it is whole', () => {
    const bytes = record(22, 0x0303, handshake(2, serverHelloBody({ cipherSuite: 0x009c })));
    const reader = new ServerReplyReader();
    const [a, b, c] = splitAt(bytes, 4, 30);
    reader.feed(a as Buffer);
    expect(reader.outcome()).toMatchObject({ kind: 'incomplete', bytesReceived: 4 });
    reader.feed(b as Buffer);
    expect(reader.outcome().kind).toBe('incomplete');
    reader.feed(c as Buffer);
    expect(reader.outcome()).toMatchObject({ kind: 'server-hello', complete: false, protocol: 'TLSv1.2' });
  });

  it('is complete at a TLS 1.3 ServerHello, since the rest is encrypted', () => {
    const keyShare = Buffer.concat([be16(23), be16(65), Buffer.alloc(65, 4)]);
    const bytes = Buffer.concat([
      record(22, 0x0303, handshake(2, serverHelloBody({ cipherSuite: 0x1302, extensions: [ext(43, be16(0x0304)), ext(51, keyShare)] }))),
      record(20, 0x0303, Buffer.from([1])),
      record(23, 0x0303, Buffer.alloc(900, 0x5e)),
    ]);
    const reply = expectKind(summariseServerReply(bytes), 'server-hello');
    expect(reply).toMatchObject({ complete: true, protocol: 'TLSv1.3', certificates: null });
    expect(reply.serverHello.keyShareGroup).toBe(23);
  });

  it('classifies a HelloRetryRequest with the group it asks for', () => {
    const bytes = record(22, 0x0303, handshake(2, serverHelloBody({ random: HRR_RANDOM, cipherSuite: 0x1301, extensions: [ext(43, be16(0x0304)), ext(51, be16(24))] })));
    expect(summariseServerReply(bytes)).toMatchObject({ kind: 'hello-retry-request', complete: true, selectedGroup: 24 });
  });

  it('classifies a refusal by its alert', () => {
    for (const [description, name] of [
      [40, 'handshake_failure'],
      [70, 'protocol_version'],
      [71, 'insufficient_security'],
    ] as const) {
      const reply = expectKind(summariseServerReply(alertRecord(2, description, 0x0301)), 'alert');
      expect(reply).toMatchObject({ complete: true, recordVersion: 0x0301, alert: { level: 'fatal', description, name } });
    }
  });

  it('keeps reading after a warning alert, as servers that warn unrecognized_name go on', () => {
    const reader = new ServerReplyReader();
    reader.feed(alertRecord(1, 112));
    expect(reader.outcome()).toMatchObject({ kind: 'alert', complete: false, alert: { name: 'unrecognized_name' } });
    reader.feed(record(22, 0x0303, handshake(2, serverHelloBody({ cipherSuite: 0x002f }))));
    const reply = expectKind(reader.outcome(), 'server-hello');
    expect(reply.alerts.map((a) => a.name)).toEqual(['unrecognized_name']);
  });

  it('classifies an SSL 2.0 SERVER-HELLO and an SSL 2.0 ERROR', () => {
    const certificate = Buffer.alloc(50, 0x30);
    const kinds = Buffer.from('010080', 'hex');
    const message = Buffer.concat([Buffer.from([4, 0, 1]), be16(2), be16(certificate.length), be16(3), be16(16), certificate, kinds, Buffer.alloc(16)]);
    const reply = expectKind(summariseServerReply(Buffer.concat([be16(0x8000 | message.length), message])), 'sslv2-server-hello');
    expect(reply.serverHello.cipherKinds).toEqual([0x010080]);
    expect(summariseServerReply(Buffer.from([0x80, 0x03, 0x00, 0x00, 0x01]))).toMatchObject({ kind: 'sslv2-error', error: { name: 'NO-CIPHER-ERROR' } });
  });

  it('calls an answer cut short incomplete', () => {
    expect(summariseServerReply(Buffer.alloc(0))).toMatchObject({ kind: 'incomplete', bytesReceived: 0 });
    const partial = record(22, 0x0303, handshake(2, serverHelloBody({ cipherSuite: 0x002f }))).subarray(0, 30);
    expect(summariseServerReply(partial)).toMatchObject({ kind: 'incomplete', bytesReceived: 30, firstBytesHex: partial.subarray(0, 16).toString('hex') });
  });

  it('calls non-TLS garbage, with the first bytes as evidence', () => {
    const http = expectKind(summariseServerReply(Buffer.from('HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n')), 'garbage');
    expect(http).toMatchObject({ reason: 'not-tls', complete: true });
    expect(Buffer.from(http.firstBytesHex, 'hex').toString()).toBe('HTTP/1.1 400 Bad');
    expect(summariseServerReply(Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'))).toMatchObject({ kind: 'garbage', reason: 'not-tls' });
    expect(summariseServerReply(Buffer.from([22, 3, 3, 0xff, 0xff]))).toMatchObject({ kind: 'garbage', reason: 'record-too-long' });
    expect(summariseServerReply(record(23, 0x0303, Buffer.alloc(10)))).toMatchObject({ kind: 'garbage', reason: 'unexpected-message' });
    expect(summariseServerReply(record(22, 0x0303, handshake(11, Buffer.alloc(3))))).toMatchObject({ kind: 'garbage', reason: 'unexpected-message' });
    expect(summariseServerReply(Buffer.alloc(64 * 1024, 22), { maxTotalBytes: 32 * 1024 })).toMatchObject({ kind: 'garbage', reason: 'total-limit' });
  });

  it('keeps a sound ServerHello when what follows it is malformed', () => {
    const bytes = Buffer.concat([
      record(22, 0x0303, handshake(2, serverHelloBody({ cipherSuite: 0x002f }))),
      record(22, 0x0303, handshake(11, Buffer.concat([be24(100), Buffer.alloc(10)]))),
    ]);
    const reply = expectKind(summariseServerReply(bytes), 'server-hello');
    expect(reply).toMatchObject({ complete: true, parseError: { reason: 'truncated' }, certificates: null });
  });

  it('never throws and never hangs on random bytes', () => {
    let seed = 99;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 300; round += 1) {
      const bytes = Buffer.from(Array.from({ length: 1 + (next() % 400) }, () => next() & 0xff));
      if (round % 2 === 0 && bytes.length >= 8) bytes.set([22, 3, 3, 0, Math.min(bytes.length, 250), 2, 0, 0]);
      const reply = summariseServerReply(bytes, { maxTotalBytes: 4096 });
      expect(['server-hello', 'hello-retry-request', 'alert', 'sslv2-server-hello', 'sslv2-error', 'incomplete', 'garbage']).toContain(reply.kind);
    }
  });
});
