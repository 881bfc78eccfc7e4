import type { EngineEvent, EventSink } from '../core/scheduler/events.js';

/** How often the live view takes the events gathered since the last time: ten frames a second. */
const INTERVAL_MS = 100;

/**
 * The engine's side of the live view: an EventSink that gathers events and hands them to the UI in
 * batches, so a scan emitting thousands of events a second costs the screen ten updates a second.
 */
export class LiveFeed implements EventSink {
  private pending: EngineEvent[] = [];
  private listener: ((events: EngineEvent[]) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = INTERVAL_MS) {}

  handle(event: EngineEvent): void {
    this.pending.push(event);
    if (event.type === 'audit.end' || event.type === 'audit.start') this.deliver();
    else this.schedule();
  }

  async flush(): Promise<void> {
    this.deliver();
  }

  /** One listener (the UI); events that came before it are handed over at once. */
  subscribe(listener: (events: EngineEvent[]) => void): () => void {
    this.listener = listener;
    this.deliver();
    return () => {
      if (this.listener === listener) this.listener = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    };
  }

  private schedule(): void {
    if (this.timer || !this.listener) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.deliver();
    }, this.intervalMs);
  }

  private deliver(): void {
    if (!this.listener || this.pending.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.pending;
    this.pending = [];
    this.listener(events);
  }
}
