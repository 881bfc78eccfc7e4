import { TlsParseError } from './parse-error.js';

/**
 * A cursor over bytes a server sent. Every read is checked against what is left, so a length
 * field that lies about the data behind it ends in a TlsParseError, never an out-of-range read.
 */
export class ByteReader {
  private offset = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(field: string): number {
    this.need(1, field);
    const value = this.bytes.readUInt8(this.offset);
    this.offset += 1;
    return value;
  }

  u16(field: string): number {
    this.need(2, field);
    const value = this.bytes.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  u24(field: string): number {
    this.need(3, field);
    const value = this.bytes.readUIntBE(this.offset, 3);
    this.offset += 3;
    return value;
  }

  bytesOf(length: number, field: string): Buffer {
    this.need(length, field);
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  rest(): Buffer {
    return this.bytesOf(this.remaining, 'rest');
  }

  /** A vector with a 1-, 2- or 3-byte length prefix, its length checked against [min, max]. */
  vector(prefixBytes: 1 | 2 | 3, field: string, min = 0, max = Number.MAX_SAFE_INTEGER): Buffer {
    const length = prefixBytes === 1 ? this.u8(field) : prefixBytes === 2 ? this.u16(field) : this.u24(field);
    if (length < min || length > max) {
      throw new TlsParseError('bad-length', `${this.what}: ${field} has length ${length}, allowed ${min}..${max}`);
    }
    return this.bytesOf(length, field);
  }

  /** Fails when bytes are left over: a message longer than its fields is malformed. */
  end(): void {
    if (this.remaining !== 0) throw new TlsParseError('trailing-bytes', `${this.what}: ${this.remaining} unexpected trailing bytes`);
  }

  private need(length: number, field: string): void {
    if (this.remaining < length) {
      throw new TlsParseError('truncated', `${this.what}: ${field} needs ${length} bytes, ${this.remaining} left`);
    }
  }
}
