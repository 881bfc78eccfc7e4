import { describe, expect, it } from 'vitest';
import { forEachParallel } from '../../../src/core/scheduler/parallel.js';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A harness whose calls each wait on their own deferred, tracking how many run at once. */
function harness() {
  const pending = new Map<number, Deferred>();
  const calls: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const fn = async (item: number): Promise<void> => {
    calls.push(item);
    running++;
    maxRunning = Math.max(maxRunning, running);
    const d = deferred();
    pending.set(item, d);
    try {
      await d.promise;
    } finally {
      running--;
      pending.delete(item);
    }
  };
  return {
    fn,
    calls,
    pending,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
  };
}

/** Resolves every call still waiting, and any that start meanwhile, a bounded number of times. */
async function drain(pending: Map<number, Deferred>): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await flush();
    if (pending.size === 0) return;
    for (const d of [...pending.values()]) d.resolve();
  }
  throw new Error('calls kept starting');
}

function* counting(count: number, pulled: { n: number }): Generator<number> {
  for (let i = 1; i <= count; i++) {
    pulled.n++;
    yield i;
  }
}

describe('forEachParallel', () => {
  it('never runs more than N calls at once, and runs every item once', async () => {
    const h = harness();
    let settled = false;
    const run = forEachParallel(Array.from({ length: 20 }, (_, i) => i + 1), 3, h.fn).then(() => (settled = true));
    for (let step = 0; step < 20; step++) {
      await flush();
      expect(h.running).toBe(Math.min(3, 20 - step));
      expect(settled).toBe(false);
      // Finish the most recently started call, so completion order differs from start order.
      const last = [...h.pending.keys()].pop()!;
      h.pending.get(last)!.resolve();
    }
    await run;
    expect(settled).toBe(true);
    expect(h.maxRunning).toBe(3);
    expect([...h.calls].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('with concurrency 1 runs strictly in order', async () => {
    const order: string[] = [];
    await forEachParallel(['a', 'b', 'c'], 1, async (item) => {
      order.push(`start ${item}`);
      await flush();
      order.push(`end ${item}`);
    });
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('pulls items lazily from a generator', async () => {
    const h = harness();
    const pulled = { n: 0 };
    const run = forEachParallel(counting(1_000_000, pulled), 2, h.fn);
    await flush();
    expect(h.calls).toEqual([1, 2]);
    expect(pulled.n).toBeGreaterThanOrEqual(2);
    expect(pulled.n).toBeLessThanOrEqual(4);
    const outcome = run.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    h.pending.get(1)!.reject(new Error('stop'));
    await drain(h.pending);
    expect(await outcome).toMatchObject({ message: 'stop' });
    expect(pulled.n).toBeLessThanOrEqual(5);
  });

  it('resolves at once for no items', async () => {
    let called = false;
    await forEachParallel([], 4, async () => {
      called = true;
    });
    expect(called).toBe(false);
  });

  it('rethrows the first error only after running calls settle', async () => {
    const h = harness();
    let outcome: unknown = 'pending';
    const run = forEachParallel([1, 2, 3, 4, 5, 6], 2, h.fn).then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = error),
    );
    await flush();
    const first = new Error('first');
    h.pending.get(1)!.reject(first);
    await flush();
    expect(outcome).toBe('pending');
    await drain(h.pending);
    await run;
    expect(outcome).toBe(first);
  });

  it('makes no new call after the first error', async () => {
    const calls: number[] = [];
    const run = forEachParallel([1, 2, 3, 4, 5], 1, async (item) => {
      calls.push(item);
      await flush();
      if (item === 1) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(calls).toEqual([1]);
  });

  it('makes no new call after the first error, with other calls still running', async () => {
    const h = harness();
    const outcome = forEachParallel([1, 2, 3, 4, 5, 6, 7, 8], 2, h.fn).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await flush();
    expect(h.calls).toEqual([1, 2]);
    h.pending.get(1)!.reject(new Error('boom'));
    await drain(h.pending);
    expect(await outcome).toMatchObject({ message: 'boom' });
    expect(h.calls).toEqual([1, 2]);
  });

  it('an already aborted signal makes no call and throws the abort reason', async () => {
    const controller = new AbortController();
    controller.abort();
    const calls: number[] = [];
    await expect(
      forEachParallel([1, 2, 3], 2, async (item) => void calls.push(item), controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);
  });

  it('aborting stops new calls; running ones finish; then it throws', async () => {
    const h = harness();
    const controller = new AbortController();
    let outcome: unknown = 'pending';
    const run = forEachParallel([1, 2, 3, 4, 5, 6, 7, 8], 2, h.fn, controller.signal).then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = error),
    );
    await flush();
    expect(h.calls).toEqual([1, 2]);
    controller.abort();
    await flush();
    expect(outcome).toBe('pending');
    await drain(h.pending);
    await run;
    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(h.calls).toEqual([1, 2]);
  });
});
