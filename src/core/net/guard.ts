import type { Clock } from '../clock.js';
import type { Destination, Scope } from '../scope/scope.js';
import { RateGate } from './rate-gate.js';
import { Slots } from './slots.js';

export interface NetLimits {
  /** Most network operations in flight at once, across all hosts. */
  concurrency: number;
  /** Most operations in flight against one host. */
  hostConcurrency: number;
  /** New connections a second per host; 0 for no limit. */
  ratePerHost: number;
}

/**
 * The single choke point in front of every socket: scope, pause, per-host slot, per-host rate
 * token, global slot — in that order — and only then the operation. Scanners never see a socket
 * that did not pass through here, so none can forget politeness or scope. Two doors, one set of
 * counters: `run` for ordinary operations, `admit` (callbacks) for high-rate connect sweeps.
 */
export class Guard {
  readonly global: Slots;
  private readonly perHost = new Map<string, Slots>();
  private readonly rate: RateGate;
  private pauseGate: { promise: Promise<void>; release: () => void } | null = null;
  private resumeWaiters: Array<{ then: (arg: never) => void; arg: unknown }> = [];
  private operationCount = 0;

  constructor(
    readonly scope: Scope,
    readonly limits: NetLimits,
    private readonly clock: Clock,
  ) {
    this.global = new Slots(limits.concurrency);
    this.rate = new RateGate(limits.ratePerHost, clock);
  }

  get operations(): number {
    return this.operationCount;
  }

  get inFlight(): number {
    return this.global.inUse;
  }

  pause(): void {
    if (this.pauseGate) return;
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.pauseGate = { promise, release };
  }

  resume(): void {
    this.pauseGate?.release();
    this.pauseGate = null;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const { then, arg } of waiters) (then as (arg: unknown) => void)(arg);
  }

  get paused(): boolean {
    return this.pauseGate !== null;
  }

  /** Calls `then(arg)` at once when not paused, otherwise on resume. */
  whenRunning<T>(then: (arg: T) => void, arg: T): void {
    if (this.pauseGate) this.resumeWaiters.push({ then, arg });
    else then(arg);
  }

  hostSlots(address: string): Slots {
    let slots = this.perHost.get(address);
    if (!slots) {
      slots = new Slots(this.limits.hostConcurrency);
      this.perHost.set(address, slots);
    }
    return slots;
  }

  /** Drops the per-host counter once nothing uses it, so a /16 sweep does not keep 65,536 of them. */
  releaseHost(address: string, slots: Slots): void {
    slots.release();
    if (slots.idle && this.perHost.get(address) === slots) this.perHost.delete(address);
  }

  /** Milliseconds to wait before the next connection to `address` (its slot is reserved now). */
  reserveRate(address: string): number {
    return this.rate.reserve(address);
  }

  countOperation(): void {
    this.operationCount++;
  }

  private sweeps = 0;

  /** A connect sweep starts or ends: the global capacity is shared among the sweeps running. */
  sweepStarted(): void {
    this.sweeps++;
  }

  sweepEnded(): void {
    this.sweeps--;
  }

  /**
   * How many attempts one sweep should have under way: its fair share of the global slots, never
   * more than host concurrency. Taking more would only park closures in the global queue.
   */
  sweepShare(): number {
    return Math.max(1, Math.min(this.limits.hostConcurrency, Math.floor(this.limits.concurrency / Math.max(1, this.sweeps))));
  }

  /** Checks scope synchronously (throwing ScopeError before anything else), then runs `op` politely. */
  async run<T>(destination: Destination, signal: AbortSignal | undefined, op: () => Promise<T>): Promise<T> {
    this.scope.check(destination);
    const key = destination.address;
    while (this.pauseGate) await abortable(this.pauseGate.promise, signal);
    const host = this.hostSlots(key);
    await host.acquireAsync(signal);
    try {
      const wait = this.rate.reserve(key);
      if (wait > 0) await this.clock.sleep(wait, signal);
      await this.global.acquireAsync(signal);
      try {
        signal?.throwIfAborted();
        this.operationCount++;
        return await op();
      } finally {
        this.global.release();
      }
    } finally {
      this.releaseHost(key, host);
    }
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}
