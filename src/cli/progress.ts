import type { Lang } from '../core/model/text.js';
import type { EngineEvent, EventSink, ProgressSnapshot } from '../core/scheduler/events.js';
import { t } from '../i18n/t.js';
import { formatDuration, formatNumber } from './format.js';

/** A one-line progress bar on stderr, redrawn at most ten times a second; nothing when not a TTY. */
export class ProgressBar implements EventSink {
  private last = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly lang: Lang,
  ) {}

  handle(event: EngineEvent): void {
    if (event.type === 'progress') {
      const now = performance.now();
      if (now - this.last < 100 && event.snapshot.fraction < 1) return;
      this.last = now;
      this.draw(event.snapshot);
    } else if (event.type === 'audit.end') this.clear();
  }

  clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(snapshot: ProgressSnapshot): void {
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const filled = Math.round(snapshot.fraction * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    const text = t(this.lang, 'progress.line', {
      bar,
      percent: Math.floor(snapshot.fraction * 100),
      done: formatNumber(snapshot.hostsDone, this.lang),
      total: formatNumber(snapshot.hostsTotal, this.lang),
      rate: formatNumber(snapshot.operationsPerSecond, this.lang),
      eta: snapshot.etaMs === null ? '--:--' : formatDuration(snapshot.etaMs),
    });
    const paused = snapshot.paused ? ` ${t(this.lang, 'progress.paused')}` : '';
    this.stream.write(`\r\x1b[2K${text}${paused}`.slice(0, (this.stream.columns ?? 120) + 8));
    this.drawn = true;
  }
}
