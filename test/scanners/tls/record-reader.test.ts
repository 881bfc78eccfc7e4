import { describe, expect, it } from 'vitest';
import { HandshakeReassembler } from '../../../src/scanners/tls/handshake-reassembler.js';
import { TlsParseError } from '../../../src/scanners/tls/parse-error.js';
import { MAX_RECORD_LENGTH, RecordReader, type WireRecord } from '../../../src/scanners/tls/record-reader.js';
import { alertRecord, be16, handshake, record, splitAt } from './server-bytes.js';

const reader = (maxTotalBytes = 1 << 20) => new RecordReader({ maxTotalBytes });

function parseError(run: () => unknown): TlsParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof TlsParseError) return error;
    throw error;
  }
  throw new Error('expected a TlsParseError');
}

describe('RecordReader', () => {
  const hello = record(22, 0x0303, handshake(2, Buffer.alloc(70, 7)));

  it('yields a record only once all of it has arrived, however TCP cut it', () => {
    const r = reader();
    const [a, b, c] = splitAt(hello, 3, 40);
    expect(r.feed(a as Buffer)).toEqual([]);
    expect(r.feed(b as Buffer)).toEqual([]);
    expect(r.bufferedBytes).toBe(40);
    const records = r.feed(c as Buffer);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'tls', contentType: 22, version: 0x0303 });
    expect((records[0] as Extract<WireRecord, { kind: 'tls' }>).fragment.length).toBe(74);
    expect(r.bufferedBytes).toBe(0);
  });

  it('reads byte by byte', () => {
    const r = reader();
    const records = [...hello].flatMap((byte) => r.feed(Buffer.from([byte])));
    expect(records).toHaveLength(1);
  });

  it('yields several records from one chunk and keeps the rest for later', () => {
    const r = reader();
    const both = Buffer.concat([hello, alertRecord(2, 40), hello.subarray(0, 7)]);
    expect(r.feed(both).map((rec) => (rec.kind === 'tls' ? rec.contentType : -1))).toEqual([22, 21]);
    expect(r.bufferedBytes).toBe(7);
    expect(r.feed(hello.subarray(7))).toHaveLength(1);
  });

  it('recognises an SSL 2.0 reply by the high bit of its first byte', () => {
    const r = reader();
    const message = Buffer.from([4, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0]);
    const records = r.feed(Buffer.concat([be16(0x8000 | message.length), message]));
    expect(r.protocol).toBe('sslv2');
    expect(records).toEqual([{ kind: 'sslv2', message }]);
  });

  it('fails on text that is not TLS, at its first byte', () => {
    const error = parseError(() => reader().feed(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')));
    expect(error.reason).toBe('not-tls');
  });

  it('fails on an impossible record version', () => {
    expect(parseError(() => reader().feed(Buffer.from([22, 2, 0]))).reason).toBe('bad-record-version');
    expect(parseError(() => reader().feed(Buffer.from([22, 3, 9]))).reason).toBe('bad-record-version');
  });

  it('fails on an oversize length as soon as the header is in, without waiting for the body', () => {
    const error = parseError(() => reader().feed(Buffer.from([23, 3, 3, 0xff, 0xff])));
    expect(error.reason).toBe('record-too-long');
    expect(() => reader().feed(record(23, 0x0303, Buffer.alloc(MAX_RECORD_LENGTH)))).not.toThrow();
  });

  it('stops at the caller’s byte cap and stays failed', () => {
    const r = reader(100);
    r.feed(Buffer.concat([alertRecord(1, 112)]));
    const error = parseError(() => r.feed(Buffer.alloc(200, 22)));
    expect(error.reason).toBe('total-limit');
    expect(parseError(() => r.feed(alertRecord(2, 40)))).toBe(error);
  });

  it('fails on an SSL 2.0 header whose message cannot open a server reply', () => {
    expect(parseError(() => reader().feed(Buffer.from([0x80, 0x05, 0x09, 1, 2, 3, 4]))).reason).toBe('not-tls');
    expect(parseError(() => reader().feed(Buffer.from([0x80, 0x00]))).reason).toBe('bad-length');
  });

  it('ends every random input in records or a TlsParseError, never a hang or another error', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 400; round += 1) {
      const bytes = Buffer.from(Array.from({ length: next() % 600 }, () => next() & 0xff));
      // Make a third of the inputs start like a TLS handshake record, to get past the first checks.
      if (round % 3 === 0 && bytes.length > 3) bytes.set([22, 3, next() % 5]);
      const r = reader(4096);
      try {
        for (let at = 0; at < bytes.length; ) {
          const size = 1 + (next() % 97);
          r.feed(bytes.subarray(at, at + size));
          at += size;
        }
      } catch (error) {
        expect(error).toBeInstanceOf(TlsParseError);
      }
    }
  });
});

describe('HandshakeReassembler', () => {
  it('joins a message split across records', () => {
    const message = handshake(11, Buffer.alloc(5000, 0x30));
    const assembler = new HandshakeReassembler();
    const parts = splitAt(message, 2, 1000, 4000);
    expect(parts.slice(0, 3).flatMap((p) => assembler.push(p))).toEqual([]);
    expect(assembler.hasPartialMessage).toBe(true);
    const [done] = assembler.push(parts[3] as Buffer);
    expect(done?.type).toBe(11);
    expect(done?.body.length).toBe(5000);
    expect(assembler.hasPartialMessage).toBe(false);
  });

  it('splits several messages out of one record', () => {
    const assembler = new HandshakeReassembler();
    const messages = assembler.push(Buffer.concat([handshake(2, Buffer.alloc(40, 1)), handshake(11, Buffer.alloc(3, 2)), handshake(14, Buffer.alloc(0))]));
    expect(messages.map((m) => [m.type, m.body.length])).toEqual([
      [2, 40],
      [11, 3],
      [14, 0],
    ]);
  });

  it('refuses a message longer than its limit before buffering it', () => {
    const error = parseError(() => new HandshakeReassembler(1024).push(Buffer.from([11, 0x10, 0, 0])));
    expect(error.reason).toBe('message-too-long');
  });
});
