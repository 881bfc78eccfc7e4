import { cpus } from 'node:os';
import type { HttpFleetPlan } from './http-fleet.js';
import type { HttpRole, HttpSample, HttpTool } from './http-tools.js';

/** rasoat (defaults) against the sequential curl baseline: it must beat it. */
export const RATIO_TARGET = 1.0;

export interface HttpSummary {
  id: string;
  label: string;
  role: HttpRole;
  command: string;
  runs: number;
  medianS: number;
  minS: number;
  maxS: number;
  /** curl-loop only: the median wall time scaled to the whole request set. */
  extrapolatedS: number | null;
  innerMedianS: number | null;
  medianCpuS: number | null;
  medianFleetCpuS: number;
  maxForeignCpuS: number | null;
  peakRssMb: number | null;
  requests: number[];
  connections: number[];
  tlsHandshakes: number[];
  /** Median of requests / wall second over the runs. */
  requestsPerS: number | null;
  connectionsPerRequest: number | null;
  errors: string[];
  checks: RunCheck[];
}

/** What one rasoat run reported, checked against what the fleet plants. */
export interface RunCheck {
  run: number;
  sitesExpected: number;
  sitesSeen: number;
  /** Hosts with a .git and .env where rasoat reported both. */
  exposedFound: number;
  exposedExpected: number;
  /** Exposure failures on hosts that have nothing exposed (catch-all hosts among them). */
  falseExposures: string[];
  catchAllSites: number;
  catchAllDetected: number;
  failures: number;
  problems: string[];
}

export function summarise(tool: HttpTool, samples: HttpSample[], plan: HttpFleetPlan | null): HttpSummary {
  const walls = samples.map((s) => s.wallMs / 1000);
  const cpu = samples.flatMap((s) => (s.cpuS === null ? [] : [s.cpuS]));
  const rss = samples.flatMap((s) => (s.peakRssKb === null ? [] : [s.peakRssKb / 1024]));
  const foreign = samples.flatMap((s) => (s.foreignCpuS === null ? [] : [s.foreignCpuS]));
  const scans = tool.role !== 'startup';
  const checks: RunCheck[] = [];
  const inner: number[] = [];
  if (plan && (tool.role === 'headline' || tool.role === 'variant' || tool.role === 'memory')) {
    for (const sample of samples) {
      const audit = parseAudit(sample.stdout);
      if (audit.innerMs !== null) inner.push(audit.innerMs / 1000);
      checks.push(checkRun(sample.run, audit, plan));
    }
  }
  const perRequest = samples.filter((s) => s.served.requests > 0);
  const fullRequests = samples[0]?.fullRequests;
  const subset = samples[0]?.served.requests;
  return {
    id: tool.id,
    label: tool.label,
    role: tool.role,
    command: tool.display,
    runs: samples.length,
    medianS: median(walls),
    minS: Math.min(...walls),
    maxS: Math.max(...walls),
    extrapolatedS: fullRequests && subset ? (median(walls) * fullRequests) / subset : null,
    innerMedianS: inner.length ? median(inner) : null,
    medianCpuS: cpu.length ? median(cpu) : null,
    medianFleetCpuS: median(samples.map((s) => s.fleetCpuS)),
    maxForeignCpuS: foreign.length ? Math.max(...foreign) : null,
    peakRssMb: rss.length ? Math.max(...rss) : null,
    requests: samples.map((s) => s.served.requests),
    connections: samples.map((s) => s.served.connections),
    tlsHandshakes: samples.map((s) => s.served.tlsHandshakes),
    requestsPerS: scans && perRequest.length ? median(perRequest.map((s) => s.served.requests / (s.wallMs / 1000))) : null,
    connectionsPerRequest: scans && perRequest.length ? median(perRequest.map((s) => s.served.connections / s.served.requests)) : null,
    errors: samples.flatMap((s) => (s.error ? [`run ${s.run}: ${s.error}`] : [])),
    checks,
  };
}

interface ParsedAudit {
  innerMs: number | null;
  observations: Array<{ kind: string; host: string; port: number | null; data: Record<string, unknown> }>;
  findings: Array<{ ruleId: string; outcome: string; host: string; port: number | null }>;
  error?: string;
}

function parseAudit(stdout: string | undefined): ParsedAudit {
  try {
    const json = JSON.parse(stdout ?? '') as { audit?: { startedAt?: string; endedAt?: string } } & Omit<ParsedAudit, 'innerMs'>;
    const { startedAt, endedAt } = json.audit ?? {};
    return { innerMs: startedAt && endedAt ? Date.parse(endedAt) - Date.parse(startedAt) : null, observations: json.observations, findings: json.findings };
  } catch (error) {
    return { innerMs: null, observations: [], findings: [], error: `unreadable --json output: ${(error as Error).message}` };
  }
}

const EXPECTED_ON_EXPOSED = ['http.exposure.vcs-repository', 'http.exposure.secrets-file'];

function checkRun(run: number, audit: ParsedAudit, plan: HttpFleetPlan): RunCheck {
  const problems = audit.error ? [audit.error] : [];
  const key = (host: string, port: number | null) => `${host}:${port}`;
  const expectedSites = new Set(plan.sites.map((s) => key(s.host, s.port)));
  const seen = new Set(audit.observations.filter((o) => o.kind === 'http.site').map((o) => key(o.host, o.port)));
  const missing = [...expectedSites].filter((k) => !seen.has(k));
  if (missing.length) problems.push(`sites without an http.site fact (${missing.length}): ${missing.slice(0, 10).join(' ')}`);
  const exposureFails = audit.findings.filter((f) => f.outcome === 'fail' && f.ruleId.startsWith('http.exposure.'));
  const failsOf = (host: string) => new Set(exposureFails.filter((f) => f.host === host).map((f) => f.ruleId));
  let exposedFound = 0;
  let exposedExpected = 0;
  const falseExposures: string[] = [];
  for (const host of plan.hosts) {
    const found = failsOf(host);
    if (plan.kinds.get(host) === 'exposed') {
      exposedExpected++;
      if (EXPECTED_ON_EXPOSED.every((id) => found.has(id))) exposedFound++;
      else problems.push(`${host} (exposed): reported ${[...found].join(', ') || 'nothing'}, expected ${EXPECTED_ON_EXPOSED.join(' and ')}`);
      for (const id of found) if (!EXPECTED_ON_EXPOSED.includes(id)) falseExposures.push(`${host} ${id}`);
    } else {
      for (const id of found) falseExposures.push(`${host} (${plan.kinds.get(host)}) ${id}`);
    }
  }
  const catchAll = plan.sites.filter((s) => s.kind === 'catch-all');
  const soft404 = new Map(audit.observations.filter((o) => o.kind === 'http.soft404').map((o) => [key(o.host, o.port), o.data.catchAll === true]));
  const catchAllDetected = catchAll.filter((s) => soft404.get(key(s.host, s.port)) === true).length;
  const wronglyCatchAll = [...soft404].filter(([k, v]) => v && !catchAll.some((s) => key(s.host, s.port) === k));
  if (wronglyCatchAll.length) problems.push(`sites wrongly seen as catch-all: ${wronglyCatchAll.map(([k]) => k).slice(0, 10).join(' ')}`);
  if (catchAllDetected !== catchAll.length) problems.push(`catch-all sites recognised: ${catchAllDetected} of ${catchAll.length}`);
  if (falseExposures.length) problems.push(`exposures reported where none exist (${falseExposures.length}): ${falseExposures.slice(0, 10).join('; ')}`);
  return {
    run,
    sitesExpected: expectedSites.size,
    sitesSeen: [...expectedSites].filter((k) => seen.has(k)).length,
    exposedFound,
    exposedExpected,
    falseExposures,
    catchAllSites: catchAll.length,
    catchAllDetected,
    failures: audit.findings.filter((f) => f.outcome === 'fail').length,
    problems,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Other processes took more than 5% of the machine's CPU capacity during the run. */
export function machineWasBusy(sample: HttpSample): boolean {
  return (sample.foreignCpuS ?? 0) > 0.5 + 0.05 * (sample.wallMs / 1000) * cpus().length;
}

const spread = (values: number[]) => (Math.min(...values) === Math.max(...values) ? String(values[0]) : `${Math.min(...values)}..${Math.max(...values)}`);
const fixed = (value: number | null, digits = 2) => (value === null ? '-' : value.toFixed(digits));

function rows(summaries: HttpSummary[]): string[][] {
  return summaries.map((s) => [
    s.label,
    String(s.runs),
    `${s.medianS.toFixed(2)} (${s.minS.toFixed(2)}-${s.maxS.toFixed(2)})${s.extrapolatedS === null ? '' : ` -> ${s.extrapolatedS.toFixed(1)} extrapolated`}`,
    fixed(s.innerMedianS),
    fixed(s.medianCpuS),
    s.medianFleetCpuS.toFixed(2),
    fixed(s.maxForeignCpuS, 1),
    fixed(s.peakRssMb, 1),
    s.role === 'startup' ? '-' : spread(s.requests),
    s.requestsPerS === null ? '-' : s.requestsPerS.toFixed(0),
    s.role === 'startup' ? '-' : spread(s.connections),
    fixed(s.connectionsPerRequest, 3),
    s.role === 'startup' ? '-' : spread(s.tlsHandshakes),
  ]);
}

const HEADER = ['command', 'runs', 'median s (min-max)', 'in-proc s', 'CPU s', 'fleet CPU s', 'other CPU s', 'peak RSS MB', 'requests', 'req/s', 'connections', 'conn/req', 'TLS hs'];

export function printHttpTable(summaries: HttpSummary[]): void {
  const body = rows(summaries);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('\n(requests, connections and TLS handshakes are counted by the fleet; req/s = requests / wall time; other CPU: worst run)');
  console.log(line(HEADER));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  console.log('\nMarkdown:\n');
  console.log(`| ${HEADER.join(' | ')} |`);
  console.log(`|${HEADER.map(() => '---').join('|')}|`);
  for (const row of body) console.log(`| ${row.join(' | ')} |`);
}

export interface HttpVerdicts {
  ratios: Array<{ against: string; ratio: number }>;
  meetsTarget: boolean | null;
  memory: { smallHosts: number; smallMb: number; fullHosts: number; fullMb: number; mbPerExtraHost: number } | null;
  correct: boolean;
}

export function verdicts(summaries: HttpSummary[], fullHosts: number, smallHosts: number): HttpVerdicts {
  const byId = (id: string) => summaries.find((s) => s.id === id);
  const headline = byId('rasoat')!;
  const ratios = ['curl-config', 'curl-config-interleaved', 'curl-loop', 'curl-xargs', 'rasoat-relaxed', 'rasoat-compare'].flatMap((id) => {
    const other = byId(id);
    if (!other) return [];
    return [{ against: other.label, ratio: headline.medianS / (other.extrapolatedS ?? other.medianS) }];
  });
  const sequential = ratios.find((r) => r.against === byId('curl-config')?.label);
  const small = byId('rasoat-small');
  const memory =
    small?.peakRssMb && headline.peakRssMb
      ? { smallHosts, smallMb: small.peakRssMb, fullHosts, fullMb: headline.peakRssMb, mbPerExtraHost: (headline.peakRssMb - small.peakRssMb) / (fullHosts - smallHosts) }
      : null;
  const correct = summaries.every((s) => s.errors.length === 0 && s.checks.every((c) => c.problems.length === 0));
  return { ratios, meetsTarget: sequential ? sequential.ratio < RATIO_TARGET : null, memory, correct };
}

export function printHttpVerdicts(v: HttpVerdicts, summaries: HttpSummary[]): void {
  console.log('');
  for (const r of v.ratios) console.log(`rasoat (defaults) / ${r.against}, wall time: ${r.ratio.toFixed(3)}`);
  if (v.meetsTarget !== null) console.log(`against the sequential curl baseline: ${v.meetsTarget ? 'meets' : 'MISSES'} target < ${RATIO_TARGET}`);
  const headline = summaries.find((s) => s.id === 'rasoat');
  if (headline?.peakRssMb) console.log(`rasoat peak RSS: ${headline.peakRssMb.toFixed(1)} MB`);
  if (v.memory) {
    // The audit itself (observations, verdicts, the --json text) grows with the hosts; what must
    // not is anything per request: connections, bodies, timers. Sub-linear growth says so.
    const m = v.memory;
    const growth = m.fullMb / m.smallMb;
    const hosts = m.fullHosts / m.smallHosts;
    console.log(
      `memory: ${m.smallHosts} hosts ${m.smallMb.toFixed(1)} MB, ${m.fullHosts} hosts ${m.fullMb.toFixed(1)} MB: ${(m.mbPerExtraHost * 1024).toFixed(0)} kB per extra host ` +
        `(x${growth.toFixed(2)} for x${hosts.toFixed(2)} the hosts: ${growth < hosts / 2 ? 'sub-linear' : 'GROWS WITH THE FLEET'})`,
    );
  }
  console.log('');
  for (const s of summaries) {
    for (const error of s.errors) console.log(`! ${s.label}: ${error}`);
    for (const c of s.checks) {
      const head = `${s.label}, run ${c.run}: sites ${c.sitesSeen}/${c.sitesExpected}, .git+.env found on ${c.exposedFound}/${c.exposedExpected} exposed hosts, catch-all recognised ${c.catchAllDetected}/${c.catchAllSites}, false exposures ${c.falseExposures.length}, failing findings ${c.failures}`;
      console.log(c.problems.length ? `! ${head}` : head);
      for (const p of c.problems) console.log(`    ${p}`);
    }
  }
  console.log(v.correct ? '\ncorrectness: every rasoat run found every planted exposure and nothing on the other sites' : '\ncorrectness: PROBLEMS (see above)');
}
