export interface Waiter {
  granted: (arg?: unknown) => void;
  arg?: unknown;
  cancelled: boolean;
}

/**
 * A counting semaphore with callback and promise acquisition, FIFO. The network guard shares one
 * per host and one global between connect sweeps (callbacks: no promise per probe, which at 30,000
 * probes a second costs more than the connect itself) and every other operation (promises).
 */
export class Slots {
  private active = 0;
  private waiters: Waiter[] = [];
  private head = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.active;
  }

  get idle(): boolean {
    return this.active === 0 && this.head === this.waiters.length;
  }

  /**
   * Calls `granted(arg)` now if a slot is free, otherwise when one is released. Passing the state as
   * `arg` lets the hot path of a sweep use one shared function instead of a closure per probe.
   */
  acquire<T>(granted: (arg: T) => void, arg?: T): void {
    if (this.active < this.capacity) {
      this.active++;
      granted(arg as T);
    } else this.waiters.push({ granted: granted as (arg?: unknown) => void, arg, cancelled: false });
  }

  acquireAsync(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waiter.cancelled = true;
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        granted: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancelled: false,
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Frees a slot, handing it straight to the longest waiter that is still waiting. */
  release(): void {
    while (this.head < this.waiters.length) {
      const next = this.waiters[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      if (!next.cancelled) {
        next.granted(next.arg);
        return;
      }
    }
    this.active--;
  }
}
