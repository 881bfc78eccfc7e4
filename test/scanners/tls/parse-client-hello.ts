/**
 * A test-only ClientHello parser, written apart from the builders so a round trip checks the bytes
 * against the RFC layout rather than against the builder's own idea of it.
 */
export interface ParsedClientHello {
  recordType: number;
  recordVersion: number;
  recordLength: number;
  handshakeType: number;
  handshakeLength: number;
  clientVersion: number;
  random: Buffer;
  sessionId: Buffer;
  cipherSuites: number[];
  compressionMethods: number[];
  /** null when the hello has no extensions block. */
  extensions: Map<number, Buffer> | null;
  extensionOrder: number[];
}

export function parseClientHello(bytes: Buffer): ParsedClientHello {
  let at = 0;
  const take = (n: number): Buffer => {
    if (at + n > bytes.length) throw new Error(`truncated at ${at} needing ${n}`);
    const out = bytes.subarray(at, at + n);
    at += n;
    return out;
  };
  const u8 = () => take(1).readUInt8(0);
  const u16 = () => take(2).readUInt16BE(0);
  const u24 = () => take(3).readUIntBE(0, 3);

  const recordType = u8();
  const recordVersion = u16();
  const recordLength = u16();
  if (recordLength !== bytes.length - 5) throw new Error(`record length ${recordLength} but ${bytes.length - 5} bytes follow`);
  const handshakeType = u8();
  const handshakeLength = u24();
  if (handshakeLength !== recordLength - 4) throw new Error(`handshake length ${handshakeLength} != record length - 4`);
  const clientVersion = u16();
  const random = take(32);
  const sessionId = take(u8());
  const suitesLength = u16();
  if (suitesLength % 2 !== 0) throw new Error('odd cipher suite length');
  const suites = take(suitesLength);
  const cipherSuites: number[] = [];
  for (let i = 0; i < suites.length; i += 2) cipherSuites.push(suites.readUInt16BE(i));
  const compressionMethods = [...take(u8())];
  let extensions: Map<number, Buffer> | null = null;
  const extensionOrder: number[] = [];
  if (at < bytes.length) {
    extensions = new Map();
    const blockLength = u16();
    if (at + blockLength !== bytes.length) throw new Error('extensions block length does not end the hello');
    while (at < bytes.length) {
      const type = u16();
      const data = take(u16());
      if (extensions.has(type)) throw new Error(`duplicate extension ${type}`);
      extensions.set(type, data);
      extensionOrder.push(type);
    }
  }
  return { recordType, recordVersion, recordLength, handshakeType, handshakeLength, clientVersion, random, sessionId, cipherSuites, compressionMethods, extensions, extensionOrder };
}

/** The host name inside a server_name extension's data. */
export function sniName(data: Buffer): string {
  const listLength = data.readUInt16BE(0);
  if (listLength !== data.length - 2) throw new Error('server_name list length mismatch');
  if (data[2] !== 0) throw new Error('name type is not host_name');
  const nameLength = data.readUInt16BE(3);
  return data.subarray(5, 5 + nameLength).toString('ascii');
}

/** A u16 list behind a 2-byte (or, for supported_versions, 1-byte) length. */
export function u16ListOf(data: Buffer, prefixBytes: 1 | 2 = 2): number[] {
  const length = prefixBytes === 1 ? data.readUInt8(0) : data.readUInt16BE(0);
  if (length !== data.length - prefixBytes) throw new Error('list length mismatch');
  const out: number[] = [];
  for (let i = prefixBytes; i < data.length; i += 2) out.push(data.readUInt16BE(i));
  return out;
}
