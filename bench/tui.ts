/**
 * TUI benchmark: the findings explorer over a stored audit with 10,000 failing findings (the
 * synthetic province of bench:reports, built through the Store API), opened and scrolled. Each
 * key press is timed from the keystroke to the frame Ink writes (React, layout and output
 * together), and the figures are compared with the 50 ms a frame may take. Not a test.
 *
 *   npm run build && npm run bench:tui [-- --db FILE] [--failures N] [--hosts N] [--seed N]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/core/clock.js';
import { storeTuiData } from '../src/cli/tui-data.js';
import { Store } from '../src/store/store.js';
import { loadHistory, type AuditSpec } from './lib/report-history.js';

const FRAME_TARGET_MS = 50;
// What users run: React's production build (as the CLI loads it), unless told otherwise.
process.env.NODE_ENV ??= 'production';
const { render } = await import('ink-testing-library');
const { createElement } = await import('react');
const { Tui } = await import('../src/tui/Tui.js');
const KEY = { down: '\x1b[B', up: '\x1b[A', pageDown: '\x1b[6~', pageUp: '\x1b[5~' };

interface Stats {
  label: string;
  n: number;
  median: number;
  p95: number;
  max: number;
}

function stats(label: string, samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { label, n: samples.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, failures: { type: 'string', default: '10000' }, hosts: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log('usage: node dist/bench/tui.js [--db FILE] [--failures 10000] [--hosts 1000] [--seed 1]');
    return 0;
  }
  const spec: AuditSpec = { seed: Number(values.seed), hosts: Number(values.hosts), failures: Number(values.failures), earlier: 1 };
  const tmp = await mkdtemp(join(tmpdir(), 'rasoat-bench-tui-'));
  try {
    const db = values.db ? resolve(values.db) : join(tmp, 'history.db');
    let history = existsSync(db) ? await loadHistory(db, spec) : null;
    if (!history) {
      if (existsSync(db)) throw new Error(`${db} does not hold this bench's audits: remove it or choose another --db`);
      console.log(`building the synthetic history (${spec.hosts} hosts, ${spec.failures} failing findings, seed ${spec.seed}) in ${db} ...`);
      const { buildHistory } = await import('./lib/report-audit.js');
      history = await buildHistory(db, spec);
    } else console.log(`reusing ${db}`);
    console.log(`audit #${history.current.id}: ${history.current.hosts} hosts, ${history.current.failures} failing findings`);
    const results: Stats[] = [];
    for (const [width, height] of [
      [80, 24],
      [200, 50],
    ] as const) {
      results.push(...(await measure(db, history.current.id, history.current.failures, width, height)));
    }
    console.log('');
    console.log(`| terminal / action | presses | median ms | p95 ms | max ms | under ${FRAME_TARGET_MS} ms |`);
    console.log('|---|---:|---:|---:|---:|---|');
    for (const s of results) {
      const ok = s.label.includes('open explorer') ? '(load, not a frame)' : s.max < FRAME_TARGET_MS ? 'yes' : s.p95 < FRAME_TARGET_MS ? 'p95 yes, max no' : 'NO';
      console.log(`| ${s.label} | ${s.n} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${ok} |`);
    }
    return 0;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function measure(db: string, auditId: number, failures: number, width: number, height: number): Promise<Stats[]> {
  const store = await Store.open(db, { readonly: true });
  const size = `${width}x${height}`;
  try {
    const data = storeTuiData(store, 'bench', systemClock);
    const started = performance.now();
    const app = render(createElement(Tui, { data, lang: 'en', color: false, width, height, auditId }));
    const opened = `of ${failures}`;
    while (!(app.lastFrame() ?? '').includes(opened)) await new Promise((r) => setTimeout(r, 1));
    const openMs = performance.now() - started;
    const frames = (app.stdout as unknown as { frames: string[] }).frames;

    const press = async (key: string): Promise<number> => {
      const before = frames.length;
      const t0 = performance.now();
      app.stdin.write(key);
      while (frames.length === before) {
        if (performance.now() - t0 > 5000) throw new Error(`no frame after key ${JSON.stringify(key)}`);
        await new Promise((r) => setImmediate(r));
      }
      return performance.now() - t0;
    };
    const run = async (label: string, keys: string[]): Promise<Stats> => {
      const samples: number[] = [];
      for (const key of keys) samples.push(await press(key));
      return stats(`${size} ${label}`, samples);
    };
    // Warm up (JIT), not counted.
    for (let i = 0; i < 20; i++) await press(i % 2 ? KEY.up : KEY.down);
    const out = [
      stats(`${size} open explorer (SQLite read + first frame)`, [openMs]),
      await run('scroll one row (↓/↑)', [...Array(300).fill(KEY.down), ...Array(100).fill(KEY.up)]),
      await run('scroll a page (PgDn/PgUp)', [...Array(60).fill(KEY.pageDown), ...Array(20).fill(KEY.pageUp)]),
      await run('jump to end/start (G/g)', Array.from({ length: 20 }, (_, i) => (i % 2 ? 'g' : 'G'))),
      await run('re-sort 10,000 rows (o)', Array(10).fill('o')),
      await run('filter by severity (s)', Array(10).fill('s')),
      await run('open/close detail (⏎/Esc)', Array.from({ length: 20 }, (_, i) => (i % 2 ? '\x7f' : '\r'))),
    ];
    app.unmount();
    return out;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
