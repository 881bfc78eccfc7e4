import type { TcpStream } from '../../core/net/index.js';
import { printable } from './text.js';

/** RFC 4253 §4.2: "SSH-protoversion-softwareversion SP comments". */
export interface SshIdentification {
  protocolVersion: string;
  software: string;
  comments: string | null;
  line: string;
}

export interface SshAlgorithms {
  kex: string[];
  hostkey: string[];
  cipher: string[];
  mac: string[];
  compression: string[];
}

/** The identification line among what the server sent first (servers may send other lines before it). */
export function parseIdentification(received: Buffer): SshIdentification | null {
  const text = received.subarray(0, 8192).toString('latin1');
  for (const raw of text.split('\n').slice(0, 20)) {
    const line = raw.replace(/\r$/, '');
    const match = /^SSH-([0-9.]+)-([^ \r\n]*)(?: (.*))?$/.exec(line);
    if (match) return { protocolVersion: match[1]!, software: printable(match[2]!, 120), comments: match[3] ? printable(match[3], 120) : null, line: printable(line, 200) };
  }
  return null;
}

/** 1.x and 1.99 ("both") identification strings accept the broken SSH protocol 1. */
export function acceptsProtocol1(protocolVersion: string): boolean {
  return /^1\./.test(protocolVersion);
}

const MAX_PACKET = 35_000;
const SSH_MSG_KEXINIT = 20;

/**
 * The length of the first binary packet in `buffer` once it is all there, 0 while it is not,
 * -1 when the length is impossible (RFC 4253 §6.1: implementations must accept up to 35,000).
 */
export function packetLength(buffer: Buffer): number {
  if (buffer.length < 4) return 0;
  const length = buffer.readUInt32BE(0);
  if (length < 12 || length > MAX_PACKET) return -1;
  return buffer.length >= 4 + length ? 4 + length : 0;
}

/**
 * The server's algorithm offer from an unencrypted SSH_MSG_KEXINIT packet (RFC 4253 §7.1), or
 * null when the bytes are not one. Every length is checked, so a hostile server gets null.
 */
export function parseKexinit(packet: Buffer): SshAlgorithms | null {
  if (packetLength(packet) <= 0) return null;
  const length = packet.readUInt32BE(0);
  const padding = packet[4]!;
  const payloadEnd = 4 + length - padding;
  if (padding < 4 || payloadEnd <= 5) return null;
  const payload = packet.subarray(5, payloadEnd);
  if (payload[0] !== SSH_MSG_KEXINIT || payload.length < 17) return null;
  let offset = 17;
  const lists: string[][] = [];
  for (let i = 0; i < 10; i++) {
    if (offset + 4 > payload.length) return null;
    const size = payload.readUInt32BE(offset);
    offset += 4;
    if (offset + size > payload.length) return null;
    const text = payload.subarray(offset, offset + size).toString('latin1');
    offset += size;
    if (!/^[\x21-\x7e]*$/.test(text)) return null;
    lists.push(text === '' ? [] : text.split(','));
  }
  // Lists are client-to-server then server-to-client; one side is enough to judge, both are shown.
  const both = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  return { kex: lists[0]!, hostkey: lists[1]!, cipher: both(lists[2]!, lists[3]!), mac: both(lists[4]!, lists[5]!), compression: both(lists[6]!, lists[7]!) };
}

/**
 * Reads the identification (already received in `greeting`), announces ours, and reads the
 * server's KEXINIT. No key exchange is started: the connection is closed right after.
 */
export async function readKexinit(stream: TcpStream, greeting: Buffer): Promise<SshAlgorithms | null> {
  await stream.write('SSH-2.0-rasoat\r\n');
  const lineEnd = greeting.indexOf('\n', greeting.indexOf('SSH-'));
  let buffered = lineEnd >= 0 ? greeting.subarray(lineEnd + 1) : Buffer.alloc(0);
  const enough = (b: Buffer) => packetLength(b) !== 0;
  if (!enough(buffered)) buffered = Buffer.concat([buffered, await stream.readUntil((more) => enough(Buffer.concat([buffered, more])))]);
  return parseKexinit(buffered);
}
