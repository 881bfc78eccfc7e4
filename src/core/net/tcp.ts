import { Socket } from 'node:net';
import { getSystemErrorName } from 'node:util';
import type { Clock } from '../clock.js';
import { TransientError } from '../errors.js';

export type PortState = 'open' | 'closed' | 'filtered';
export type ProbeReason = 'syn-ack' | 'conn-refused' | 'no-response' | 'host-unreach' | 'net-unreach' | 'admin-prohibited';

export interface ProbeResult {
  state: PortState;
  reason: ProbeReason;
  /** Time from connect() to the answer; the timeout when there was none. */
  rttMs: number;
}

const LOCAL_RESOURCE_CODES = new Set(['EMFILE', 'ENFILE', 'ENOBUFS', 'ENOMEM', 'EADDRNOTAVAIL', 'EAGAIN', 'EADDRINUSE']);

/** What a refused or failed connect means for the port, or an error when it says nothing about it. */
export function classifyConnectError(code: string, rttMs: number): ProbeResult | Error {
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return { state: 'closed', reason: 'conn-refused', rttMs };
  if (code === 'EHOSTUNREACH' || code === 'EHOSTDOWN') return { state: 'filtered', reason: 'host-unreach', rttMs };
  if (code === 'ENETUNREACH') return { state: 'filtered', reason: 'net-unreach', rttMs };
  if (code === 'EACCES' || code === 'EPERM') return { state: 'filtered', reason: 'admin-prohibited', rttMs };
  if (code === 'ETIMEDOUT') return { state: 'filtered', reason: 'no-response', rttMs };
  if (LOCAL_RESOURCE_CODES.has(code)) return new TransientError(code, `local resource exhausted: ${code}`);
  return new Error(`connect failed: ${code}`);
}

interface TcpWrapBinding {
  TCP: new (type: number) => {
    connect(req: object, address: string, port: number): number;
    connect6(req: object, address: string, port: number): number;
    close(): void;
  };
  TCPConnectWrap: new () => { oncomplete?: (status: number) => void };
  constants: { SOCKET: number };
}

/**
 * Node's own TCP handle, without the stream, socket and Error objects `net.Socket` builds for
 * every attempt: a connect scan spends a tenth of the CPU this way, which is what lets rasoat keep
 * pace with nmap. It is a legacy binding, so it is feature-checked and `net.Socket` stands in
 * when it is missing (or when RASOAT_PROBE=socket asks for it).
 */
function loadTcpWrap(): TcpWrapBinding | null {
  if (process.env.RASOAT_PROBE === 'socket') return null;
  try {
    const legacy = (process as unknown as { binding(name: string): unknown }).binding('tcp_wrap') as TcpWrapBinding;
    return typeof legacy.TCP === 'function' && typeof legacy.TCPConnectWrap === 'function' ? legacy : null;
  } catch {
    return null;
  }
}

const tcpWrap = loadTcpWrap();

export const probeEngine: 'tcp-handle' | 'socket' = tcpWrap ? 'tcp-handle' : 'socket';

type Cancel = (reason: Error) => void;

/**
 * TCP connect probes (what `nmap -sT` does) for one task: open on a completed handshake, closed
 * on a reset, filtered on silence or an ICMP refusal. Open connections are closed normally (FIN),
 * never reset: a reset makes fragile services log errors or crash, and politeness comes first.
 * One abort listener per task cancels every probe in flight.
 */
export class Prober {
  private readonly live = new Set<Cancel>();

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener(
      'abort',
      () => {
        const reason = signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
        for (const cancel of [...this.live]) cancel(reason);
      },
      { once: true },
    );
  }

  /** One probe, retried after a growing pause while the local machine is out of resources. */
  async probe(address: string, port: number, timeoutMs: number, maxLocalRetries = 8): Promise<ProbeResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.probeOnce(address, port, timeoutMs);
      } catch (error) {
        if (!(error instanceof TransientError) || attempt >= maxLocalRetries) throw error;
        await this.clock.sleep(Math.min(1000, 10 * 2 ** attempt), this.signal);
      }
    }
  }

  probeOnce(address: string, port: number, timeoutMs: number): Promise<ProbeResult> {
    return new Promise<ProbeResult>((resolve, reject) => this.start(address, port, timeoutMs, (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))));
  }

  /**
   * Starts one probe and calls `done` exactly once, never synchronously: the hot path of a
   * connect sweep, with no promise per probe.
   */
  start(address: string, port: number, timeoutMs: number, done: (outcome: ProbeResult | Error) => void): void {
    if (this.signal?.aborted) {
      const reason = this.signal.reason instanceof Error ? this.signal.reason : new DOMException('aborted', 'AbortError');
      queueMicrotask(() => done(reason));
      return;
    }
    if (tcpWrap) this.handleProbe(tcpWrap, address, port, timeoutMs, done);
    else this.socketProbe(address, port, timeoutMs, done);
  }

  private handleProbe(binding: TcpWrapBinding, address: string, port: number, timeoutMs: number, done: (outcome: ProbeResult | Error) => void): void {
    const handle = new binding.TCP(binding.constants.SOCKET);
    const request = new binding.TCPConnectWrap();
    const started = this.clock.monotonic();
    let settled = false;
    const finish = (outcome: ProbeResult | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.live.delete(finish);
      handle.close();
      done(outcome);
    };
    this.live.add(finish);
    const timer = setTimeout(finish, timeoutMs, { state: 'filtered', reason: 'no-response', rttMs: timeoutMs } satisfies ProbeResult);
    const onStatus = (status: number) => {
      const rttMs = this.clock.monotonic() - started;
      finish(status === 0 ? { state: 'open', reason: 'syn-ack', rttMs } : classifyConnectError(getSystemErrorName(status), rttMs));
    };
    request.oncomplete = onStatus;
    const immediate = address.includes(':') ? handle.connect6(request, address, port) : handle.connect(request, address, port);
    if (immediate !== 0) queueMicrotask(() => onStatus(immediate));
  }

  private socketProbe(address: string, port: number, timeoutMs: number, done: (outcome: ProbeResult | Error) => void): void {
    const socket = new Socket();
    const started = this.clock.monotonic();
    let settled = false;
    const finish = (outcome: ProbeResult | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.live.delete(finish);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      done(outcome);
    };
    this.live.add(finish);
    const timer = setTimeout(finish, timeoutMs, { state: 'filtered', reason: 'no-response', rttMs: timeoutMs } satisfies ProbeResult);
    socket.once('connect', () => finish({ state: 'open', reason: 'syn-ack', rttMs: this.clock.monotonic() - started }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(classifyConnectError(error.code ?? 'UNKNOWN', this.clock.monotonic() - started)));
    socket.connect({ port, host: address });
  }
}
