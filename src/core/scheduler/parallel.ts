import pLimit from 'p-limit';

/**
 * Maps `fn` over `items` with at most `concurrency` calls running, pulling items lazily so a
 * 65,535-port list is never turned into 65,535 pending promises. The first failure stops new
 * calls; running ones finish; then that failure is thrown.
 */
export async function forEachParallel<T>(
  items: Iterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const limit = pLimit(concurrency);
  const highWater = concurrency * 2;
  let inFlight = 0;
  let failure = null as { error: unknown } | null;
  // One waiter at a time, woken by whichever call settles: O(1) per item, unlike Promise.race.
  let wake: (() => void) | null = null;
  let drained: (() => void) | null = null;
  const settle = () => {
    inFlight--;
    wake?.();
    wake = null;
    if (inFlight === 0) drained?.();
  };

  for (const item of items) {
    if (failure || signal?.aborted) break;
    inFlight++;
    // Calls already queued inside p-limit must not start once something failed or the task stopped.
    limit(async () => {
      if (failure || signal?.aborted) return;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }).then(settle, settle);
    if (inFlight >= highWater) await new Promise<void>((resolve) => (wake = resolve));
  }
  if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
  if (failure) throw failure.error;
  signal?.throwIfAborted();
}
