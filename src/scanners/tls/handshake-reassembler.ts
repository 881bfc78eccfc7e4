import { TlsParseError } from './parse-error.js';

/** Handshake message types a probe meets (RFC 5246 §7.4, RFC 8446 §4, RFC 6066 §8). */
export const HANDSHAKE_TYPE = {
  helloRequest: 0,
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  encryptedExtensions: 8,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateVerify: 15,
  clientKeyExchange: 16,
  finished: 20,
  certificateStatus: 22,
} as const;

export interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/** Certificate chains seen in the wild stay far below this; it only bounds what a server can make us hold. */
export const DEFAULT_MAX_HANDSHAKE_MESSAGE = 2 ** 18;

/**
 * Joins handshake records into messages: one message may span several records and one record may
 * carry several messages (RFC 5246 §6.2.1). A message longer than the limit fails before its body
 * is buffered.
 */
export class HandshakeReassembler {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes: number = DEFAULT_MAX_HANDSHAKE_MESSAGE) {}

  get hasPartialMessage(): boolean {
    return this.pending.length > 0;
  }

  push(fragment: Buffer): HandshakeMessage[] {
    this.pending = this.pending.length === 0 ? fragment : Buffer.concat([this.pending, fragment]);
    const messages: HandshakeMessage[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUIntBE(1, 3);
      if (length > this.maxMessageBytes) {
        throw new TlsParseError('message-too-long', `handshake message of ${length} bytes exceeds ${this.maxMessageBytes}`);
      }
      if (this.pending.length < 4 + length) break;
      messages.push({ type: this.pending[0] as number, body: this.pending.subarray(4, 4 + length) });
      this.pending = this.pending.subarray(4 + length);
    }
    return messages;
  }
}
