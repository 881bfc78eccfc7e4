import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/progress.js';
import type { ProgressSnapshot } from '../../src/core/scheduler/events.js';

function fakeStream() {
  const writes: string[] = [];
  const stream = { columns: 100, isTTY: true, write: (text: string) => void writes.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

const snapshot = (fraction: number, extra: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  hostsTotal: 254,
  hostsDone: Math.round(254 * fraction),
  hostsRunning: 10,
  tasksDone: 0,
  tasksRunning: 10,
  fraction,
  hostsPerSecond: 20,
  operationsPerSecond: 31234,
  elapsedMs: 4000,
  etaMs: 6000,
  paused: false,
  ...extra,
});

describe('the progress bar', () => {
  it('draws one line with the bar, hosts, rate and ETA, and clears it at the end', () => {
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream, 'en');
    bar.handle({ type: 'progress', snapshot: snapshot(0.4) });
    expect(writes[0]).toMatch(/^\r\x1b\[2K\[#{12}-{18}\] 40% 102\/254 hosts, 31,234 probes\/s, ETA 0:06$/);
    bar.handle({ type: 'audit.end', status: 'complete', stats: {} as never });
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('redraws at most ten times a second, and says when paused', () => {
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream, 'vi');
    bar.handle({ type: 'progress', snapshot: snapshot(0.1) });
    bar.handle({ type: 'progress', snapshot: snapshot(0.11) });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/máy, 31\.234 lượt thăm dò\/giây, còn 0:06/);
    const later = new ProgressBar(stream, 'en');
    later.handle({ type: 'progress', snapshot: snapshot(0.5, { paused: true, etaMs: null }) });
    expect(writes.at(-1)).toMatch(/ETA --:-- \(paused\)$/);
  });
});
