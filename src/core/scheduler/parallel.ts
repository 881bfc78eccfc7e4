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
  const inFlight = new Set<Promise<void>>();
  let failure = null as { error: unknown } | null;
  for (const item of items) {
    if (failure || signal?.aborted) break;
    const task: Promise<void> = limit(() => fn(item)).then(
      () => void inFlight.delete(task),
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= { error };
      },
    );
    inFlight.add(task);
    if (inFlight.size >= concurrency * 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  signal?.throwIfAborted();
}
