import type { TlsProtocolName } from '../../core/model/observation.js';
import { parseAlert, type Alert } from './alerts.js';
import type { CipherSuite } from './cipher-suite-types.js';
import { suiteByCode } from './cipher-suites.js';
import { HANDSHAKE_TYPE, HandshakeReassembler, type HandshakeMessage } from './handshake-reassembler.js';
import { TlsParseError, type TlsParseFailure } from './parse-error.js';
import { protocolByCode, TLS13 } from './protocol-versions.js';
import { CONTENT_TYPE, RecordReader, type TlsRecord, type WireRecord } from './record-reader.js';
import { parseServerHello, type ServerHello } from './server-hello.js';
import { parseServerKeyExchange, type ServerKeyExchange } from './server-key-exchange.js';
import { parseCertificateMessage, parseCertificateStatus, parseServerHelloDone, type CertificateStatus } from './server-messages.js';
import { parseSslv2Error, parseSslv2ServerHello, SSLV2_MSG_SERVER_HELLO, type Sslv2Error, type Sslv2ServerHello } from './sslv2-server-hello.js';

/** `complete`: nothing the server could still send would change what this probe learns; stop reading. */
export interface ServerHelloReply {
  kind: 'server-hello';
  complete: boolean;
  serverHello: ServerHello;
  protocol: TlsProtocolName | null;
  /** The selected suite from the table; null for a code rasoat does not know. */
  suite: CipherSuite | null;
  /** TLS 1.2 and earlier: the DER chain, server's certificate first; null until seen (and always in TLS 1.3, where it is encrypted). */
  certificates: Buffer[] | null;
  serverKeyExchange: ServerKeyExchange | null;
  certificateStatus: CertificateStatus | null;
  certificateRequested: boolean;
  serverHelloDone: boolean;
  /** Every alert seen, in order, including a warning sent before the ServerHello. */
  alerts: Alert[];
  /** Something after a sound ServerHello could not be read; what came before it stands. */
  parseError: { reason: TlsParseFailure; message: string } | null;
}

export interface HelloRetryReply {
  kind: 'hello-retry-request';
  complete: true;
  serverHello: ServerHello;
  /** The group the server asks a key share for. */
  selectedGroup: number | null;
}

export interface AlertReply {
  kind: 'alert';
  /** False while only a warning arrived: some servers warn (unrecognized_name) and then go on. */
  complete: boolean;
  alert: Alert;
  recordVersion: number;
}

export interface Sslv2HelloReply {
  kind: 'sslv2-server-hello';
  complete: true;
  serverHello: Sslv2ServerHello;
}

export interface Sslv2ErrorReply {
  kind: 'sslv2-error';
  complete: true;
  error: Sslv2Error;
}

export interface IncompleteReply {
  kind: 'incomplete';
  complete: false;
  bytesReceived: number;
  firstBytesHex: string;
}

export interface GarbageReply {
  kind: 'garbage';
  complete: true;
  reason: TlsParseFailure;
  message: string;
  /** The first bytes the server sent, as evidence of what it speaks instead. */
  firstBytesHex: string;
}

export type ServerReply = ServerHelloReply | HelloRetryReply | AlertReply | Sslv2HelloReply | Sslv2ErrorReply | IncompleteReply | GarbageReply;

export interface ServerReplyOptions {
  /** Default 512 KiB. */
  maxTotalBytes?: number;
  maxHandshakeMessageBytes?: number;
}

export const DEFAULT_MAX_REPLY_BYTES = 512 * 1024;
const EVIDENCE_BYTES = 16;

/**
 * Reads a server's answer to one ClientHello as it arrives and says what it was. Feed it every
 * chunk; stop when `complete` is true or the connection closed, then take `outcome()`. It never
 * throws on what the server sent: malformed bytes become a 'garbage' outcome with the reason.
 */
export class ServerReplyReader {
  private readonly records: RecordReader;
  private readonly handshake: HandshakeReassembler;
  private head: Buffer = Buffer.alloc(0);
  private state: ServerReply | null = null;
  private readonly alerts: Alert[] = [];

  constructor(options: ServerReplyOptions = {}) {
    this.records = new RecordReader({ maxTotalBytes: options.maxTotalBytes ?? DEFAULT_MAX_REPLY_BYTES });
    this.handshake = new HandshakeReassembler(options.maxHandshakeMessageBytes);
  }

  get complete(): boolean {
    return this.state?.complete ?? false;
  }

  feed(chunk: Buffer): void {
    if (this.head.length < EVIDENCE_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, EVIDENCE_BYTES - this.head.length)]);
    if (this.complete) return;
    try {
      for (const record of this.records.feed(chunk)) {
        this.onRecord(record);
        if (this.complete) return;
      }
    } catch (error) {
      if (!(error instanceof TlsParseError)) throw error;
      this.onParseError(error);
    }
  }

  outcome(): ServerReply {
    if (this.state) return this.state;
    return { kind: 'incomplete', complete: false, bytesReceived: this.records.totalBytes, firstBytesHex: this.head.toString('hex') };
  }

  private onParseError(error: TlsParseError): void {
    if (this.state?.kind === 'server-hello') {
      this.state.parseError = { reason: error.reason, message: error.message };
      this.state.complete = true;
      return;
    }
    this.state = { kind: 'garbage', complete: true, reason: error.reason, message: error.message, firstBytesHex: this.head.toString('hex') };
  }

  private onRecord(record: WireRecord): void {
    if (record.kind === 'sslv2') {
      const type = record.message[0];
      this.state =
        type === SSLV2_MSG_SERVER_HELLO
          ? { kind: 'sslv2-server-hello', complete: true, serverHello: parseSslv2ServerHello(record.message) }
          : { kind: 'sslv2-error', complete: true, error: parseSslv2Error(record.message) };
      return;
    }
    switch (record.contentType) {
      case CONTENT_TYPE.alert:
        return this.onAlert(record);
      case CONTENT_TYPE.handshake:
        for (const message of this.handshake.push(record.fragment)) {
          this.onHandshake(message);
          if (this.complete) return;
        }
        return;
      default:
        // ChangeCipherSpec, encrypted data or a heartbeat: after a ServerHello the readable part is over.
        if (this.state?.kind !== 'server-hello') throw new TlsParseError('unexpected-message', `record type ${record.contentType} before a ServerHello`);
        this.state.complete = true;
    }
  }

  private onAlert(record: TlsRecord): void {
    const alert = parseAlert(record.fragment);
    this.alerts.push(alert);
    const final = alert.level !== 'warning' || alert.description === 0;
    if (this.state?.kind === 'server-hello') {
      if (final) this.state.complete = true;
      return;
    }
    this.state = { kind: 'alert', complete: final, alert, recordVersion: record.version };
  }

  private onHandshake(message: HandshakeMessage): void {
    const state = this.state;
    if (state?.kind !== 'server-hello') {
      if (message.type === HANDSHAKE_TYPE.helloRequest) return;
      if (message.type !== HANDSHAKE_TYPE.serverHello) throw new TlsParseError('unexpected-message', `handshake message ${message.type} before a ServerHello`);
      this.onServerHello(parseServerHello(message.body));
      return;
    }
    switch (message.type) {
      case HANDSHAKE_TYPE.certificate:
        state.certificates = parseCertificateMessage(message.body);
        break;
      case HANDSHAKE_TYPE.serverKeyExchange:
        state.serverKeyExchange = state.suite
          ? parseServerKeyExchange(message.body, { suite: state.suite, version: state.serverHello.version })
          : { kind: 'unknown', length: message.body.length };
        break;
      case HANDSHAKE_TYPE.certificateStatus:
        state.certificateStatus = parseCertificateStatus(message.body);
        break;
      case HANDSHAKE_TYPE.certificateRequest:
        state.certificateRequested = true;
        break;
      case HANDSHAKE_TYPE.serverHelloDone:
        parseServerHelloDone(message.body);
        state.serverHelloDone = true;
        state.complete = true;
        break;
    }
  }

  private onServerHello(hello: ServerHello): void {
    if (hello.helloRetryRequest) {
      this.state = { kind: 'hello-retry-request', complete: true, serverHello: hello, selectedGroup: hello.keyShareGroup };
      return;
    }
    this.state = {
      kind: 'server-hello',
      // In TLS 1.3 everything after the ServerHello is encrypted: there is nothing more to read.
      complete: isTls13(hello.version),
      serverHello: hello,
      protocol: protocolByCode(hello.version)?.name ?? null,
      suite: suiteByCode(hello.cipherSuite) ?? null,
      certificates: null,
      serverKeyExchange: null,
      certificateStatus: null,
      certificateRequested: false,
      serverHelloDone: false,
      // The same array: alerts that arrive later are added to this reply too.
      alerts: this.alerts,
      parseError: null,
    };
  }
}

/** TLS 1.3 or one of its drafts (0x7Fxx), which old servers still select. */
export function isTls13(version: number): boolean {
  return version === TLS13 || version >> 8 === 0x7f;
}

/** Classifies everything a server sent for one probe; for bytes read in one go. */
export function summariseServerReply(bytes: Buffer, options: ServerReplyOptions = {}): ServerReply {
  const reader = new ServerReplyReader(options);
  reader.feed(bytes);
  return reader.outcome();
}
