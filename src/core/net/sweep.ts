import { TransientError } from '../errors.js';
import type { Guard } from './guard.js';
import type { ProbeResult, Prober } from './tcp.js';

/** The part of a Prober a sweep uses (tests pass their own). */
export type ProbeStarter = Pick<Prober, 'start'>;

export interface SweepOptions {
  ports: Iterable<number>;
  /** Timeout for the next first attempt; the caller adapts it to the host's round-trip time. */
  timeoutMs(): number;
  /** Extra attempts for a port that gave no answer, each waiting twice as long (up to maxTimeoutMs). */
  retries: number;
  maxTimeoutMs: number;
  /** Called once per port with its final answer. */
  onResult(port: number, result: ProbeResult): void;
}

interface Attempt {
  port: number;
  attempt: number;
  localRetries: number;
  timeoutMs: number;
}

const MAX_LOCAL_RETRIES = 8;

/**
 * A connect sweep of one host: every probe passes the guard (scope, pause, host slot, rate token,
 * global slot) exactly as `Guard.run` would, but by callbacks, so a sweep of 254,000 probes costs no
 * promise per probe. Ports are pulled from the iterable lazily; at most host-concurrency attempts
 * of this sweep are under way at once. Rejects on abort at once; attempts still queued in the
 * guard give their slots back when they come up.
 */
export function tcpSweep(guard: Guard, prober: ProbeStarter, signal: AbortSignal | undefined, host: string, address: string, options: SweepOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ports = options.ports[Symbol.iterator]();
    const retries: Attempt[] = [];
    const timers = new Set<NodeJS.Timeout>();
    let inFlight = 0;
    let exhausted = false;
    let stopped = false;

    const stop = (error: unknown) => {
      if (stopped) return;
      stopped = true;
      guard.sweepEnded();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = () => stop(signal!.reason);
    guard.sweepStarted();
    if (signal?.aborted) return stop(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const later = (ms: number, then: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        then();
      }, ms);
      timers.add(timer);
    };

    const next = (): Attempt | null => {
      const retry = retries.shift();
      if (retry) return retry;
      if (exhausted) return null;
      const item = ports.next();
      if (item.done) {
        exhausted = true;
        return null;
      }
      return { port: item.value, attempt: 0, localRetries: 0, timeoutMs: 0 };
    };

    const settled = (attempt: Attempt, outcome: ProbeResult | Error) => {
      inFlight--;
      if (stopped) return;
      if (outcome instanceof TransientError && attempt.localRetries < MAX_LOCAL_RETRIES) {
        inFlight++;
        later(Math.min(1000, 10 * 2 ** attempt.localRetries), () => {
          inFlight--;
          retries.push({ ...attempt, localRetries: attempt.localRetries + 1 });
          pump();
        });
        return;
      }
      if (outcome instanceof Error) return stop(outcome);
      if (outcome.reason === 'no-response' && attempt.attempt < options.retries) {
        const timeoutMs = Math.min(options.maxTimeoutMs, Math.max(attempt.timeoutMs * 2, options.timeoutMs()));
        retries.push({ port: attempt.port, attempt: attempt.attempt + 1, localRetries: 0, timeoutMs });
      } else {
        try {
          options.onResult(attempt.port, outcome);
        } catch (error) {
          return stop(error);
        }
      }
      pump();
    };

    const launch = (attempt: Attempt) => {
      try {
        guard.scope.check({ host, address, port: attempt.port });
      } catch (error) {
        return stop(error);
      }
      if (attempt.timeoutMs === 0) attempt.timeoutMs = options.timeoutMs();
      inFlight++;
      guard.whenRunning(() => {
        const hostSlots = guard.hostSlots(address);
        hostSlots.acquire(() => {
          const afterRate = () =>
            guard.global.acquire(() => {
              if (stopped) {
                guard.global.release();
                guard.releaseHost(address, hostSlots);
                return;
              }
              guard.countOperation();
              prober.start(address, attempt.port, attempt.timeoutMs, (outcome) => {
                guard.global.release();
                guard.releaseHost(address, hostSlots);
                settled(attempt, outcome);
              });
            });
          if (stopped) return guard.releaseHost(address, hostSlots);
          const wait = guard.reserveRate(address);
          if (wait > 0) later(wait, afterRate);
          else afterRate();
        });
      });
    };

    const pump = () => {
      const share = guard.sweepShare();
      while (!stopped && inFlight < share) {
        const attempt = next();
        if (!attempt) break;
        launch(attempt);
      }
      if (!stopped && inFlight === 0 && exhausted && retries.length === 0) {
        stopped = true;
        guard.sweepEnded();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
    };
    pump();
  });
}
