/** Small encoders for the TLS presentation language: integers and length-prefixed vectors. */

export function u8(value: number): Buffer {
  return Buffer.from([value & 0xff]);
}

export function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value & 0xffff);
  return out;
}

export function u24(value: number): Buffer {
  const out = Buffer.alloc(3);
  out.writeUIntBE(value, 0, 3);
  return out;
}

/** `data` behind a 1-, 2- or 3-byte length; throws when it cannot fit, which is a caller's bug. */
export function vector(prefixBytes: 1 | 2 | 3, ...parts: Buffer[]): Buffer {
  const data = Buffer.concat(parts);
  const max = 2 ** (8 * prefixBytes) - 1;
  if (data.length > max) throw new RangeError(`vector of ${data.length} bytes does not fit a ${prefixBytes}-byte length`);
  const prefix = prefixBytes === 1 ? u8(data.length) : prefixBytes === 2 ? u16(data.length) : u24(data.length);
  return Buffer.concat([prefix, data]);
}

export function u16List(values: readonly number[]): Buffer {
  return Buffer.concat(values.map(u16));
}
