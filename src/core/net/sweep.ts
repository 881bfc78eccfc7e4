import { ScopeError, TransientError } from '../errors.js';
import type { Guard } from './guard.js';
import type { Slots } from './slots.js';
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

const MAX_LOCAL_RETRIES = 8;

/**
 * A connect sweep of one host: every probe passes the guard (scope, pause, host slot, rate token,
 * global slot) exactly as `Guard.run` would, but by callbacks, so a sweep of 254,000 probes costs no
 * promise per probe. Ports are pulled from the iterable lazily; a sweep keeps at most its share of
 * the global slots under way. Rejects on abort at once; attempts still queued in the guard give
 * their slots back when they come up.
 */
export function tcpSweep(guard: Guard, prober: ProbeStarter, signal: AbortSignal | undefined, host: string, address: string, options: SweepOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => new Sweep(guard, prober, signal, host, address, options, resolve, reject).begin());
}

/** One port's probing, carried through the guard's steps; reused for its retries. */
interface Attempt {
  sweep: Sweep;
  port: number;
  attempt: number;
  localRetries: number;
  timeoutMs: number;
  hostSlots: Slots | null;
}

class Sweep {
  private readonly ports: Iterator<number>;
  private readonly retries: Attempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private exhausted = false;
  stopped = false;
  private readonly onAbort = () => this.stop(this.signal!.reason);

  constructor(
    readonly guard: Guard,
    readonly prober: ProbeStarter,
    private readonly signal: AbortSignal | undefined,
    private readonly host: string,
    readonly address: string,
    private readonly options: SweepOptions,
    private readonly resolve: () => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.ports = options.ports[Symbol.iterator]();
  }

  begin(): void {
    this.guard.sweepStarted();
    if (this.signal?.aborted) return this.stop(this.signal.reason);
    try {
      this.guard.scope.checkHost(this.host, this.address);
    } catch (error) {
      return this.stop(error);
    }
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.pump();
  }

  stop(error: unknown): void {
    if (this.stopped) return;
    this.end();
    this.reject(error);
  }

  /** Starts attempts up to this sweep's share; resolves once every port has its answer. */
  pump(): void {
    const share = this.guard.sweepShare();
    while (!this.stopped && this.inFlight < share) {
      const attempt = this.next();
      if (!attempt) break;
      // The host was checked when the sweep began; a scope never changes, so each port is enough.
      if (!this.guard.scope.allowsPort(attempt.port)) return this.stop(new ScopeError('scope.port', { host: this.host, port: attempt.port }));
      if (attempt.timeoutMs === 0) attempt.timeoutMs = this.options.timeoutMs();
      this.inFlight++;
      this.guard.whenRunning(takeHostSlot, attempt);
    }
    if (!this.stopped && this.inFlight === 0 && this.exhausted && this.retries.length === 0) {
      this.end();
      this.resolve();
    }
  }

  later(ms: number, then: (attempt: Attempt) => void, attempt: Attempt): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      then(attempt);
    }, ms);
    this.timers.add(timer);
  }

  settled(attempt: Attempt, outcome: ProbeResult | Error): void {
    this.inFlight--;
    if (this.stopped) return;
    if (outcome instanceof TransientError && attempt.localRetries < MAX_LOCAL_RETRIES) {
      this.inFlight++;
      this.later(Math.min(1000, 10 * 2 ** attempt.localRetries), retryAfterPause, attempt);
      return;
    }
    if (outcome instanceof Error) return this.stop(outcome);
    if (outcome.reason === 'no-response' && attempt.attempt < this.options.retries) {
      attempt.attempt++;
      attempt.localRetries = 0;
      attempt.timeoutMs = Math.min(this.options.maxTimeoutMs, Math.max(attempt.timeoutMs * 2, this.options.timeoutMs()));
      this.retries.push(attempt);
    } else {
      try {
        this.options.onResult(attempt.port, outcome);
      } catch (error) {
        return this.stop(error);
      }
    }
    this.pump();
  }

  /** A transient failure's pause is over: the attempt queues again, with its slot count returned. */
  requeue(attempt: Attempt): void {
    this.inFlight--;
    attempt.localRetries++;
    this.retries.push(attempt);
    this.pump();
  }

  private next(): Attempt | null {
    const retry = this.retries.shift();
    if (retry) return retry;
    if (this.exhausted) return null;
    const item = this.ports.next();
    if (item.done) {
      this.exhausted = true;
      return null;
    }
    return { sweep: this, port: item.value, attempt: 0, localRetries: 0, timeoutMs: 0, hostSlots: null };
  }

  private end(): void {
    this.stopped = true;
    this.guard.sweepEnded();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

// The guard's steps for one attempt, in order. Shared functions taking the attempt as argument:
// a closure per step per probe was most of a sweep's garbage.

function takeHostSlot(attempt: Attempt): void {
  const { sweep } = attempt;
  attempt.hostSlots = sweep.guard.hostSlots(sweep.address);
  attempt.hostSlots.acquire(takeRateToken, attempt);
}

function takeRateToken(attempt: Attempt): void {
  const { sweep } = attempt;
  if (sweep.stopped) return sweep.guard.releaseHost(sweep.address, attempt.hostSlots!);
  const wait = sweep.guard.reserveRate(sweep.address);
  if (wait > 0) sweep.later(wait, takeGlobalSlot, attempt);
  else takeGlobalSlot(attempt);
}

function takeGlobalSlot(attempt: Attempt): void {
  attempt.sweep.guard.global.acquire(startProbe, attempt);
}

function startProbe(attempt: Attempt): void {
  const { sweep } = attempt;
  if (sweep.stopped) {
    sweep.guard.global.release();
    sweep.guard.releaseHost(sweep.address, attempt.hostSlots!);
    return;
  }
  sweep.guard.countOperation();
  sweep.prober.start(sweep.address, attempt.port, attempt.timeoutMs, probed, attempt);
}

function probed(outcome: ProbeResult | Error, attempt: Attempt): void {
  const { sweep } = attempt;
  sweep.guard.global.release();
  sweep.guard.releaseHost(sweep.address, attempt.hostSlots!);
  attempt.hostSlots = null;
  sweep.settled(attempt, outcome);
}

function retryAfterPause(attempt: Attempt): void {
  attempt.sweep.requeue(attempt);
}
