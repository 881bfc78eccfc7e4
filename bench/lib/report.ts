import { diffSets, isEmptyDiff, sameNumbers, type SetDiff } from './port-sets.js';
import type { Role, Sample, Tool } from './tools.js';

const SHOWN_DIFF_ENTRIES = 20;
export const RATIO_TARGET = 1.5;
export const RATIO_GOAL = 1.0;
export const RSS_TARGET_MB = 200;

export interface RunDiff extends SetDiff {
  run: number;
}

export interface ToolSummary {
  id: string;
  label: string;
  role: Role;
  command: string;
  runs: number;
  medianS: number;
  minS: number;
  maxS: number;
  /** Highest peak RSS over the runs. */
  peakRssMb: number | null;
  medianCpuS: number | null;
  /** Most CPU time other processes took during one of the runs. */
  maxForeignCpuS: number | null;
  openFound: number[];
  hostsUp: number[];
  filtered: number[];
  /** rasoat only: median of the scan time the audit itself records. */
  innerMedianS: number | null;
  errors: string[];
  /** Runs whose open ports differ from the fleet's. */
  diffs: RunDiff[];
  /** Null for the baseline, which scans nothing. */
  correct: boolean | null;
}

export function summarise(tool: Tool, samples: Sample[], expected: ReadonlySet<string>): ToolSummary {
  const walls = samples.map((s) => s.wallMs / 1000);
  const inner = samples.flatMap((s) => (s.result?.innerMs != null ? [s.result.innerMs / 1000] : []));
  const rss = samples.flatMap((s) => (s.peakRssKb !== null ? [s.peakRssKb / 1024] : []));
  const cpu = samples.flatMap((s) => (s.cpuS !== null ? [s.cpuS] : []));
  const foreign = samples.flatMap((s) => (s.foreignCpuS !== null ? [s.foreignCpuS] : []));
  const scans = tool.role !== 'baseline';
  const diffs = scans ? samples.map((s) => runDiff(s, expected)).filter((d) => !isEmptyDiff(d)) : [];
  const errors = samples.flatMap((s) => (s.error ? [`run ${s.run}: ${s.error}`] : []));
  return {
    id: tool.id,
    label: tool.label,
    role: tool.role,
    command: tool.display,
    runs: samples.length,
    medianS: median(walls),
    minS: Math.min(...walls),
    maxS: Math.max(...walls),
    peakRssMb: rss.length ? Math.max(...rss) : null,
    medianCpuS: cpu.length ? median(cpu) : null,
    maxForeignCpuS: foreign.length ? Math.max(...foreign) : null,
    openFound: samples.map((s) => s.result?.open.size ?? 0),
    hostsUp: samples.map((s) => s.result?.hostsUp ?? 0),
    filtered: samples.map((s) => s.result?.filtered ?? 0),
    innerMedianS: inner.length ? median(inner) : null,
    errors,
    diffs,
    correct: scans ? diffs.length === 0 && errors.length === 0 : null,
  };
}

function runDiff(sample: Sample, expected: ReadonlySet<string>): RunDiff {
  return { run: sample.run, ...diffSets(expected, sample.result?.open ?? new Set()) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(summaries: ToolSummary[], expectedCount: number): void {
  const header = [
    'tool', 'runs', 'median s', 'min s', 'max s', 'in-proc s', 'CPU s', 'other CPU s', 'peak RSS MB', 'open found', 'hosts up',
    'filtered', 'correct',
  ];
  const rows = summaries.map((s) => [
    s.label,
    String(s.runs),
    s.medianS.toFixed(2),
    s.minS.toFixed(2),
    s.maxS.toFixed(2),
    s.innerMedianS === null ? '-' : s.innerMedianS.toFixed(2),
    s.medianCpuS === null ? '?' : s.medianCpuS.toFixed(2),
    s.maxForeignCpuS === null ? '?' : s.maxForeignCpuS.toFixed(2),
    s.peakRssMb === null ? '?' : s.peakRssMb.toFixed(1),
    s.correct === null ? '-' : spread(s.openFound),
    s.correct === null ? '-' : spread(s.hostsUp),
    s.correct === null ? '-' : spread(s.filtered),
    s.correct === null ? '-' : s.correct ? 'yes' : `NO (${s.diffs.length}/${s.runs} runs differ)`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\nExpected open ports (fleet): ${expectedCount}`);
  console.log('(times are medians except min/max; in-proc: scan time rasoat records in the audit; other CPU: worst run)');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** "1016" when every run agrees, else "1010..1016". */
function spread(values: number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? String(min) : `${min}..${max}`;
}

export function printDifferences(summaries: ToolSummary[]): void {
  for (const s of summaries) {
    for (const error of s.errors) console.log(`! ${s.label}: ${error}`);
    for (const diff of s.diffs) printDiff(`${s.label}, run ${diff.run}, against the fleet`, diff);
  }
}

export function printDiff(title: string, diff: SetDiff): void {
  console.log(`! ${title}:`);
  for (const [name, keys] of [['missing', diff.missing], ['extra', diff.extra]] as const) {
    if (keys.length === 0) continue;
    const more = keys.length > SHOWN_DIFF_ENTRIES ? ` ... and ${keys.length - SHOWN_DIFF_ENTRIES} more` : '';
    console.log(`    ${name} (${keys.length}): ${keys.slice(0, SHOWN_DIFF_ENTRIES).join(' ')}${more}`);
  }
}

export interface Ratio {
  against: string;
  ratio: number;
  meetsTarget: boolean;
  meetsGoal: boolean;
}

export function ratioAgainst(headline: ToolSummary, reference: ToolSummary): Ratio {
  const ratio = headline.medianS / reference.medianS;
  return { against: reference.label, ratio, meetsTarget: ratio <= RATIO_TARGET, meetsGoal: ratio < RATIO_GOAL };
}

export function printVerdicts(headline: ToolSummary, ratios: Ratio[]): void {
  console.log('');
  for (const r of ratios) {
    const verdict = r.meetsGoal ? 'meets goal < 1.0' : r.meetsTarget ? 'meets target <= 1.5, not goal < 1.0' : 'MISSES target <= 1.5';
    console.log(`rasoat / ${r.against} wall time (median): ${r.ratio.toFixed(2)}  (${verdict})`);
  }
  const rss = headline.peakRssMb;
  if (rss !== null) {
    console.log(`rasoat peak RSS: ${rss.toFixed(1)} MB  (${rss < RSS_TARGET_MB ? 'meets' : 'MISSES'} target < ${RSS_TARGET_MB} MB)`);
  }
}

/** Whether both tools probed the same ports, and every fleet port was among them. */
export function probedPortsCheck(
  rasoat: Sample | undefined,
  nmap: Sample | undefined,
  fleetPorts: ReadonlySet<number>,
): string[] {
  const notes: string[] = [];
  const r = rasoat?.result?.probed;
  const n = nmap?.result?.probed;
  if (!r || !n) return ['probed port lists: not reported by both tools'];
  notes.push(`probed ports per host: rasoat ${r.size}, nmap ${n.size}, ${sameNumbers(r, n) ? 'identical lists' : 'LISTS DIFFER'}`);
  if (!sameNumbers(r, n)) {
    notes.push(`  only rasoat: ${[...r].filter((p) => !n.has(p)).join(',') || '-'}; only nmap: ${[...n].filter((p) => !r.has(p)).join(',') || '-'}`);
  }
  const unprobed = [...fleetPorts].filter((p) => !r.has(p) || !n.has(p));
  if (unprobed.length) notes.push(`  fleet ports outside a probed list: ${unprobed.join(',')}`);
  return notes;
}
