import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { machineBusySeconds, ownCpuSeconds } from './cpu.js';
import { runMeasured, type Measured, type RssMethod } from './measure.js';
import type { BuiltHistory } from './report-history.js';
import { RASOAT_BIN } from './tools.js';

/** The targets: HTML under 5 s, JSON and CSV under 2 s, every report under 500 MB. */
export const HTML_TARGET_S = 5;
export const DATA_TARGET_S = 2;
export const RSS_TARGET_MB = 500;

/** html: HTML documents; data: JSON and CSV; other: formats without a time target; pdf: reported apart. */
export type Family = 'html' | 'data' | 'other' | 'pdf' | 'baseline';

export interface CaseContext {
  repoRoot: string;
  tmpDir: string;
  db: string;
  lang: string;
  history: BuiltHistory;
  rssMethod: RssMethod;
  run: number;
  /** Extra flags for node itself (--cpu-prof ...). */
  nodeFlags?: string[];
}

export interface ReportCase {
  id: string;
  label: string;
  family: Family;
  /** Wall-time target in seconds; null when the issue sets none. */
  targetS: number | null;
  /** The command line, with <db>, <out>, <current> and <earlier> for what changes per run. */
  display: string;
  /** Extension of the file written; null for commands that write none. */
  ext: string | null;
  args(ctx: CaseContext, out: string): string[];
  /** Checks the first run's output; returns what is wrong, or null. */
  check?(text: string, history: BuiltHistory): string | null;
}

export interface Sample {
  id: string;
  run: number;
  wallMs: number;
  peakRssKb: number | null;
  cpuS: number | null;
  /** CPU seconds other processes used during the run (a busy machine inflates wall times). */
  foreignCpuS: number | null;
  exitCode: number | null;
  outputBytes: number | null;
  build?: string;
  error?: string;
  /** Outcome of the output check (first run only). */
  check?: string;
}

/** A `rasoat report` case; `flags` gets the id of the audit to compare with. */
function report(id: string, label: string, family: Family, targetS: number | null, ext: string, flags: (earlier: string) => string[], check?: ReportCase['check']): ReportCase {
  return {
    id,
    label,
    family,
    targetS,
    ext,
    display: ['node', RASOAT_BIN, 'report', '<current>', ...flags('<earlier>'), '--db', '<db>', '--out', `<out>.${ext}`, '--lang', '<lang>', '-q'].join(' '),
    args: (ctx, out) => [RASOAT_BIN, 'report', String(ctx.history.current.id), ...flags(String(ctx.history.earlier.id)), '--db', ctx.db, '--out', out, '--lang', ctx.lang, '-q'],
    ...(check ? { check } : {}),
  };
}

export function reportCases(): ReportCase[] {
  return [
    report('json', 'json', 'data', DATA_TARGET_S, 'json', () => ['--format', 'json'], checkJson),
    report('csv', 'csv', 'data', DATA_TARGET_S, 'csv', () => ['--format', 'csv'], checkCsv),
    report('html', 'html (trend)', 'html', HTML_TARGET_S, 'html', () => ['--format', 'html'], checkHtml),
    report('sarif', 'sarif', 'other', null, 'sarif', () => ['--format', 'sarif'], checkSarif),
    report('md', 'md', 'other', null, 'md', () => ['--format', 'md'], (text) => (text.startsWith('# ') ? null : 'not a Markdown report')),
    report('compare-html', 'html --compare', 'html', HTML_TARGET_S, 'html', (earlier) => ['--format', 'html', '--compare', earlier], checkHtml),
    report('tcvn-html', 'tcvn14423-2026 html', 'html', HTML_TARGET_S, 'html', () => ['--framework', 'tcvn14423-2026', '--format', 'html'], checkHtml),
    report('tcvn-json', 'tcvn14423-2026 json', 'data', DATA_TARGET_S, 'json', () => ['--framework', 'tcvn14423-2026', '--format', 'json'], checkCompliance),
    report('iso-html', 'iso27001-2022 html', 'html', HTML_TARGET_S, 'html', () => ['--framework', 'iso27001-2022', '--format', 'html'], checkHtml),
    report('iso-json', 'iso27001-2022 json', 'data', DATA_TARGET_S, 'json', () => ['--framework', 'iso27001-2022', '--format', 'json'], checkCompliance),
    report('pdf', 'pdf (Chromium)', 'pdf', null, 'pdf', () => ['--format', 'pdf'], (text) => (text.startsWith('%PDF-') ? null : 'not a PDF')),
    {
      id: 'node-startup',
      label: 'node --version',
      family: 'baseline',
      targetS: null,
      ext: null,
      display: 'node --version',
      args: () => ['--version'],
    },
    {
      id: 'rasoat-startup',
      label: 'rasoat --version',
      family: 'baseline',
      targetS: null,
      ext: null,
      display: `node ${RASOAT_BIN} --version`,
      args: () => [RASOAT_BIN, '--version'],
    },
  ];
}

/** Runs one case once: the whole CLI process, timed from spawn to exit, with its peak RSS. */
export async function runCase(item: ReportCase, ctx: CaseContext): Promise<Sample> {
  const out = join(ctx.tmpDir, `${item.id}-${ctx.run}.${item.ext ?? 'out'}`);
  const args = [...(ctx.nodeFlags ?? []), ...item.args(ctx, out)];
  const before = { machine: machineBusySeconds(), own: ownCpuSeconds() };
  const measured: Measured = await runMeasured(ctx.rssMethod, process.execPath, args, ctx.repoRoot, join(ctx.tmpDir, `${item.id}-${ctx.run}.rss`));
  const foreignCpuS = measured.cpuS === null ? null : Math.max(0, machineBusySeconds() - before.machine - measured.cpuS - (ownCpuSeconds() - before.own));
  const sample: Sample = {
    id: item.id,
    run: ctx.run,
    wallMs: measured.wallMs,
    peakRssKb: measured.peakRssKb,
    cpuS: measured.cpuS,
    foreignCpuS,
    exitCode: measured.exitCode,
    outputBytes: null,
  };
  if (measured.exitCode !== 0) sample.error = `exit code ${measured.exitCode}: ${measured.stderr.trim().slice(0, 2000)}`;
  if (item.ext === null) return sample;
  sample.outputBytes = (await stat(out).catch(() => null))?.size ?? null;
  if (sample.outputBytes === null && !sample.error) sample.error = 'no output file written';
  if (ctx.run === 1 && item.check && sample.outputBytes !== null) {
    const text = item.ext === 'pdf' ? (await readFile(out)).subarray(0, 8).toString('latin1') : await readFile(out, 'utf8');
    sample.check = item.check(text, ctx.history) ?? 'ok';
  }
  return sample;
}

function checkJson(text: string, history: BuiltHistory): string | null {
  // Schema 2: failures in full under findings, every other verdict bare under verdicts.
  const document = JSON.parse(text) as { findings: Array<{ outcome: string }>; verdicts: unknown[]; observations: unknown[]; targets: unknown[] };
  const failures = document.findings.filter((f) => f.outcome === 'fail').length;
  const verdicts = document.findings.length + document.verdicts.length;
  const { current } = history;
  if (failures !== current.failures || verdicts !== current.findings) return `verdicts ${verdicts} (${failures} failing), stored ${current.findings} (${current.failures})`;
  if (document.observations.length !== current.observations) return `observations ${document.observations.length}, stored ${current.observations}`;
  if (document.targets.length !== current.hosts) return `targets ${document.targets.length}, stored ${current.hosts}`;
  return null;
}

function checkCsv(text: string, history: BuiltHistory): string | null {
  if (!text.startsWith('\uFEFF')) return 'no byte order mark';
  // Cells may hold line breaks inside quotes; rows end with CRLF and no cell holds one.
  const rows = text.split('\r\n').length - 2;
  return rows === history.current.failures ? null : `${rows} rows, ${history.current.failures} failing findings stored`;
}

function checkHtml(text: string): string | null {
  return text.startsWith('<!doctype html>') && text.trimEnd().endsWith('</html>') ? null : 'not a complete HTML document';
}

function checkSarif(text: string, history: BuiltHistory): string | null {
  const document = JSON.parse(text) as { runs: Array<{ results: unknown[] }> };
  const results = document.runs[0]?.results.length ?? 0;
  return results === history.current.failures ? null : `${results} results, ${history.current.failures} failing findings stored`;
}

function checkCompliance(text: string): string | null {
  const document = JSON.parse(text) as { kind?: string; sections?: unknown[] };
  return document.kind === 'compliance' && Array.isArray(document.sections) && document.sections.length > 0 ? null : 'not a compliance report';
}
