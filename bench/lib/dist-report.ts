/**
 * The distributed bench's figures: one row per variant (its median run), the queue's cost per job,
 * the central store's write rate, the chunk-size comparison and the consistency of every
 * distributed audit with the in-process one; printed as tables (and Markdown) and kept as JSON.
 */
import { cpus } from 'node:os';
import { DEFAULT_CHUNK_SIZE, type DistBenchOptions } from './dist-args.js';
import { differences, storedRows, type StoredAudit } from './dist-audit.js';
import type { AgentFigures, RedisDelta } from './dist-cluster.js';
import type { DistFleetPlan } from './dist-fleet.js';
import type { ServedStats } from './http-fleet.js';

export interface Variant {
  id: string;
  label: string;
  /** 0: in-process. */
  agents: number;
  chunkSize: number | null;
  /** main: the fleet audit; overhead: trivial jobs for the per-job queue cost. */
  kind: 'main' | 'overhead';
}

export interface Sample {
  variant: string;
  run: number;
  /** When the scan command was started (ms since the epoch), to place the agents' log lines. */
  startedAt: number;
  wallMs: number;
  /** The scan command: the whole audit in-process, the central side (split, judge, store) distributed. */
  scanCpuS: number | null;
  scanPeakRssKb: number | null;
  agents: AgentFigures[];
  agentsCpuS: number;
  redis: RedisDelta | null;
  fleetCpuS: number;
  foreignCpuS: number | null;
  served: ServedStats;
  exitCode: number | null;
  error?: string;
  audit: StoredAudit | null;
  build: string;
}


/** Other processes took more than 5% of the machine's CPU capacity during the run. */
export function machineWasBusy(s: Sample): boolean {
  return (s.foreignCpuS ?? 0) > 0.5 + 0.05 * (s.wallMs / 1000) * cpus().length;
}

export interface Row {
  id: string;
  label: string;
  agents: number;
  chunkSize: number | null;
  jobs: number | null;
  wallS: number;
  hostsPerHour: number;
  /** Wall time against the in-process run, in percent (positive: slower). */
  overheadPct: number | null;
  scanCpuS: number | null;
  agentsCpuS: number;
  redisCpuS: number | null;
  totalCpuS: number | null;
  foreignCpuS: number | null;
  busy: boolean;
  scanRssMb: number | null;
  agentRssMb: number | null;
  redisCallsPerJob: number | null;
  redisUsecPerJob: number | null;
  queueBytesPerJob: number | null;
  /** Seconds from the scan's start to the agents' last job done: when the scanning itself was over. */
  agentsDoneS: number | null;
  /** Seconds between the agents' last job done and the audit's end: settling left to the centre. */
  centralLagS: number | null;
  /** Memory Redis still holds after the audit (finished jobs are kept a week), MB. */
  redisKeptMb: number | null;
  /** Observations (and all rows) stored per second between the first and the last chunk settled. */
  settleObsPerS: number | null;
  settleRowsPerS: number | null;
  /** Observations stored per CPU second of the central process. */
  obsPerCentralCpuS: number | null;
  observations: number | null;
  rows: number | null;
  differences: string[] | null;
}

export interface Report {
  rows: Row[];
  overheadRows: Row[];
  matching: string | null;
  queuePerJob: { jobs: number; wallMsPerJob: number; redisCallsPerJob: number; redisUsecPerJob: number; redisCpuMsPerJob: number; bytesPerJob: number } | null;
  chunkAgents: number;
  chunkBest: { chunkSize: number; wallS: number } | null;
  consistent: boolean;
  sanity: string[];
  errors: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The sample with the median wall time of a variant (the one reported). */
function medianSample(samples: Sample[]): Sample | null {
  const ok = samples.filter((s) => !s.error);
  const pool = ok.length ? ok : samples;
  if (!pool.length) return null;
  const m = median(pool.map((s) => s.wallMs));
  return pool.reduce((best, s) => (Math.abs(s.wallMs - m) < Math.abs(best.wallMs - m) ? s : best));
}

function rowOf(variant: Variant, s: Sample, hosts: number, reference: Sample | null): Row {
  const wallS = s.wallMs / 1000;
  const audit = s.audit;
  const jobs = audit?.chunks?.count ?? null;
  const lastJobAt = Math.max(0, ...s.agents.map((a) => a.lastJobAt ?? 0));
  const endedAt = audit?.endedAt ? Date.parse(audit.endedAt) : null;
  const chunks = audit?.chunks ?? null;
  const span = chunks ? (chunks.lastSettledAt - chunks.firstSettledAt) / 1000 : 0;
  const agentRss = s.agents.map((a) => a.peakRssKb ?? 0);
  return {
    id: variant.id,
    label: variant.label,
    agents: variant.agents,
    chunkSize: variant.chunkSize,
    jobs,
    wallS,
    hostsPerHour: (hosts / wallS) * 3600,
    overheadPct: reference && reference !== s ? (s.wallMs / reference.wallMs - 1) * 100 : null,
    scanCpuS: s.scanCpuS,
    agentsCpuS: s.agentsCpuS,
    redisCpuS: s.redis?.cpuS ?? null,
    totalCpuS: s.scanCpuS === null ? null : s.scanCpuS + s.agentsCpuS + (s.redis?.cpuS ?? 0),
    foreignCpuS: s.foreignCpuS,
    busy: machineWasBusy(s),
    scanRssMb: s.scanPeakRssKb === null ? null : s.scanPeakRssKb / 1024,
    agentRssMb: agentRss.length ? Math.max(...agentRss) / 1024 : null,
    redisCallsPerJob: s.redis && jobs ? s.redis.calls / jobs : null,
    redisUsecPerJob: s.redis && jobs ? s.redis.usec / jobs : null,
    queueBytesPerJob: s.redis && jobs ? (s.redis.netInBytes + s.redis.netOutBytes) / jobs : null,
    agentsDoneS: lastJobAt > 0 ? (lastJobAt - s.startedAt) / 1000 : null,
    centralLagS: lastJobAt > 0 && endedAt !== null ? (endedAt - lastJobAt) / 1000 : null,
    redisKeptMb: s.redis ? s.redis.memoryGrowth / 2 ** 20 : null,
    settleObsPerS: chunks && span > 0 ? chunks.observationsAfterFirst / span : null,
    settleRowsPerS: chunks && span > 0 ? chunks.rowsAfterFirst / span : null,
    obsPerCentralCpuS: audit && s.scanCpuS ? audit.observations / s.scanCpuS : null,
    observations: audit?.observations ?? null,
    rows: audit ? storedRows(audit) : null,
    differences: reference?.audit && audit && reference !== s ? differences(reference.audit, audit) : null,
  };
}

export function summarise(options: DistBenchOptions, plan: DistFleetPlan, variants: Variant[], samples: Sample[]): Report {
  const of = (id: string) => medianSample(samples.filter((s) => s.variant === id));
  const mainReference = of('in-process');
  const trivialReference = of('trivial-in-process');
  const rows: Row[] = [];
  const overheadRows: Row[] = [];
  for (const variant of variants) {
    const s = of(variant.id);
    if (!s) continue;
    if (variant.kind === 'main') rows.push(rowOf(variant, s, options.hosts, mainReference));
    else overheadRows.push(rowOf(variant, s, options.overheadJobs, trivialReference));
  }

  // Every run of every distributed variant against the in-process reference, not only the medians.
  let consistent = mainReference?.audit !== null && mainReference !== null;
  for (const s of samples) {
    const variant = variants.find((v) => v.id === s.variant)!;
    const reference = variant.kind === 'main' ? mainReference : trivialReference;
    if (!reference?.audit || !s.audit || s === reference) continue;
    if (differences(reference.audit, s.audit).length > 0) consistent = false;
  }

  const sanity: string[] = [];
  const expectedOpen = plan.sites.length;
  for (const s of samples.filter((x) => variants.find((v) => v.id === x.variant)?.kind === 'main')) {
    const open = s.audit?.observationsByKind['port.open'] ?? 0;
    if (open !== expectedOpen) sanity.push(`${s.variant} run ${s.run}: ${open} open ports stored, the fleet has ${expectedOpen}`);
    if (s.audit && s.audit.targets !== options.hosts) sanity.push(`${s.variant} run ${s.run}: ${s.audit.targets} targets stored of ${options.hosts}`);
    if (s.audit && s.audit.status !== 'complete') sanity.push(`${s.variant} run ${s.run}: audit ${s.audit.status}`);
  }

  const matchingAgents = Math.min(cpus().length, 4);
  const matching = rows.find((r) => r.agents === matchingAgents && r.chunkSize === DEFAULT_CHUNK_SIZE)?.id ?? rows.find((r) => r.agents === 1)?.id ?? null;

  const small = overheadRows.find((r) => r.chunkSize === 1);
  const whole = overheadRows.find((r) => r.chunkSize === options.overheadJobs);
  const smallSample = of(`trivial-jobs-1`);
  const queuePerJob =
    small && whole && smallSample?.redis && small.jobs
      ? {
          jobs: small.jobs,
          wallMsPerJob: ((small.wallS - whole.wallS) * 1000) / (small.jobs - (whole.jobs ?? 1)),
          redisCallsPerJob: smallSample.redis.calls / small.jobs,
          redisUsecPerJob: smallSample.redis.usec / small.jobs,
          redisCpuMsPerJob: (smallSample.redis.cpuS * 1000) / small.jobs,
          bytesPerJob: (smallSample.redis.netInBytes + smallSample.redis.netOutBytes) / small.jobs,
        }
      : null;

  const chunkRows = rows.filter((r) => r.agents === options.chunkAgents && r.chunkSize !== null);
  const best = chunkRows.length > 1 ? chunkRows.reduce((a, b) => (b.wallS < a.wallS ? b : a)) : null;
  return {
    rows,
    overheadRows,
    matching,
    queuePerJob,
    chunkAgents: options.chunkAgents,
    chunkBest: best ? { chunkSize: best.chunkSize!, wallS: best.wallS } : null,
    consistent,
    sanity,
    errors: samples.filter((s) => s.error).length,
  };
}

const f = (value: number | null, digits = 1) => (value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits));
const thousands = (value: number | null) => (value === null || !Number.isFinite(value) ? '-' : Math.round(value).toLocaleString('en-US'));
const pct = (value: number | null) => (value === null ? '-' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`);

function printTable(title: string, header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  console.log('\nMarkdown:\n');
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of body) console.log(`| ${row.join(' | ')} |`);
}

export function printReport(report: Report, samples: Sample[], benchS: number): void {
  printTable(
    `Audits of the fleet (median run; CPU s: scan = whole audit in-process, centre only when distributed; other CPU: other processes on the machine)`,
    ['variant', 'jobs', 'wall s', 'hosts/h', 'vs in-process', 'scan CPU s', 'agents CPU s', 'Redis CPU s', 'total CPU s', 'other CPU s', 'centre RSS MB', 'agent RSS MB', 'agents done s', 'centre lag s'],
    report.rows.map((r) => [
      r.label + (r.busy ? ' (BUSY)' : ''),
      r.jobs === null ? '-' : String(r.jobs),
      f(r.wallS, 2),
      thousands(r.hostsPerHour),
      pct(r.overheadPct),
      f(r.scanCpuS),
      r.agents ? f(r.agentsCpuS) : '-',
      f(r.redisCpuS, 2),
      f(r.totalCpuS),
      f(r.foreignCpuS),
      f(r.scanRssMb, 0),
      f(r.agentRssMb, 0),
      f(r.agentsDoneS),
      f(r.centralLagS),
    ]),
  );
  const dist = report.rows.filter((r) => r.agents > 0);
  printTable(
    'Queue and store, per distributed run (Redis figures exclude the bench\'s own INFO calls)',
    ['variant', 'jobs', 'Redis calls/job', 'Redis µs/job', 'queue KB/job', 'Redis kept MB', 'obs stored', 'rows stored', 'obs/s settling', 'rows/s settling', 'obs per centre CPU s'],
    dist.map((r) => [r.label, String(r.jobs ?? '-'), f(r.redisCallsPerJob), f(r.redisUsecPerJob, 0), f(r.queueBytesPerJob === null ? null : r.queueBytesPerJob / 1024), f(r.redisKeptMb), thousands(r.observations), thousands(r.rows), thousands(r.settleObsPerS), thousands(r.settleRowsPerS), thousands(r.obsPerCentralCpuS)]),
  );
  const inProc = report.rows.find((r) => r.agents === 0);
  if (inProc?.observations) console.log(`in-process, for comparison: ${thousands(inProc.observations)} observations and ${thousands(inProc.rows)} rows stored in ${f(inProc.wallS, 1)} s of audit (${thousands(inProc.observations / inProc.wallS)} obs/s, ${thousands((inProc.rows ?? 0) / inProc.wallS)} rows/s, scanning included)`);

  if (report.overheadRows.length) {
    printTable(
      'Queue overhead: trivial hosts (one closed port, --max-hosts 1), one agent',
      ['variant', 'jobs', 'wall s', 'scan CPU s', 'agents CPU s', 'Redis CPU s', 'Redis calls/job', 'Redis µs/job', 'queue KB/job'],
      report.overheadRows.map((r) => [r.label, String(r.jobs ?? '-'), f(r.wallS, 2), f(r.scanCpuS, 2), r.agents ? f(r.agentsCpuS, 2) : '-', f(r.redisCpuS, 2), f(r.redisCallsPerJob), f(r.redisUsecPerJob, 0), f(r.queueBytesPerJob === null ? null : r.queueBytesPerJob / 1024, 2)]),
    );
  }

  console.log('');
  console.log('2 CPUs are shared by the scan (the centre when distributed), every agent, Redis and the web fleet: more agents than cores do not add CPU.');
  const matching = report.rows.find((r) => r.id === report.matching);
  if (matching?.overheadPct !== null && matching) {
    const threads = Math.min(cpus().length, 4);
    const why = matching.agents === threads ? `one agent per worker thread of the in-process engine (${threads})` : `no run with ${threads} agents, the in-process engine's worker threads`;
    console.log(`distributed overhead, ${matching.label} (${why}) against in-process: ${pct(matching.overheadPct)} wall time (goal: under +10 %) -> ${matching.overheadPct! < 10 ? 'MET' : 'NOT MET'}`);
  }
  for (const r of dist) console.log(`  ${r.label}: ${pct(r.overheadPct)} wall, ${f(r.hostsPerHour === 0 ? null : r.hostsPerHour, 0)} hosts/h`);
  if (report.queuePerJob) {
    const q = report.queuePerJob;
    console.log(`queue overhead per job (${q.jobs} one-host jobs against one job of them all): ${f(q.wallMsPerJob, 1)} ms of wall time; Redis ${f(q.redisCallsPerJob, 1)} commands, ${f(q.redisUsecPerJob, 0)} µs in commands, ${f(q.redisCpuMsPerJob, 2)} ms of its CPU, ${f(q.bytesPerJob / 1024, 1)} KB through the socket per job`);
  }
  if (report.chunkBest) {
    for (const r of report.rows.filter((x) => x.agents === report.chunkAgents && x.chunkSize !== null).sort((a, b) => a.chunkSize! - b.chunkSize!)) {
      console.log(`  chunk ${r.chunkSize}: ${r.jobs} jobs, ${f(r.wallS, 1)} s, centre CPU ${f(r.scanCpuS)} s, agents done at ${f(r.agentsDoneS)} s, centre lag ${f(r.centralLagS)} s, ${thousands(r.settleRowsPerS)} rows/s settling`);
    }
  }
  if (report.chunkBest) console.log(`chunk sizes with ${report.chunkAgents} agents: fastest ${report.chunkBest.chunkSize} (${f(report.chunkBest.wallS, 2)} s); rasoat's default is ${DEFAULT_CHUNK_SIZE}`);

  console.log('');
  for (const r of [...report.rows, ...report.overheadRows]) {
    if (r.differences === null) continue;
    console.log(r.differences.length === 0 ? `consistency: ${r.label}: stored the same as in-process (targets, hosts up, tasks, observations by kind, verdicts by outcome, fail/pass verdict set)` : `consistency: ${r.label}: DIFFERS from in-process: ${r.differences.join('; ')}`);
  }
  for (const line of report.sanity) console.log(`check: ${line}`);
  const busy = samples.filter(machineWasBusy);
  if (busy.length) console.log(`warning: the machine was busy with other work during ${busy.length} of ${samples.length} runs (see "other CPU s"): their wall times are inflated`);
  const builds = [...new Set(samples.map((s) => s.build))];
  if (builds.length > 1) console.log(`warning: rasoat was rebuilt during the bench; builds measured: ${builds.join(', ')}`);
  for (const s of samples.filter((x) => x.error)) console.log(`error: ${s.variant} run ${s.run}: ${s.error}`);
  console.log(`bench time: ${f(benchS / 60, 1)} minutes; ${report.consistent ? 'every distributed audit stored the same as the in-process one' : 'SOME DISTRIBUTED AUDIT DIFFERS (see above)'}`);
}
