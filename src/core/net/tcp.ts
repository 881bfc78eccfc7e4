import { Socket } from 'node:net';
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

/**
 * One TCP connect probe (what `nmap -sT` does): open on a completed handshake, closed on a reset,
 * filtered on silence or an ICMP refusal. An open connection is closed normally (FIN), not reset:
 * a reset makes fragile services log errors or even crash, and politeness comes first.
 * Exhausted local resources raise TransientError: they say nothing about the target.
 */
export function probeOnce(address: string, port: number, timeoutMs: number, clock: Clock, signal?: AbortSignal): Promise<ProbeResult> {
  return new Promise<ProbeResult>((resolve, reject) => {
    signal?.throwIfAborted();
    const socket = new Socket();
    const started = clock.monotonic();
    let settled = false;
    const finish = (outcome: ProbeResult | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (outcome instanceof Error) {
        socket.destroy();
        reject(outcome);
      } else {
        socket.destroy();
        resolve(outcome);
      }
    };
    const elapsed = () => clock.monotonic() - started;
    const onAbort = () => finish(signal!.reason instanceof Error ? signal!.reason : new DOMException('aborted', 'AbortError'));
    const timer = setTimeout(() => finish({ state: 'filtered', reason: 'no-response', rttMs: timeoutMs }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.once('connect', () => finish({ state: 'open', reason: 'syn-ack', rttMs: elapsed() }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (code === 'ECONNREFUSED' || code === 'ECONNRESET') finish({ state: 'closed', reason: 'conn-refused', rttMs: elapsed() });
      else if (code === 'EHOSTUNREACH' || code === 'EHOSTDOWN') finish({ state: 'filtered', reason: 'host-unreach', rttMs: elapsed() });
      else if (code === 'ENETUNREACH') finish({ state: 'filtered', reason: 'net-unreach', rttMs: elapsed() });
      else if (code === 'EACCES' || code === 'EPERM') finish({ state: 'filtered', reason: 'admin-prohibited', rttMs: elapsed() });
      else if (code === 'ETIMEDOUT') finish({ state: 'filtered', reason: 'no-response', rttMs: elapsed() });
      else if (LOCAL_RESOURCE_CODES.has(code)) finish(new TransientError(code, error.message));
      else finish(error);
    });
    socket.connect({ port, host: address });
  });
}

/** probeOnce with retries, after a growing pause, while the local machine is out of resources. */
export async function probe(
  address: string,
  port: number,
  timeoutMs: number,
  clock: Clock,
  signal?: AbortSignal,
  maxLocalRetries = 8,
): Promise<ProbeResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await probeOnce(address, port, timeoutMs, clock, signal);
    } catch (error) {
      if (!(error instanceof TransientError) || attempt >= maxLocalRetries) throw error;
      await clock.sleep(Math.min(1000, 10 * 2 ** attempt), signal);
    }
  }
}
