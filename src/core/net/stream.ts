import { Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { TrustStore } from './trust.js';

export type StreamFailure = 'refused' | 'unreachable' | 'timeout' | 'deadline' | 'reset' | 'too-large' | 'tls';

/** A connection that did not do what was asked: a fact about the server, never a crash. */
export class StreamError extends Error {
  constructor(
    readonly reason: StreamFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StreamError';
  }
}

export interface StreamLimits {
  /** Longest wait for the connection and for each read. */
  timeoutMs: number;
  /** Longest the whole exchange may take: a server dripping a byte a second cannot hold a slot. */
  deadlineMs: number;
  /** Most bytes read from the server before giving up. */
  maxBytes: number;
}

export interface TlsUpgradeOptions {
  /** SNI and the name the certificate is checked against; omit for IP targets. */
  servername?: string;
  /** Trust anchors. Verification is recorded, never enforced: the scanner wants to see bad chains. */
  trust?: TrustStore;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
  requestOCSP?: boolean;
}

export interface TlsSessionInfo {
  protocol: string | null;
  cipher: { name: string; standardName: string; version: string };
  authorized: boolean;
  authorizationError: string | null;
  /** The peer's chain as OpenSSL assembled it, leaf first, DER. */
  peerChain: Buffer[];
  ocspResponse: Buffer | null;
  ephemeralKey: { type: string; name?: string; size?: number } | null;
}

/** A scanner's view of one TCP connection: bounded reads and writes, and an upgrade to TLS. */
export interface TcpStream {
  write(data: Buffer | string): Promise<void>;
  /** The next chunk the server sent, or null once it closed its side. */
  read(): Promise<Buffer | null>;
  /** Reads until `enough(received)` holds or the server closes; returns everything read. */
  readUntil(enough: (received: Buffer) => boolean): Promise<Buffer>;
  /**
   * Like readUntil, but a wait of `ms` without enough is an answer, not a failure: returns what
   * arrived (empty when the server stayed silent) and the stream stays usable. For listening to a
   * server that may or may not speak first.
   */
  readWithin(ms: number, enough: (received: Buffer) => boolean): Promise<Buffer>;
  /** Upgrades this connection to TLS (after a STARTTLS exchange, or at once for implicit TLS). */
  startTls(options: TlsUpgradeOptions): Promise<TlsSessionInfo>;
  readonly bytesRead: number;
}

/**
 * Opens a TCP connection, hands it to `use`, and closes it whatever happens. Every wait is
 * bounded: connect and each read by `timeoutMs`, the whole exchange by `deadlineMs`.
 */
export async function withTcpStream<T>(address: string, port: number, limits: StreamLimits, signal: AbortSignal | undefined, use: (stream: TcpStream) => Promise<T>): Promise<T> {
  const socket = new Socket();
  socket.on('error', () => {});
  const stream = new SocketStream(socket, limits);
  const deadline = setTimeout(() => stream.fail(new StreamError('deadline', `no complete exchange within ${limits.deadlineMs} ms`)), limits.deadlineMs);
  const onAbort = () => stream.fail(signal!.reason instanceof Error ? signal!.reason : new DOMException('aborted', 'AbortError'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    await stream.connect(address, port);
    return await use(stream);
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onAbort);
    stream.close();
  }
}

class SocketStream implements TcpStream {
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private failure: Error | null = null;
  private waiter: (() => void) | null = null;
  private total = 0;
  private tls: TLSSocket | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly limits: StreamLimits,
  ) {}

  get bytesRead(): number {
    return this.total;
  }

  connect(address: string, port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StreamError('timeout', `no answer to connect within ${this.limits.timeoutMs} ms`)), this.limits.timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        this.listen(this.socket);
        resolve();
      });
      this.socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(connectError(error));
      });
      this.socket.connect({ host: address, port });
    });
  }

  private listen(source: Socket): void {
    source.on('data', (chunk: Buffer) => {
      this.total += chunk.length;
      if (this.total > this.limits.maxBytes) return this.fail(new StreamError('too-large', `more than ${this.limits.maxBytes} bytes from the server`));
      this.chunks.push(chunk);
      this.wake();
    });
    source.on('end', () => {
      this.ended = true;
      this.wake();
    });
    source.on('close', () => {
      this.ended = true;
      this.wake();
    });
    source.on('error', (error: NodeJS.ErrnoException) => this.fail(new StreamError('reset', `connection failed: ${error.code ?? error.message}`)));
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.wake();
    this.close();
  }

  close(): void {
    this.tls?.destroy();
    this.socket.destroy();
  }

  write(data: Buffer | string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.socket.write(data, (error) => (error ? reject(new StreamError('reset', `write failed: ${error.message}`)) : resolve()));
    });
  }

  async read(): Promise<Buffer | null> {
    for (;;) {
      if (this.chunks.length > 0) return this.chunks.shift()!;
      if (this.failure) throw this.failure;
      if (this.ended) return null;
      await this.waitForData();
    }
  }

  async readUntil(enough: (received: Buffer) => boolean): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const chunk = await this.read();
      if (!chunk) return Buffer.concat(parts);
      parts.push(chunk);
      const received = Buffer.concat(parts);
      if (enough(received)) return received;
    }
  }

  async readWithin(ms: number, enough: (received: Buffer) => boolean): Promise<Buffer> {
    const parts: Buffer[] = [];
    const until = performance.now() + ms;
    for (;;) {
      while (this.chunks.length > 0) {
        parts.push(this.chunks.shift()!);
        if (enough(Buffer.concat(parts))) return Buffer.concat(parts);
      }
      if (this.failure) throw this.failure;
      const left = until - performance.now();
      if (this.ended || left <= 0) return Buffer.concat(parts);
      await this.waitForData(Math.min(left, this.limits.timeoutMs), false);
    }
  }

  startTls(options: TlsUpgradeOptions): Promise<TlsSessionInfo> {
    if (this.failure) return Promise.reject(this.failure);
    this.socket.removeAllListeners('data');
    this.socket.on('error', () => {});
    return new Promise<TlsSessionInfo>((resolve, reject) => {
      let ocspResponse: Buffer | null = null;
      const timer = setTimeout(() => reject(new StreamError('timeout', `no TLS handshake within ${this.limits.timeoutMs} ms`)), this.limits.timeoutMs);
      const tls = tlsConnect({
        socket: this.socket,
        rejectUnauthorized: false,
        // `authorized` is then the chain's verdict alone; the scanner matches names itself (and
        // without SNI Node would check the certificate against "localhost").
        checkServerIdentity: () => undefined,
        ...(options.servername ? { servername: options.servername } : {}),
        ...versionsAndCiphers(options),
        ...(options.requestOCSP ? { requestOCSP: true } : {}),
      });
      this.tls = tls;
      tls.on('OCSPResponse', (response: Buffer) => (ocspResponse = response));
      tls.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new StreamError('tls', `TLS handshake failed: ${error.code ?? error.message}`));
      });
      tls.once('secureConnect', () => {
        clearTimeout(timer);
        const key = tls.getEphemeralKeyInfo();
        resolve({
          protocol: tls.getProtocol(),
          cipher: tls.getCipher(),
          authorized: tls.authorized,
          authorizationError: tls.authorizationError ? String(tls.authorizationError) : null,
          peerChain: chainOf(tls.getPeerCertificate(true)),
          ocspResponse,
          ephemeralKey: key && 'type' in key ? { type: String(key.type), ...(key.name ? { name: String(key.name) } : {}), ...(key.size ? { size: Number(key.size) } : {}) } : null,
        });
      });
    });
  }

  private waitForData(ms = this.limits.timeoutMs, silenceFails = true): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (silenceFails) this.failure ??= new StreamError('timeout', `no data within ${ms} ms`);
        resolve();
      }, ms);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}

/** With trust anchors, one cached OpenSSL context carries them and the handshake profile. */
function versionsAndCiphers(options: TlsUpgradeOptions): ConnectionOptions {
  const profile = {
    ...(options.minVersion ? { minVersion: options.minVersion } : {}),
    ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
    ...(options.ciphers ? { ciphers: options.ciphers } : {}),
  };
  return options.trust ? { secureContext: options.trust.context(profile) } : profile;
}

/** The peer certificate and its issuers, leaf first, each once. */
function chainOf(leaf: PeerCertificate & { issuerCertificate?: PeerCertificate }): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let current: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

function connectError(error: NodeJS.ErrnoException): StreamError {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new StreamError('refused', 'connection refused');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') return new StreamError('unreachable', `host unreachable (${code})`);
  if (code === 'ETIMEDOUT') return new StreamError('timeout', 'connect timed out');
  return new StreamError('reset', `connect failed: ${code || error.message}`);
}
