import { cpus } from 'node:os';
import { RSS_TARGET_MB, type ReportCase, type Sample } from './report-cases.js';

export type Verdict = 'meets' | 'MISSES' | 'ERROR' | '-';

export interface CaseSummary {
  id: string;
  label: string;
  family: ReportCase['family'];
  command: string;
  runs: number;
  medianS: number;
  minS: number;
  maxS: number;
  medianCpuS: number | null;
  maxForeignCpuS: number | null;
  /** Highest peak RSS over the runs. */
  peakRssMb: number | null;
  outputBytes: number | null;
  targetS: number | null;
  timeVerdict: Verdict;
  rssVerdict: Verdict;
  check: string | null;
  errors: string[];
}

export function summariseCase(item: ReportCase, samples: Sample[]): CaseSummary {
  const walls = samples.map((s) => s.wallMs / 1000);
  const cpu = samples.flatMap((s) => (s.cpuS === null ? [] : [s.cpuS]));
  const foreign = samples.flatMap((s) => (s.foreignCpuS === null ? [] : [s.foreignCpuS]));
  const rss = samples.flatMap((s) => (s.peakRssKb === null ? [] : [s.peakRssKb / 1024]));
  const errors = samples.flatMap((s) => (s.error ? [`run ${s.run}: ${s.error}`] : []));
  const check = samples.find((s) => s.check !== undefined)?.check ?? null;
  if (check !== null && check !== 'ok') errors.push(`output check: ${check}`);
  const medianS = median(walls);
  const peakRssMb = rss.length ? Math.max(...rss) : null;
  const held = item.family !== 'pdf' && item.family !== 'baseline';
  const failed = errors.length > 0;
  return {
    id: item.id,
    label: item.label,
    family: item.family,
    command: item.display,
    runs: samples.length,
    medianS,
    minS: Math.min(...walls),
    maxS: Math.max(...walls),
    medianCpuS: cpu.length ? median(cpu) : null,
    maxForeignCpuS: foreign.length ? Math.max(...foreign) : null,
    peakRssMb,
    outputBytes: samples.find((s) => s.outputBytes !== null)?.outputBytes ?? null,
    targetS: item.targetS,
    timeVerdict: failed && held ? 'ERROR' : item.targetS === null ? '-' : medianS < item.targetS ? 'meets' : 'MISSES',
    rssVerdict: failed && held ? 'ERROR' : !held || peakRssMb === null ? '-' : peakRssMb < RSS_TARGET_MB ? 'meets' : 'MISSES',
    check,
    errors,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Other processes took more than 5% of the machine's CPU capacity during the run. */
export function machineWasBusy(sample: Sample): boolean {
  return (sample.foreignCpuS ?? 0) > 0.5 + 0.05 * (sample.wallMs / 1000) * cpus().length;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function printCaseTable(summaries: CaseSummary[]): void {
  const header = ['case', 'runs', 'median s', 'min s', 'max s', 'CPU s', 'other CPU s', 'peak RSS MB', 'output', 'time target', 'time', 'RSS < 500 MB'];
  const rows = summaries.map((s) => [
    s.label,
    String(s.runs),
    s.medianS.toFixed(2),
    s.minS.toFixed(2),
    s.maxS.toFixed(2),
    s.medianCpuS === null ? '?' : s.medianCpuS.toFixed(2),
    s.maxForeignCpuS === null ? '?' : s.maxForeignCpuS.toFixed(2),
    s.peakRssMb === null ? '?' : s.peakRssMb.toFixed(1),
    formatBytes(s.outputBytes),
    s.targetS === null ? (s.family === 'pdf' ? 'none (apart)' : '-') : `< ${s.targetS} s`,
    s.timeVerdict,
    s.rssVerdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('\n(times: wall clock of the whole CLI process, median of the runs; CPU: user+system; other CPU: worst run; RSS: highest peak)');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Markdown of the table, for the closing note of the issue. */
export function markdownTable(summaries: CaseSummary[]): string {
  const rows = summaries.map((s) => `| ${s.label} | ${s.medianS.toFixed(2)} | ${s.peakRssMb === null ? '?' : s.peakRssMb.toFixed(0)} | ${formatBytes(s.outputBytes)} | ${s.targetS === null ? '-' : `< ${s.targetS} s`} | ${s.timeVerdict} |`);
  return ['| report | median s | peak RSS MB | output | target | verdict |', '|---|---:|---:|---:|---|---|', ...rows].join('\n');
}
