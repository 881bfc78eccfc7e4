import type { Lang } from '../core/model/text.js';
import { segmentLine, type DistributedProgress } from '../core/model/cluster-progress.js';
import type { EngineEvent, EventSink } from '../core/scheduler/events.js';
import { t } from '../i18n/t.js';
import { formatDuration, formatNumber } from './format.js';

/**
 * The progress of a distributed audit on stderr: one bar for the audit, then a line per segment
 * naming its agents and what each is doing. Redrawn in place; nothing when not a terminal.
 */
export class DistributedProgressView implements EventSink {
  private lines = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly lang: Lang,
  ) {}

  handle(event: EngineEvent): void {
    if (event.type === 'cluster') this.draw(event.progress);
  }

  draw(p: DistributedProgress): void {
    const n = (value: number) => formatNumber(value, this.lang);
    const width = 30;
    const fraction = p.hostsTotal === 0 ? 1 : p.hostsDone / p.hostsTotal;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '-');
    const out = [t(this.lang, 'distributed.progress', { bar, percent: Math.floor(fraction * 100), done: n(p.hostsDone), total: n(p.hostsTotal), running: n(p.hostsRunning), jobs: `${n(p.chunksDone)}/${n(p.chunksTotal)}`, elapsed: formatDuration(p.elapsedMs) })];
    for (const s of p.segments) out.push(`  ${segmentLine(s, this.lang, n)}`);
    const columns = this.stream.columns ?? 120;
    const up = this.lines > 0 ? `\x1b[${this.lines}A` : '';
    this.stream.write(`${up}\r${out.map((line) => `\x1b[2K${line.slice(0, columns - 1)}`).join('\n')}\n`);
    this.lines = out.length;
  }

  clear(): void {
    if (this.lines === 0) return;
    this.stream.write(`\x1b[${this.lines}A\r\x1b[0J`);
    this.lines = 0;
  }
}
