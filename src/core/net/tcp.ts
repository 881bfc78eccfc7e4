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

/** One probe in flight: its state lives here, so the hot path needs no closure per probe. */
interface Flight<A> {
  prober: Prober;
  address: string;
  port: number;
  timeoutMs: number;
  started: number;
  timer: NodeJS.Timeout | null;
  settled: boolean;
  close: () => void;
  done: (outcome: ProbeResult | Error, arg: A) => void;
  arg: A;
  /** Neighbours in the prober's list of flights, for O(1) removal and cancellation on abort. */
  prev: Flight<unknown> | null;
  next: Flight<unknown> | null;
}

/**
 * TCP connect probes (what `nmap -sT` does) for one task: open on a completed handshake, closed
 * on a reset, filtered on silence or an ICMP refusal. Open connections are closed normally (FIN),
 * never reset: a reset makes fragile services log errors or crash, and politeness comes first.
 * One abort listener per task cancels every probe in flight.
 */
export class Prober {
  private head: Flight<unknown> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener(
      'abort',
      () => {
        const reason = signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
        while (this.head) settle(this.head, reason);
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
    return new Promise<ProbeResult>((resolve, reject) => this.start(address, port, timeoutMs, (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)), undefined));
  }

  /**
   * Starts one probe and calls `done(outcome, arg)` exactly once, never synchronously: the hot path
   * of a connect sweep, which passes its own state as `arg` rather than allocating a closure.
   */
  start<A>(address: string, port: number, timeoutMs: number, done: (outcome: ProbeResult | Error, arg: A) => void, arg: A): void {
    if (this.signal?.aborted) {
      const reason = this.signal.reason instanceof Error ? this.signal.reason : new DOMException('aborted', 'AbortError');
      queueMicrotask(() => done(reason, arg));
      return;
    }
    const flight: Flight<A> = { prober: this, address, port, timeoutMs, started: this.clock.monotonic(), timer: null, settled: false, close: noop, done, arg, prev: null, next: this.head };
    if (this.head) this.head.prev = flight as Flight<unknown>;
    this.head = flight as Flight<unknown>;
    flight.timer = setTimeout(onTimer, timeoutMs, flight);
    if (tcpWrap) startHandle(tcpWrap, flight);
    else startSocket(flight);
  }

  /** @internal */
  unlink(flight: Flight<unknown>): void {
    if (flight.prev) flight.prev.next = flight.next;
    else if (this.head === flight) this.head = flight.next;
    if (flight.next) flight.next.prev = flight.prev;
    flight.prev = flight.next = null;
  }

  /** @internal */
  now(): number {
    return this.clock.monotonic();
  }
}

const noop = () => {};

function settle<A>(flight: Flight<A>, outcome: ProbeResult | Error): void {
  if (flight.settled) return;
  flight.settled = true;
  if (flight.timer) clearTimeout(flight.timer);
  flight.prober.unlink(flight as Flight<unknown>);
  flight.close();
  flight.done(outcome, flight.arg);
}

function answered<A>(flight: Flight<A>, status: number): void {
  const rttMs = flight.prober.now() - flight.started;
  settle(flight, status === 0 ? { state: 'open', reason: 'syn-ack', rttMs } : classifyConnectError(getSystemErrorName(status), rttMs));
}

/**
 * A timer fires in the loop's timers phase, before the poll phase hands over answers that arrived
 * while the loop was busy. Deciding "no response" there would call an open port filtered whenever
 * rasoat itself lags; so the verdict waits for the check phase, after this iteration's poll.
 */
function onTimer<A>(flight: Flight<A>): void {
  flight.timer = null;
  setImmediate(onTimerConfirmed, flight);
}

function onTimerConfirmed<A>(flight: Flight<A>): void {
  settle(flight, { state: 'filtered', reason: 'no-response', rttMs: flight.timeoutMs });
}

/** Node calls `oncomplete` as a method of the request, so its state can ride on the request. */
function onHandleConnect(this: { flight: Flight<unknown> }, status: number): void {
  answered(this.flight, status);
}

function startHandle<A>(binding: TcpWrapBinding, flight: Flight<A>): void {
  const handle = new binding.TCP(binding.constants.SOCKET);
  const request = new binding.TCPConnectWrap() as { oncomplete?: (status: number) => void; flight?: Flight<A> };
  request.flight = flight;
  request.oncomplete = onHandleConnect;
  flight.close = () => handle.close();
  const immediate = flight.address.includes(':') ? handle.connect6(request, flight.address, flight.port) : handle.connect(request, flight.address, flight.port);
  if (immediate !== 0) queueMicrotask(() => answered(flight, immediate));
}

function startSocket<A>(flight: Flight<A>): void {
  const socket = new Socket();
  flight.close = () => {
    socket.removeAllListeners();
    socket.on('error', noop);
    socket.destroy();
  };
  socket.once('connect', () => answered(flight, 0));
  socket.once('error', (error: NodeJS.ErrnoException) => {
    const rttMs = flight.prober.now() - flight.started;
    settle(flight, classifyConnectError(error.code ?? 'UNKNOWN', rttMs));
  });
  socket.connect({ port: flight.port, host: flight.address });
}
