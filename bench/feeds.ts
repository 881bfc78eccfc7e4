/**
 * Feeds benchmark: `rasoat feeds import` of each public sample feed (CISA KEV, retire.js,
 * endoflife.date products and release-data) and of a synthetic OSV dump of Debian advisories in
 * three forms, each into a fresh database, as whole CLI processes with their peak memory.
 * See bench/README.md.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildId } from './lib/build-id.js';
import { waitForQuietMachine } from './lib/cpu.js';
import { feedCases, FEEDS_USAGE, parseFeedsOptions, parseImportLines, type FeedCase } from './lib/feeds-cases.js';
import { writeSyntheticOsv } from './lib/feeds-data.js';
import { runMeasured, type RssMethod } from './lib/measure.js';
import { ensureRssMethod } from './lib/system.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const BIN = join(REPO_ROOT, 'dist', 'src', 'bin.js');

interface Sample {
  id: string;
  run: number;
  wallS: number;
  /** The import's own time as it prints it (reading, parsing, storing; not start-up). */
  importS: number | null;
  records: number;
  cpuS: number | null;
  peakRssMb: number | null;
  load1: number;
  error?: string;
}

async function main(): Promise<number> {
  const options = parseFeedsOptions(process.argv.slice(2), REPO_ROOT);
  if (!options) {
    console.log(FEEDS_USAGE);
    return 0;
  }
  const rssMethod = ensureRssMethod();
  console.log(`node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); ${Math.round(totalmem() / 2 ** 30)} GB; peak RSS via ${rssMethod}; build ${buildId(REPO_ROOT)}`);
  const tmp = await mkdtemp(join(tmpdir(), 'rasoat-bench-feeds-'));
  // The commands run as a user without config would run them: English, no colour, this bench's database only.
  Object.assign(process.env, { RASOAT_CONFIG: join(tmp, 'no-config.yaml'), NO_COLOR: '1', RASOAT_LANG: 'en' });
  delete process.env.RASOAT_DB;
  try {
    const started = performance.now();
    const osv = await writeSyntheticOsv(join(tmp, 'osv'), options.advisories);
    console.log(`synthetic OSV: ${osv.advisories} Debian advisories written as a JSON array, a directory and an all.zip in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const cases = feedCases(options.shared, osv);
    if (!cases.some((c) => c.id === 'kev')) console.log(`public samples not found under ${options.shared}: only the synthetic OSV cases run`);
    const samples: Sample[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const order = run % 2 === 1 ? cases : [...cases].reverse();
      for (const item of order) {
        if (options.quietWait > 0 && !(await waitForQuietMachine(options.quietWait * 1000))) console.log(`  (machine still busy after ${options.quietWait} s: load ${loadavg()[0]!.toFixed(1)})`);
        const sample = await runCase(item, run, tmp, rssMethod);
        samples.push(sample);
        console.log(`run ${run}/${options.runs} ${item.label}: ${describe(sample)}`);
      }
    }
    const rows = cases.map((c) => summarise(c, samples.filter((s) => s.id === c.id)));
    console.log(`\n${table(rows)}`);
    await mkdir(RESULTS_DIR, { recursive: true });
    const out = join(RESULTS_DIR, `feeds-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(out, JSON.stringify({ options, node: process.version, cpus: cpus().length, rssMethod, rows, samples }, null, 2));
    console.log(`results: ${out}`);
    const failed = samples.some((s) => s.error) || rows.some((r) => r.verdict === 'BELOW TARGET');
    return failed ? 1 : 0;
  } finally {
    if (options.keepTemp) console.log(`temporary files kept in ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

async function runCase(item: FeedCase, run: number, tmp: string, rssMethod: RssMethod): Promise<Sample> {
  const db = join(tmp, `${item.id}-${run}.db`);
  const args = item.paths.length === 0 ? [BIN, '--version'] : [BIN, '--db', db, 'feeds', 'import', ...item.paths];
  if (item.reimport) await runMeasured(rssMethod, process.execPath, args, REPO_ROOT, join(tmp, 'rss.txt'));
  const load1 = loadavg()[0]!;
  const measured = await runMeasured(rssMethod, process.execPath, args, REPO_ROOT, join(tmp, 'rss.txt'));
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${db}${suffix}`, { force: true })));
  const parsed = parseImportLines(measured.stdout);
  const sample: Sample = {
    id: item.id,
    run,
    wallS: measured.wallMs / 1000,
    importS: parsed.feeds > 0 ? parsed.seconds : null,
    records: parsed.records,
    cpuS: measured.cpuS,
    peakRssMb: measured.peakRssKb === null ? null : measured.peakRssKb / 1024,
    load1,
  };
  if (measured.exitCode !== 0) sample.error = `exit ${measured.exitCode}: ${measured.stderr.trim().split('\n')[0] ?? ''}`;
  return sample;
}

function describe(s: Sample): string {
  const parts = [`${s.wallS.toFixed(2)} s wall`];
  if (s.importS !== null) parts.push(`${s.records.toLocaleString('en-US')} records, import ${s.importS.toFixed(2)} s (${Math.round(s.records / s.importS).toLocaleString('en-US')}/s)`);
  if (s.cpuS !== null) parts.push(`CPU ${s.cpuS.toFixed(2)} s`);
  if (s.peakRssMb !== null) parts.push(`${s.peakRssMb.toFixed(0)} MB`);
  parts.push(`load ${s.load1.toFixed(1)}`);
  if (s.error) parts.push(`ERROR ${s.error}`);
  return parts.join(', ');
}

interface Row {
  label: string;
  records: number;
  importS: number | null;
  importPerS: number | null;
  wallS: number;
  wallPerS: number | null;
  cpuS: number | null;
  peakRssMb: number | null;
  verdict: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarise(item: FeedCase, samples: Sample[]): Row {
  const ok = samples.filter((s) => !s.error);
  const records = ok[0]?.records ?? 0;
  const imports = ok.map((s) => s.importS).filter((v): v is number => v !== null);
  const importS = imports.length > 0 ? median(imports) : null;
  const wallS = ok.length > 0 ? median(ok.map((s) => s.wallS)) : Number.NaN;
  const cpus = ok.map((s) => s.cpuS).filter((v): v is number => v !== null);
  const rss = ok.map((s) => s.peakRssMb).filter((v): v is number => v !== null);
  const importPerS = importS && records ? records / importS : null;
  let verdict = ok.length < samples.length ? 'ERROR' : '-';
  if (verdict === '-' && item.targetPerS !== undefined && importPerS !== null) verdict = importPerS >= item.targetPerS ? `ok (>= ${item.targetPerS.toLocaleString('en-US')}/s)` : 'BELOW TARGET';
  return { label: item.label, records, importS, importPerS, wallS, wallPerS: records ? records / wallS : null, cpuS: cpus.length ? median(cpus) : null, peakRssMb: rss.length ? Math.max(...rss) : null, verdict };
}

function table(rows: Row[]): string {
  const n = (v: number | null, digits = 0) => (v === null || Number.isNaN(v) ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const lines = rows.map((r) => `| ${r.label} | ${n(r.records)} | ${n(r.importS, 2)} | ${n(r.importPerS)} | ${n(r.wallS, 2)} | ${n(r.wallPerS)} | ${n(r.cpuS, 2)} | ${n(r.peakRssMb)} | ${r.verdict} |`);
  return ['| case | records | import s (median) | records/s (import) | wall s | records/s (wall) | CPU s | peak RSS MB | verdict |', '|---|---:|---:|---:|---:|---:|---:|---:|---|', ...lines].join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
