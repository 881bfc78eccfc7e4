import { randomBytes } from 'node:crypto';
import { ByteReader } from './byte-reader.js';
import { u16, u8, vector } from './byte-writer.js';
import type { RandomSource } from './client-hello.js';
import { TLS12 } from './protocol-versions.js';

export const CONTENT_HEARTBEAT = 24;
const HEARTBEAT_REQUEST = 1;
const HEARTBEAT_RESPONSE = 2;
const MIN_PADDING = 16;

export interface HeartbeatRequestOptions {
  /** Record-layer version: the version the server selected. Default TLS 1.2. */
  version?: number;
  /** Default: 16 bytes from the random source. */
  payload?: Buffer;
  randomSource?: RandomSource;
}

/**
 * A well-formed RFC 6520 HeartbeatRequest whose payload_length is the true payload length: it asks
 * the server to echo bytes it was given, nothing more, so it only shows whether heartbeats are
 * answered. It is not a Heartbleed probe and reads no server memory.
 */
export function buildHeartbeatRequest(options: HeartbeatRequestOptions = {}): Buffer {
  const random = options.randomSource ?? randomBytes;
  const payload = options.payload ?? random(16);
  const padding = random(MIN_PADDING);
  const message = Buffer.concat([u8(HEARTBEAT_REQUEST), vector(2, payload), padding]);
  if (message.length > 2 ** 14) throw new RangeError('a heartbeat message must fit one record');
  return Buffer.concat([u8(CONTENT_HEARTBEAT), u16(options.version ?? TLS12), vector(2, message)]);
}

export interface HeartbeatMessage {
  type: 'request' | 'response' | 'unknown';
  payload: Buffer;
}

/** Reads a heartbeat record's message; a payload_length beyond the record is malformed, and said so. */
export function parseHeartbeatMessage(fragment: Buffer): HeartbeatMessage {
  const reader = new ByteReader(fragment, 'heartbeat');
  const typeCode = reader.u8('type');
  const payload = reader.vector(2, 'payload');
  const type = typeCode === HEARTBEAT_REQUEST ? 'request' : typeCode === HEARTBEAT_RESPONSE ? 'response' : 'unknown';
  return { type, payload };
}
