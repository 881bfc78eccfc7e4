import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../clock.js';
import type { Destination, Scope } from '../scope/scope.js';
import { RateGate } from './rate-gate.js';

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
 * that did not pass through here, so none can forget politeness or scope.
 */
export class Guard {
  private readonly global: LimitFunction;
  private readonly perHost = new Map<string, LimitFunction>();
  private readonly rate: RateGate;
  private pauseGate: { promise: Promise<void>; release: () => void } | null = null;
  private operationCount = 0;

  constructor(
    readonly scope: Scope,
    readonly limits: NetLimits,
    clock: Clock,
  ) {
    this.global = pLimit(limits.concurrency);
    this.rate = new RateGate(limits.ratePerHost, clock);
  }

  get operations(): number {
    return this.operationCount;
  }

  get inFlight(): number {
    return this.global.activeCount;
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
  }

  get paused(): boolean {
    return this.pauseGate !== null;
  }

  /** Checks scope synchronously (throwing ScopeError before anything else), then runs `op` politely. */
  async run<T>(destination: Destination, signal: AbortSignal | undefined, op: () => Promise<T>): Promise<T> {
    this.scope.check(destination);
    const key = destination.address;
    let hostLimit = this.perHost.get(key);
    if (!hostLimit) {
      hostLimit = pLimit(this.limits.hostConcurrency);
      this.perHost.set(key, hostLimit);
    }
    try {
      return await hostLimit(async () => {
        signal?.throwIfAborted();
        while (this.pauseGate) await abortable(this.pauseGate.promise, signal);
        await this.rate.take(key, signal);
        return this.global(() => {
          signal?.throwIfAborted();
          this.operationCount++;
          return op();
        });
      });
    } finally {
      if (hostLimit.activeCount === 0 && hostLimit.pendingCount === 0) this.perHost.delete(key);
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
