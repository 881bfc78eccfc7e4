import { cpus } from 'node:os';
import type { TlsEndpoint } from './tls-fleet.js';
import { describeSuite, type EndpointView, type SuiteNames, type TlsScanResult } from './tls-parse.js';
import type { TlsRole, TlsSample, TlsTool } from './tls-tools.js';

export const RATIO_TARGET = 1.0;
export const RATIO_GOAL = 0.5;
const SHOWN_ITEMS = 12;

export interface TlsToolSummary {
  id: string;
  label: string;
  role: TlsRole;
  command: string;
  runs: number;
  endpoints: number;
  medianS: number;
  minS: number;
  maxS: number;
  /** rasoat only: median of the scan time the audit itself records. */
  innerMedianS: number | null;
  medianCpuS: number | null;
  /** Median CPU nginx spent serving the run. */
  medianServerCpuS: number;
  maxForeignCpuS: number | null;
  /** Highest peak RSS over the runs (for xargs: the largest single process). */
  peakRssMb: number | null;
  endpointsPerS: number;
  /** Median over runs of TCP connections nginx accepted, per endpoint. */
  connectionsPerEndpoint: number | null;
  /** rasoat only, over all endpoints of all runs: handshakes per endpoint. */
  handshakes: { mean: number; min: number; max: number } | null;
  /** Endpoints with a result, per run. */
  seen: number[];
  errors: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summariseTls(tool: TlsTool, samples: TlsSample[]): TlsToolSummary {
  const walls = samples.map((s) => s.wallMs / 1000);
  const inner = samples.flatMap((s) => (s.result?.innerMs != null ? [s.result.innerMs / 1000] : []));
  const rss = samples.flatMap((s) => (s.peakRssKb !== null ? [s.peakRssKb / 1024] : []));
  const cpu = samples.flatMap((s) => (s.cpuS !== null ? [s.cpuS] : []));
  const foreign = samples.flatMap((s) => (s.foreignCpuS !== null ? [s.foreignCpuS] : []));
  const conns = samples.flatMap((s) => (s.connections !== null ? [s.connections] : []));
  const handshakes = samples.flatMap((s) => [...(s.result?.handshakes.values() ?? [])]);
  const count = tool.endpoints.length;
  const errors = samples.flatMap((s) => [
    ...(s.error ? [`run ${s.run}: ${s.error}`] : []),
    ...(s.result?.errors ?? []).map((e) => `run ${s.run}: ${e}`),
  ]);
  const medianS = median(walls);
  return {
    id: tool.id,
    label: tool.label,
    role: tool.role,
    command: tool.display,
    runs: samples.length,
    endpoints: count,
    medianS,
    minS: Math.min(...walls),
    maxS: Math.max(...walls),
    innerMedianS: inner.length ? median(inner) : null,
    medianCpuS: cpu.length ? median(cpu) : null,
    medianServerCpuS: median(samples.map((s) => s.serverCpuS)),
    maxForeignCpuS: foreign.length ? Math.max(...foreign) : null,
    peakRssMb: rss.length ? Math.max(...rss) : null,
    endpointsPerS: count / medianS,
    connectionsPerEndpoint: conns.length && count ? median(conns) / count : null,
    handshakes: handshakes.length
      ? { mean: handshakes.reduce((a, b) => a + b, 0) / handshakes.length, min: Math.min(...handshakes), max: Math.max(...handshakes) }
      : null,
    seen: samples.map((s) => s.result?.endpoints.size ?? 0),
    errors,
  };
}

export function printTlsTable(summaries: TlsToolSummary[]): void {
  const header = [
    'tool', 'runs', 'endpoints', 'median s', 'min s', 'max s', 'in-proc s', 'CPU s', 'nginx CPU s', 'other CPU s',
    'peak RSS MB', 'endpoints/s', 'conns/endpoint', 'handshakes/endpoint', 'seen',
  ];
  const rows = summaries.map((s) => [
    s.label,
    String(s.runs),
    String(s.endpoints),
    s.medianS.toFixed(2),
    s.minS.toFixed(2),
    s.maxS.toFixed(2),
    s.innerMedianS === null ? '-' : s.innerMedianS.toFixed(2),
    s.medianCpuS === null ? '?' : s.medianCpuS.toFixed(2),
    s.medianServerCpuS.toFixed(2),
    s.maxForeignCpuS === null ? '?' : s.maxForeignCpuS.toFixed(2),
    s.peakRssMb === null ? '?' : s.peakRssMb.toFixed(1),
    s.endpoints ? s.endpointsPerS.toFixed(2) : '-',
    s.connectionsPerEndpoint === null || !s.endpoints ? '-' : s.connectionsPerEndpoint.toFixed(1),
    s.handshakes ? `${s.handshakes.mean.toFixed(1)} (${s.handshakes.min}-${s.handshakes.max})` : '-',
    s.endpoints ? spread(s.seen) : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('\n(times are medians except min/max; in-proc: scan time rasoat records in the audit; CPU: the command and its');
  console.log(' children; nginx CPU: what serving the run cost the fleet; other CPU: worst run; peak RSS: largest single process;');
  console.log(' conns/endpoint: TCP connections nginx accepted; handshakes/endpoint: rasoat\'s own count, mean (min-max))');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function spread(values: number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? String(min) : `${min}..${max}`;
}

export interface TlsRatio {
  against: string;
  ratio: number;
  cpuRatio: number | null;
  meetsTarget: boolean;
  meetsGoal: boolean;
}

export function tlsRatio(headline: TlsToolSummary, reference: TlsToolSummary): TlsRatio {
  const ratio = headline.medianS / reference.medianS;
  const cpuRatio = headline.medianCpuS !== null && reference.medianCpuS ? headline.medianCpuS / reference.medianCpuS : null;
  return { against: reference.label, ratio, cpuRatio, meetsTarget: ratio <= RATIO_TARGET, meetsGoal: ratio <= RATIO_GOAL };
}

export function printTlsVerdicts(ratios: TlsRatio[]): void {
  console.log('');
  for (const r of ratios) {
    const verdict = r.meetsGoal ? `meets goal <= ${RATIO_GOAL}` : r.meetsTarget ? `meets target <= ${RATIO_TARGET}, not goal <= ${RATIO_GOAL}` : `MISSES target <= ${RATIO_TARGET}`;
    const cpu = r.cpuRatio === null ? '' : `; CPU time ratio ${r.cpuRatio.toFixed(2)}`;
    console.log(`rasoat / ${r.against}: wall time (median) ${r.ratio.toFixed(2)}  (${verdict})${cpu}`);
  }
}

export interface PerEndpointFigures {
  endpoint: string;
  profile: string;
  testsslS: number;
  sslscanS: number | null;
  rasoatS: number | null;
  rasoatOverTestssl: number | null;
}

export interface TestsslFigures {
  perEndpoint: PerEndpointFigures[];
  /** Mean testssl.sh seconds per endpoint times the fleet's endpoints: one after another. */
  extrapolatedFleetS: number;
  rasoatFleetS: number;
  /** rasoat's measured fleet time over testssl.sh's extrapolated one. */
  ratio: number;
}

export function testsslFigures(summaries: TlsToolSummary[], endpoints: TlsEndpoint[], fleetEndpoints: number): TestsslFigures | null {
  const byId = (id: string) => summaries.find((s) => s.id === id);
  const perEndpoint: PerEndpointFigures[] = [];
  for (const e of endpoints) {
    const testssl = byId(`testssl@${e.id}`);
    if (!testssl) continue;
    const rasoatS = byId(`rasoat@${e.id}`)?.medianS ?? null;
    perEndpoint.push({
      endpoint: e.id,
      profile: e.profile,
      testsslS: testssl.medianS,
      sslscanS: byId(`sslscan@${e.id}`)?.medianS ?? null,
      rasoatS,
      rasoatOverTestssl: rasoatS === null ? null : rasoatS / testssl.medianS,
    });
  }
  const fleet = byId('rasoat');
  if (!perEndpoint.length || !fleet) return null;
  const mean = perEndpoint.reduce((sum, p) => sum + p.testsslS, 0) / perEndpoint.length;
  const extrapolatedFleetS = mean * fleetEndpoints;
  return { perEndpoint, extrapolatedFleetS, rasoatFleetS: fleet.medianS, ratio: fleet.medianS / extrapolatedFleetS };
}

export function printTestsslFigures(figures: TestsslFigures, fleetEndpoints: number): void {
  console.log('\ntestssl.sh, PER ENDPOINT (it is too slow for the whole fleet; each tool run alone on the endpoint):');
  for (const p of figures.perEndpoint) {
    const parts = [`testssl.sh ${p.testsslS.toFixed(2)} s`];
    if (p.sslscanS !== null) parts.push(`sslscan ${p.sslscanS.toFixed(2)} s`);
    if (p.rasoatS !== null) parts.push(`rasoat ${p.rasoatS.toFixed(2)} s (incl. start-up)`);
    if (p.rasoatOverTestssl !== null) parts.push(`rasoat/testssl.sh ${p.rasoatOverTestssl.toFixed(3)}`);
    console.log(`  ${p.endpoint} [${p.profile}]: ${parts.join(', ')}`);
  }
  console.log(
    `  extrapolated: testssl.sh one endpoint after another on all ${fleetEndpoints} endpoints ~ ${figures.extrapolatedFleetS.toFixed(0)} s ` +
      `(mean per endpoint x ${fleetEndpoints}); rasoat measured ${figures.rasoatFleetS.toFixed(2)} s; ratio ${figures.ratio.toFixed(3)}`,
  );
}

/** One disagreement about one endpoint, and in which comparisons (run pairs) it showed. */
export interface Difference {
  endpoint: string;
  profile: string;
  what: 'endpoint' | 'protocol' | 'suite';
  /** Which side has the item: "only rasoat" / "only sslscan" ... */
  side: string;
  item: string;
  seenIn: string[];
}

/** One side of a comparison: `name` says whose item it is, `label` and `run` name the comparison. */
export interface ComparedSide {
  name: string;
  label: string;
  run: number;
  result: TlsScanResult | null;
}

/**
 * Compares two tools' views endpoint by endpoint: every item present on one side only becomes a
 * Difference, merged with the same difference found in earlier comparisons.
 */
export function compareViews(endpoints: TlsEndpoint[], a: ComparedSide, b: ComparedSide, into: Map<string, Difference>): void {
  if (!a.result || !b.result) return;
  const comparison = `${a.label} run ${a.run} vs ${b.label} run ${b.run}`;
  const add = (endpoint: TlsEndpoint, what: Difference['what'], side: string, item: string) => {
    const key = `${endpoint.id}|${what}|${side}|${item}`;
    const existing = into.get(key);
    if (existing) existing.seenIn.push(comparison);
    else into.set(key, { endpoint: endpoint.id, profile: endpoint.profile, what, side, item, seenIn: [comparison] });
  };
  for (const endpoint of endpoints) {
    const va = a.result.endpoints.get(endpoint.id);
    const vb = b.result.endpoints.get(endpoint.id);
    if (!va || !vb) {
      add(endpoint, 'endpoint', va || vb ? `no result from ${va ? b.name : a.name}` : 'no result from either', '(whole endpoint)');
      continue;
    }
    diffLists(va, vb, 'protocols', (item, onlyA) => add(endpoint, 'protocol', `only ${onlyA ? a.name : b.name}`, item));
    diffLists(va, vb, 'suites', (item, onlyA) => add(endpoint, 'suite', `only ${onlyA ? a.name : b.name}`, item));
  }
}

function diffLists(a: EndpointView, b: EndpointView, field: 'protocols' | 'suites', report: (item: string, onlyA: boolean) => void): void {
  const sa = new Set(a[field]);
  const sb = new Set(b[field]);
  for (const item of sa) if (!sb.has(item)) report(item, true);
  for (const item of sb) if (!sa.has(item)) report(item, false);
}

const SHOWN_ENDPOINTS = 16;

/**
 * Differences grouped by endpoint, at most SHOWN_ENDPOINTS of them (the JSON has all), each item
 * with the share of comparisons it showed in; `annotate` may add a note per endpoint.
 */
export function printDifferences(
  title: string,
  differences: Difference[],
  names: SuiteNames,
  comparisons: number,
  annotate: (endpoint: string) => string = () => '',
): void {
  if (!differences.length) {
    console.log(`${title}: identical on every endpoint (${comparisons} comparison${comparisons === 1 ? '' : 's'})`);
    return;
  }
  const endpoints = [...new Set(differences.map((d) => d.endpoint))];
  const perProfile = new Map<string, Set<string>>();
  for (const d of differences) (perProfile.get(d.profile) ?? perProfile.set(d.profile, new Set()).get(d.profile)!).add(d.endpoint);
  console.log(`! ${title}: ${differences.length} difference(s) on ${endpoints.length} endpoint(s) (${comparisons} comparisons)`);
  console.log(`  endpoints by profile: ${[...perProfile].map(([p, set]) => `${p} ${set.size}`).join(', ')}`);
  for (const endpoint of endpoints.slice(0, SHOWN_ENDPOINTS)) {
    const mine = differences.filter((d) => d.endpoint === endpoint);
    const note = annotate(endpoint);
    console.log(`  ${endpoint} [${mine[0]!.profile}]${note ? ` ${note}` : ''}:`);
    const bySide = new Map<string, Difference[]>();
    for (const d of mine) {
      const key = `${d.what === 'endpoint' ? '' : `${d.what}s `}${d.side}`;
      (bySide.get(key) ?? bySide.set(key, []).get(key)!).push(d);
    }
    for (const [side, list] of bySide) {
      const items = list.map((d) => `${d.what === 'suite' ? describeSuite(d.item, names) : d.item} (${d.seenIn.length}/${comparisons})`);
      const more = items.length > SHOWN_ITEMS ? ` ... and ${items.length - SHOWN_ITEMS} more` : '';
      console.log(`    ${side} (${items.length}): ${items.slice(0, SHOWN_ITEMS).join(', ')}${more}`);
    }
  }
  if (endpoints.length > SHOWN_ENDPOINTS) console.log(`  ... and ${endpoints.length - SHOWN_ENDPOINTS} more endpoints (all in the results JSON)`);
}

/** Names a tool printed that disagree with the local OpenSSL's names for the same code. */
export function nameMismatches(result: TlsScanResult | null | undefined, expected: Map<string, string>): string[] {
  if (!result) return [];
  const out: string[] = [];
  for (const [code, name] of result.names) {
    const known = expected.get(code);
    if (known && known !== name) out.push(`${code}: ${name} (OpenSSL: ${known})`);
  }
  return out;
}

/** Other processes took more than 5% of the machine's CPU capacity during the run. */
export function machineWasBusy(sample: TlsSample): boolean {
  return (sample.foreignCpuS ?? 0) > 0.5 + 0.05 * (sample.wallMs / 1000) * cpus().length;
}
