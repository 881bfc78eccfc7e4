/**
 * Report benchmark: `rasoat report` in every format on a synthetic audit of 1,000 hosts with
 * 10,000 failing findings, timed as whole CLI processes, with peak memory. See bench/README.md.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../src/cli/pdf.js';
import { buildId } from './lib/build-id.js';
import { waitForQuietMachine } from './lib/cpu.js';
import { parseReportOptions, REPORT_USAGE, type ReportBenchOptions } from './lib/report-args.js';
import { loadHistory, type BuiltHistory } from './lib/report-history.js';
import { DATA_TARGET_S, HTML_TARGET_S, reportCases, RSS_TARGET_MB, runCase, type CaseContext, type ReportCase, type Sample } from './lib/report-cases.js';
import { printHotSpots, profileCase, type HotSpot, type Phase } from './lib/report-profile.js';
import { formatBytes, machineWasBusy, markdownTable, printCaseTable, summariseCase, type CaseSummary } from './lib/report-summary.js';
import type { RssMethod } from './lib/measure.js';
import { ensureRssMethod } from './lib/system.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const PAUSE_BETWEEN_RUNS_MS = 300;

async function main(): Promise<number> {
  const options = parseReportOptions(process.argv.slice(2));
  if (!options) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const unknown = options.only.filter((id) => !reportCases().some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`--only: no case ${unknown.join(', ')} (see --help)`);
  const rssMethod = ensureRssMethod();
  const chromium = findChromium(process.env);
  const reference = cpuReferenceMs();
  console.log(`node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); ${Math.round(totalmem() / 2 ** 30)} GB; peak RSS via ${rssMethod}; Chromium: ${chromium ?? 'none'}`);
  console.log(`CPU reference: ${reference.toFixed(0)} ms for a fixed JavaScript loop (lower is faster; to compare machines)`);
  // Every report the same way on every machine: fixed zone, no user config, no colour.
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  process.env.NO_COLOR = '1';

  const tmpDir = await mkdtemp(join(tmpdir(), 'rasoat-bench-reports-'));
  process.env.RASOAT_CONFIG = join(tmpDir, 'no-config.yaml');
  const onSignal = () => {
    if (!options.keepTemp) rmSync(tmpDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const db = options.db ? resolve(options.db) : join(tmpDir, 'history.db');
    const history = await prepareHistory(db, options);
    const cases = reportCases().filter((c) => (options.only.length === 0 || options.only.includes(c.id)) && (c.id !== 'pdf' || (options.pdf && chromium !== null)));
    if (cases.length === 0) throw new Error('no case to run (was pdf the only one, without Chromium?)');
    if (options.pdf && !chromium && (options.only.length === 0 || options.only.includes('pdf'))) console.log('PDF: skipped, no Chromium found (set RASOAT_CHROMIUM or install chromium)');
    console.log('commands:');
    for (const c of cases) console.log(`  [${c.id}] ${c.display}`);

    const context: Omit<CaseContext, 'run'> = { repoRoot: REPO_ROOT, tmpDir, db, lang: options.lang, history, rssMethod };
    const samples = await runRounds(cases, options, context);
    const summaries = cases.map((c) => summariseCase(c, samples.filter((s) => s.id === c.id)));
    const profiles = options.cpuProf ? await profileAll(cases, context) : [];
    return await finish(options, history, summaries, samples, profiles, { rssMethod, chromium, db, cpuReferenceMs: reference });
  } finally {
    if (options.keepTemp) console.log(`temporary files kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}

async function prepareHistory(db: string, options: ReportBenchOptions): Promise<BuiltHistory> {
  const spec = { seed: options.seed, hosts: options.hosts, failures: options.failures, earlier: options.earlier };
  let history: BuiltHistory | null = null;
  if (existsSync(db)) {
    history = await loadHistory(db, spec);
    if (!history) throw new Error(`${db} exists but does not hold this bench's audits (seed ${spec.seed}, ${spec.hosts} hosts, ${spec.failures} failures, ${spec.earlier} earlier): remove it or choose another --db`);
    console.log(`reusing ${db}`);
  } else {
    console.log(`building the synthetic history (${spec.hosts} hosts, ${spec.failures} failing findings, ${spec.earlier} earlier audit(s), seed ${spec.seed}) in ${db} ...`);
    // Imported here: building needs the scanners and rules, reusing a database does not.
    const { buildHistory } = await import('./lib/report-audit.js');
    history = await buildHistory(db, spec);
  }
  const { current, earlier } = history;
  const severities = Object.entries(current.bySeverity).map(([s, n]) => `${s} ${n}`).join(', ');
  const outcomes = Object.entries(current.byOutcome).map(([o, n]) => `${o} ${n}`).join(', ');
  console.log(`audit #${current.id} (reported on): ${current.hosts} hosts, ${current.observations} observations, ${current.findings} verdicts (${outcomes}); failing by severity: ${severities}`);
  for (const a of history.older) console.log(`audit #${a.id} (earlier${a === earlier ? ', for --compare' : ''}; a trend point): ${a.hosts} hosts, ${a.observations} observations, ${a.findings} verdicts, ${a.failures} failing`);
  console.log(`${history.rules} rules (rules version ${history.rulesVersion}); database ${formatBytes(statSync(db).size)}${history.buildMs ? `, built in ${(history.buildMs / 1000).toFixed(1)} s` : ''}`);
  if (current.failures !== options.failures) console.warn(`warning: the audit has ${current.failures} failing findings, not ${options.failures}: calibration could not reach the number (have the port rules changed?)`);
  return history;
}

/** Every case once per round, the order reversed every other round so none always runs first. */
async function runRounds(cases: ReportCase[], options: ReportBenchOptions, context: Omit<CaseContext, 'run'>): Promise<Sample[]> {
  const samples: Sample[] = [];
  const firstBuild = buildId(REPO_ROOT);
  for (let run = 1; run <= options.runs; run++) {
    const order = run % 2 === 1 ? cases : [...cases].reverse();
    for (const item of order) {
      await settle(options.quietWait);
      const build = buildId(REPO_ROOT);
      if (build !== firstBuild) console.warn(`warning: dist/src changed since the bench started (build ${firstBuild} -> ${build})`);
      const sample = { ...(await runCase(item, { ...context, run })), build };
      console.log(`run ${run}/${options.runs} ${item.label}: ${describe(sample, item)}`);
      samples.push(sample);
    }
  }
  return samples;
}

function describe(sample: Sample, item: ReportCase): string {
  const parts = [`${(sample.wallMs / 1000).toFixed(2)} s`];
  if (sample.cpuS !== null) parts.push(`CPU ${sample.cpuS.toFixed(2)} s`);
  if (sample.peakRssKb !== null) parts.push(`${(sample.peakRssKb / 1024).toFixed(1)} MB`);
  if (sample.outputBytes !== null) parts.push(formatBytes(sample.outputBytes));
  if (sample.check) parts.push(`check ${sample.check}`);
  if (item.family === 'pdf') parts.push(`Chromium's helper processes, not counted in CPU: about ${sample.foreignCpuS?.toFixed(1) ?? '?'} CPU s`);
  else if (machineWasBusy(sample)) parts.push(`BUSY: other processes used ${sample.foreignCpuS!.toFixed(1)} CPU s`);
  if (sample.error) parts.push(`ERROR ${sample.error.split('\n')[0]}`);
  return parts.join(', ');
}

async function profileAll(cases: ReportCase[], context: Omit<CaseContext, 'run'>): Promise<Array<{ id: string; file: string; totalMs: number; phases: Phase[]; hot: HotSpot[] }>> {
  const out = [];
  for (const item of cases.filter((c) => c.family !== 'baseline' && c.family !== 'pdf')) {
    try {
      const profile = await profileCase(item, { ...context, run: 0 }, REPO_ROOT);
      printHotSpots(item.label, profile.totalMs, profile.phases, profile.hot);
      out.push({ id: item.id, ...profile });
    } catch (error) {
      console.log(`\n${item.label}: no profile (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return out;
}

async function finish(
  options: ReportBenchOptions,
  history: BuiltHistory,
  summaries: CaseSummary[],
  samples: Sample[],
  profiles: unknown[],
  environment: Environment,
): Promise<number> {
  printCaseTable(summaries);
  console.log('');
  const held = summaries.filter((s) => s.family !== 'pdf' && s.family !== 'baseline');
  const worst = (family: CaseSummary['family']) => held.filter((s) => s.family === family).sort((a, b) => b.medianS - a.medianS)[0];
  for (const [family, target, name] of [['html', HTML_TARGET_S, 'HTML'], ['data', DATA_TARGET_S, 'JSON/CSV']] as const) {
    const slowest = worst(family);
    if (slowest) console.log(`${name}: slowest ${slowest.label} ${slowest.medianS.toFixed(2)} s  (${slowest.medianS < target ? 'meets' : 'MISSES'} target < ${target} s)`);
  }
  const rss = held.filter((s) => s.peakRssMb !== null).sort((a, b) => b.peakRssMb! - a.peakRssMb!)[0];
  if (rss) console.log(`peak RSS: highest ${rss.label} ${rss.peakRssMb!.toFixed(1)} MB  (${rss.peakRssMb! < RSS_TARGET_MB ? 'meets' : 'MISSES'} target < ${RSS_TARGET_MB} MB)`);
  const pdf = summaries.find((s) => s.family === 'pdf');
  if (pdf) console.log(`PDF (apart, no target: Chromium prints the HTML): ${pdf.medianS.toFixed(2)} s, peak RSS ${pdf.peakRssMb?.toFixed(1) ?? '?'} MB (largest process of the tree), ${formatBytes(pdf.outputBytes)}`);
  const startup = summaries.find((s) => s.id === 'rasoat-startup');
  if (startup) console.log(`start-up included in every figure: rasoat --version ${startup.medianS.toFixed(2)} s (node --version ${summaries.find((s) => s.id === 'node-startup')?.medianS.toFixed(2) ?? '?'} s)`);

  for (const s of summaries) for (const error of s.errors) console.log(`! ${s.label}: ${error}`);
  // Chromium's helper processes escape the PDF case's own CPU time: they are not other work.
  const pdfCase = new Set(summaries.filter((s) => s.family === 'pdf').map((s) => s.id));
  const busy = samples.filter((s) => !pdfCase.has(s.id) && machineWasBusy(s));
  if (busy.length) console.log(`\nwarning: the machine was busy with other work during ${busy.length} of ${samples.length} runs (see "other CPU s"): their wall times are inflated`);
  const builds = [...new Set(samples.map((s) => s.build))];
  if (builds.length > 1) console.log(`warning: rasoat was rebuilt during the bench; builds measured: ${builds.join(', ')}`);

  const missed = held.filter((s) => s.timeVerdict === 'MISSES' || s.timeVerdict === 'ERROR' || s.rssVerdict === 'MISSES' || s.rssVerdict === 'ERROR');
  console.log(`\n${markdownTable(summaries)}\n`);
  console.log(missed.length === 0 ? 'every target met' : `targets MISSED by: ${missed.map((s) => s.label).join(', ')}`);
  const file = await writeResults(options, history, summaries, samples, profiles, environment);
  console.log(`results written to ${file}`);
  return missed.length === 0 ? 0 : 1;
}

async function writeResults(
  options: ReportBenchOptions,
  history: BuiltHistory,
  summaries: CaseSummary[],
  samples: Sample[],
  profiles: unknown[],
  environment: Environment,
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `reports-${stamp}.json`);
  const result = {
    date: new Date().toISOString(),
    environment: { ...environment, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), kernel: release(), build: buildId(REPO_ROOT) },
    options,
    targets: { htmlS: HTML_TARGET_S, jsonCsvS: DATA_TARGET_S, rssMb: RSS_TARGET_MB },
    dataset: history,
    summaries,
    samples,
    profiles,
  };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

interface Environment {
  rssMethod: RssMethod;
  chromium: string | null;
  db: string;
  cpuReferenceMs: number;
}

/** The best of three runs of a fixed loop: how fast this machine runs plain JavaScript. */
function cpuReferenceMs(): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    let x = 0;
    for (let i = 0; i < 50_000_000; i++) x = (x + i * 7) % 1_000_003;
    best = Math.min(best, performance.now() - started + (x < 0 ? 1 : 0));
  }
  return best;
}

/** A short pause between runs, then (unless disabled) a wait for other work on the machine to end. */
async function settle(quietWaitS: number): Promise<void> {
  await new Promise((done) => setTimeout(done, PAUSE_BETWEEN_RUNS_MS));
  if (quietWaitS > 0 && !(await waitForQuietMachine(quietWaitS * 1000))) {
    console.warn(`warning: the machine is still busy with other work after ${quietWaitS} s; running anyway`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
