import { TlsParseError } from './parse-error.js';

export const CONTENT_TYPE = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23, heartbeat: 24 } as const;

/** RFC 5246 §6.2.3: a record's fragment is at most 2^14 + 2048 bytes. */
export const MAX_RECORD_LENGTH = 2 ** 14 + 2048;
const TLS_HEADER = 5;

export interface TlsRecord {
  kind: 'tls';
  contentType: number;
  version: number;
  fragment: Buffer;
}

/** An SSL 2.0 record; `message` starts with the message type (4 = SERVER-HELLO, 0 = ERROR). */
export interface Sslv2Record {
  kind: 'sslv2';
  message: Buffer;
}

export type WireRecord = TlsRecord | Sslv2Record;

export interface RecordReaderOptions {
  /** The most bytes this connection may deliver; past it the reader fails with 'total-limit'. */
  maxTotalBytes: number;
}

/**
 * Cuts the bytes of one connection into records as they arrive, whatever the TCP chunking. The
 * first byte decides the framing: SSL 2.0 records start with the high bit set, TLS records with a
 * content type of 20-24. Memory stays bounded by one record plus one chunk, and bytes that are not
 * a record fail at once with a TlsParseError; after a failure every feed throws the same error.
 */
export class RecordReader {
  private pending: Buffer = Buffer.alloc(0);
  private total = 0;
  private framing: 'unknown' | 'tls' | 'sslv2' = 'unknown';
  private failure: TlsParseError | null = null;
  private recordsRead = 0;

  constructor(private readonly options: RecordReaderOptions) {}

  get totalBytes(): number {
    return this.total;
  }

  /** Bytes of a record not complete yet. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  get protocol(): 'unknown' | 'tls' | 'sslv2' {
    return this.framing;
  }

  feed(chunk: Buffer): WireRecord[] {
    if (this.failure) throw this.failure;
    try {
      this.total += chunk.length;
      if (this.total > this.options.maxTotalBytes) {
        throw new TlsParseError('total-limit', `the server sent more than ${this.options.maxTotalBytes} bytes`);
      }
      this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
      return this.drain();
    } catch (error) {
      if (error instanceof TlsParseError) this.failure = error;
      throw error;
    }
  }

  private drain(): WireRecord[] {
    const records: WireRecord[] = [];
    for (;;) {
      const first = this.pending[0];
      if (first === undefined) break;
      if (this.framing === 'unknown') this.framing = first >= 0x80 ? 'sslv2' : 'tls';
      const record = this.framing === 'tls' ? this.nextTlsRecord() : this.nextSslv2Record(this.recordsRead === 0);
      if (!record) break;
      this.recordsRead += 1;
      records.push(record);
    }
    return records;
  }

  private nextTlsRecord(): TlsRecord | null {
    const p = this.pending;
    const type = p[0] as number;
    if (type < CONTENT_TYPE.changeCipherSpec || type > CONTENT_TYPE.heartbeat) {
      throw new TlsParseError('not-tls', `content type ${type} is not a TLS record`);
    }
    if (p.length >= 2 && p[1] !== 3) throw new TlsParseError('bad-record-version', `record version major ${p[1]} is not 3`);
    if (p.length >= 3 && (p[2] as number) > 4) throw new TlsParseError('bad-record-version', `record version 3.${p[2]} is unknown`);
    if (p.length < TLS_HEADER) return null;
    const length = p.readUInt16BE(3);
    if (length > MAX_RECORD_LENGTH) throw new TlsParseError('record-too-long', `record of ${length} bytes exceeds ${MAX_RECORD_LENGTH}`);
    if (p.length < TLS_HEADER + length) return null;
    const record: TlsRecord = { kind: 'tls', contentType: type, version: p.readUInt16BE(1), fragment: p.subarray(TLS_HEADER, TLS_HEADER + length) };
    this.pending = p.subarray(TLS_HEADER + length);
    return record;
  }

  /** SSL 2.0 framing: a 2-byte header (high bit set) or, for padded records, a 3-byte one. */
  private nextSslv2Record(firstOfStream: boolean): Sslv2Record | null {
    const p = this.pending;
    const first = p[0] as number;
    const twoByte = first >= 0x80;
    const header = twoByte ? 2 : 3;
    if (p.length < header) return null;
    const length = twoByte ? ((first & 0x7f) << 8) | (p[1] as number) : ((first & 0x3f) << 8) | (p[1] as number);
    if (length === 0) throw new TlsParseError('bad-length', 'an SSLv2 record cannot be empty');
    // Before keys are agreed a server can only send SERVER-HELLO (4) or ERROR (0) in the clear.
    const messageType = p[header];
    if (firstOfStream && messageType !== undefined && messageType !== 4 && messageType !== 0) {
      throw new TlsParseError('not-tls', `SSLv2 message type ${messageType} cannot open a server reply`);
    }
    if (p.length < header + length) return null;
    const record: Sslv2Record = { kind: 'sslv2', message: p.subarray(header, header + length) };
    this.pending = p.subarray(header + length);
    return record;
  }
}
