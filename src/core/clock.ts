import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/** Time, injected so the engine and rules are deterministic under test. */
export interface Clock {
  /** Wall-clock milliseconds since the epoch (for timestamps). */
  now(): number;
  /** Monotonic milliseconds (for durations, rates and timeouts). */
  monotonic(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Random {
  /** A number in [0, 1). */
  next(): number;
  uuid(): string;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) => (ms <= 0 ? Promise.resolve() : delay(ms, undefined, signal ? { signal } : undefined)),
};

export const systemRandom: Random = {
  next: () => Math.random(),
  uuid: () => randomUUID(),
};
