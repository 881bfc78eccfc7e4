/** Hand-built server messages for parser tests, framed by hand so they do not borrow the code under test. */

export function be16(value: number): Buffer {
  return Buffer.from([(value >> 8) & 0xff, value & 0xff]);
}

export function be24(value: number): Buffer {
  return Buffer.from([(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
}

export function record(contentType: number, version: number, fragment: Buffer): Buffer {
  return Buffer.concat([Buffer.from([contentType]), be16(version), be16(fragment.length), fragment]);
}

export function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type]), be24(body.length), body]);
}

export function ext(type: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([be16(type), be16(data.length), data]);
}

export interface ServerHelloSpec {
  version?: number;
  random?: Buffer;
  sessionId?: Buffer;
  cipherSuite: number;
  compression?: number;
  /** Already-encoded extensions; undefined: no extensions block. */
  extensions?: Buffer[];
}

export function serverHelloBody(spec: ServerHelloSpec): Buffer {
  const sessionId = spec.sessionId ?? Buffer.alloc(0);
  const parts = [be16(spec.version ?? 0x0303), spec.random ?? Buffer.alloc(32, 0x11), Buffer.from([sessionId.length]), sessionId, be16(spec.cipherSuite), Buffer.from([spec.compression ?? 0])];
  if (spec.extensions) {
    const block = Buffer.concat(spec.extensions);
    parts.push(be16(block.length), block);
  }
  return Buffer.concat(parts);
}

export function alertRecord(level: number, description: number, version = 0x0303): Buffer {
  return record(21, version, Buffer.from([level, description]));
}

/** Splits bytes into chunks at the given offsets. */
export function splitAt(bytes: Buffer, ...offsets: number[]): Buffer[] {
  const cuts = [0, ...offsets, bytes.length];
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
}

export const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
