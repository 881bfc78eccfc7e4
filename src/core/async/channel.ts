/**
 * A one-consumer queue bridging callbacks and an async generator: parallel work pushes, the
 * generator drains with `for await`, and `close()` / `fail()` end the stream. Lets a scanner yield
 * each fact the moment it is seen, so an interrupted scan keeps everything found so far.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private waiting: (() => void) | null = null;
  private closed = false;
  private failure: { error: unknown } | null = null;

  push(item: T): void {
    if (this.closed) return;
    this.buffer.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.close();
  }

  /** Closes the channel when `work` settles, failing it if `work` rejects. */
  closeAfter(work: Promise<unknown>): void {
    work.then(
      () => this.close(),
      (error: unknown) => this.fail(error),
    );
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.buffer.length > 0) yield this.buffer.shift()!;
      if (this.closed) break;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    if (this.failure) throw this.failure.error;
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}
