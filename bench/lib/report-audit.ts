import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { snapshotOf } from '../../src/cli/rulebook.js';
import type { AuditMeta, AuditStats } from '../../src/core/model/audit.js';
import { deriveCoverage, type TaskRecord } from '../../src/core/model/coverage.js';
import type { Finding } from '../../src/core/model/finding.js';
import type { Observation } from '../../src/core/model/observation.js';
import { PortSet } from '../../src/core/model/port-set.js';
import { packageVersion } from '../../src/core/package-root.js';
import { rulesFor } from '../../src/core/plan.js';
import { createJudge } from '../../src/rules/evaluate.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { portsOfInterest } from '../../src/rules/ports-of-interest.js';
import type { Rule } from '../../src/rules/schema.js';
import { SCANNERS } from '../../src/scanners/index.js';
import { serviceName } from '../../src/scanners/ports/services.js';
import { TOP_PORTS } from '../../src/scanners/ports/top-ports.js';
import { tlsEndpoints } from '../../src/scanners/tls/endpoints.js';
import { Store } from '../../src/store/store.js';
import { hostSeed, planHost, prng, type HostPlan } from './report-hosts.js';
import { endpointObservations } from './report-tls.js';
import type { AuditSpec, BuiltAudit, BuiltHistory } from './report-history.js';

/**
 * Builds the benchmark's history: audits of the same synthetic province, judged by rasoat's
 * own rules (so titles, evidence, passes and not-applicable verdicts are what a scan would store)
 * and written through the store's API. The later audit is calibrated to exactly the requested
 * number of failing findings by opening or closing single exposed-service ports, each of which
 * is one failure of a port rule. Each earlier audit (one by default, a quarter apart) differs
 * from the later one on a quarter of the hosts, so `--compare` has new, fixed and unchanged
 * findings to show, and the trend chart has earlier scores to read.
 */

export interface Judged {
  plan: HostPlan;
  observations: Observation[];
  tasks: TaskRecord[];
  findings: Finding[];
  failures: number;
}

interface Context {
  start: number;
  now: number;
  scanned: string;
  scannedCount: number;
  judge: ReturnType<typeof createJudge>;
}

/** The scanners whose observations the bench makes up: the audit is a `scan --only ports,tls`. */
const SIMULATED = SCANNERS.filter((s) => s.id === 'ports' || s.id === 'tls');
/** The audit just before the one reported on; older ones go back a quarter at a time. */
const EARLIER_START = '2026-08-14T01:30:00.000Z';
const QUARTER_MS = 91 * 86_400_000;
const CURRENT_START = '2026-11-20T02:00:00.000Z';
/** Share of hosts whose set-up differs between an earlier audit and the one reported on. */
const CHANGED_SHARE = 0.25;
const BATCH_HOSTS = 25;

export interface Province {
  rulesVersion: string;
  rules: Rule[];
  /** Oldest first; the last is the audit just before `current`. */
  earlier: Judged[][];
  current: Judged[];
  /** Failures of the later audit before calibration. */
  uncalibrated: number;
}

/** Every audit's hosts, observations and verdicts, in memory (the later audit calibrated). */
export function judgeProvince(spec: AuditSpec): Province {
  const book = loadRules([builtinRulesDir()]);
  const rules = rulesFor(book.rules, SIMULATED);
  const scannedSet = PortSet.of([...TOP_PORTS, ...portsOfInterest(rules)]);
  const context = (startedAt: string): Context => {
    const start = Date.parse(startedAt);
    return { start, now: start, scanned: scannedSet.toString(), scannedCount: scannedSet.size, judge: createJudge(rules, () => start) };
  };

  const earlier = Array.from({ length: spec.earlier }, (_, k) => {
    const distance = spec.earlier - k;
    const earlierContext = context(earlierStart(distance));
    return Array.from({ length: spec.hosts }, (_, i) => {
      const changed = prng(hostSeed(spec.seed, i, 3000 + distance))() < CHANGED_SHARE;
      return judgeHost(planHost(spec.seed, i, changed ? distance : 0), earlierContext);
    });
  });
  const currentContext = context(CURRENT_START);
  const current = Array.from({ length: spec.hosts }, (_, i) => judgeHost(planHost(spec.seed, i), currentContext));
  const uncalibrated = current.reduce((n, h) => n + h.failures, 0);
  calibrate(current, spec.failures, knobPorts(rules), currentContext, prng(spec.seed ^ 0x5eed));
  return { rulesVersion: book.version, rules, earlier, current, uncalibrated };
}

export async function buildHistory(dbPath: string, spec: AuditSpec): Promise<BuiltHistory> {
  const started = performance.now();
  const { rulesVersion, rules, earlier, current } = judgeProvince(spec);
  const store = await Store.open(dbPath, { readonly: false });
  try {
    const snapshots = rules.map(snapshotOf);
    const write = async (startedAt: string, hosts: Judged[], salt: string): Promise<BuiltAudit> => {
      const meta = auditMeta(startedAt, spec, rulesVersion, salt);
      const id = await store.createAudit(meta, snapshots);
      for (let i = 0; i < hosts.length; i += BATCH_HOSTS) {
        const batch = hosts.slice(i, i + BATCH_HOSTS);
        await store.write(id, {
          targets: batch.map((h) => h.plan.target),
          tasks: batch.flatMap((h) => h.tasks),
          observations: batch.flatMap((h) => h.observations),
          findings: batch.flatMap((h) => h.findings),
        });
      }
      const stats = statsOf(hosts);
      await store.finishAudit(id, 'complete', stats, new Date(Date.parse(startedAt) + spec.hosts * 700 + 60_000).toISOString());
      return {
        id,
        startedAt,
        hosts: hosts.length,
        observations: stats.observations,
        findings: hosts.reduce((n, h) => n + h.findings.length, 0),
        failures: hosts.reduce((n, h) => n + h.failures, 0),
        bySeverity: stats.failures,
        byOutcome: stats.outcomes,
      };
    };
    const older: BuiltAudit[] = [];
    for (const [k, hosts] of earlier.entries()) older.push(await write(earlierStart(spec.earlier - k), hosts, `earlier-${spec.earlier - k}`));
    const builtCurrent = await write(CURRENT_START, current, 'current');
    return { earlier: older.at(-1)!, older, current: builtCurrent, rulesVersion, rules: rules.length, requestedFailures: spec.failures, buildMs: performance.now() - started };
  } finally {
    await store.close();
  }
}

function earlierStart(distance: number): string {
  return new Date(Date.parse(EARLIER_START) - (distance - 1) * QUARTER_MS).toISOString();
}

/** What the ports and TLS scanners would have recorded on one host, judged by the rules. */
function judgeHost(plan: HostPlan, ctx: Context): Judged {
  const { target, index } = plan;
  const random = prng(plan.seed ^ 0x7a11);
  const at = (offsetMs: number) => new Date(ctx.start + index * 700 + offsetMs).toISOString();
  const observations: Observation[] = [];
  const tasks: TaskRecord[] = [];
  const rtt = 0.3 + random() * 3;
  observations.push({ kind: 'host.status', host: target.host, scanner: 'ports', at: at(0), data: { state: 'up', reason: 'syn-ack', address: target.address!, rttMs: round(rtt) } });
  const open: Array<Observation<'port.open'>> = plan.open.map((port) => ({
    kind: 'port.open', host: target.host, port, scanner: 'ports', at: at(200 + port % 997), data: { port, protocol: 'tcp', service: serviceName(port), reason: 'syn-ack', rttMs: round(rtt * (0.8 + random() * 0.4)) },
  }));
  observations.push(...open);
  observations.push({
    kind: 'port.summary', host: target.host, scanner: 'ports', at: at(1500),
    data: { protocol: 'tcp', scanned: ctx.scanned, total: ctx.scannedCount, open: open.length, closed: ctx.scannedCount - open.length, filtered: 0, filteredPorts: '', timeoutMs: 3000 },
  });
  tasks.push({ host: target.host, scanner: 'ports', status: 'ok', durationMs: 1500 + Math.round(random() * 6000), attempts: 1 });

  const endpoints = tlsEndpoints(target, open, [], {});
  if (endpoints.length === 0) tasks.push({ host: target.host, scanner: 'tls', status: 'skipped', durationMs: 0, attempts: 0 });
  else if (plan.tlsTimeout) tasks.push({ host: target.host, scanner: 'tls', status: 'timeout', durationMs: 1_800_000, attempts: 1 });
  else {
    for (const endpoint of endpoints) {
      observations.push(
        ...endpointObservations({
          host: target.host,
          port: endpoint.port,
          starttls: endpoint.starttls,
          sni: endpoint.sni,
          profile: plan.tls.get(endpoint.port) ?? 'intermediate',
          random: prng(plan.seed ^ Math.imul(endpoint.port, 0x9e3779b1)),
          at: at(2000 + endpoint.port % 5000),
          now: ctx.now,
        }),
      );
    }
    tasks.push({ host: target.host, scanner: 'tls', status: 'ok', durationMs: 2000 + Math.round(random() * 20_000), attempts: 1 });
  }
  const findings = ctx.judge(target, observations, deriveCoverage(SIMULATED, tasks, observations));
  return { plan, observations, tasks, findings, failures: findings.filter((f) => f.outcome === 'fail').length };
}

/** Ports a port rule judges that no TLS probe follows: opening one adds exactly one failure. */
function knobPorts(rules: readonly Rule[]): number[] {
  const probe = { host: '127.64.0.1', kind: 'ip' as const, address: '127.64.0.1', urls: [], ports: [], explicit: true };
  return portsOfInterest(rules).filter((port) => {
    const open = [{ kind: 'port.open' as const, host: probe.host, port, scanner: 'ports', at: CURRENT_START, data: { port, protocol: 'tcp' as const, service: '', reason: 'syn-ack' as const, rttMs: 1 } }];
    return tlsEndpoints(probe, open, [], {}).length === 0;
  });
}

/**
 * Opens or closes exposed-service ports on hosts taken in a shuffled order until the audit has
 * exactly `wanted` failures. A change is kept only if it moves the total towards the goal (a
 * rule edited to judge ports differently could make it move by more than one, or not at all).
 */
function calibrate(hosts: Judged[], wanted: number, knobs: readonly number[], ctx: Context, random: () => number): void {
  const order = hosts.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let total = hosts.reduce((n, h) => n + h.failures, 0);
  let idle = 0;
  for (let step = 0; total !== wanted && idle < hosts.length * 2; step++) {
    const i = order[step % order.length]!;
    const host = hosts[i]!;
    const open = new Set(host.plan.open);
    const candidates = total < wanted ? knobs.filter((p) => !open.has(p)) : knobs.filter((p) => open.has(p));
    if (candidates.length === 0) {
      idle++;
      continue;
    }
    const port = candidates[Math.floor(random() * candidates.length)]!;
    if (total < wanted) open.add(port);
    else open.delete(port);
    const judged = judgeHost({ ...host.plan, open: [...open].sort((a, b) => a - b) }, ctx);
    const next = total - host.failures + judged.failures;
    if (Math.abs(wanted - next) < Math.abs(wanted - total)) {
      hosts[i] = judged;
      total = next;
      idle = 0;
    } else idle++;
  }
}

function auditMeta(startedAt: string, spec: AuditSpec, rulesVersion: string, salt: string): AuditMeta {
  const digest = createHash('sha256').update(`${spec.seed}/${spec.hosts}/${salt}`).digest('hex');
  const uuid = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  return {
    uuid,
    startedAt,
    auditor: 'Trung tâm Giám sát an toàn không gian mạng (bench)',
    machine: 'rasoat-bench',
    pid: process.pid,
    authorization: '45/QĐ-UBND ngày 15/11/2026',
    profile: 'default',
    scope: { targets: [], targetFiles: ['bench-province.yaml'], exclude: [], excludePorts: '2024', resolve: {} },
    options: { ports: 'top-1000', bench: { ...spec, audit: salt } },
    toolVersion: packageVersion(),
    rulesVersion,
    scanners: SIMULATED.map((s) => s.id),
  };
}

function statsOf(hosts: readonly Judged[]): AuditStats {
  const failures = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const outcomes: Record<string, number> = {};
  let tasks = 0;
  let tasksFailed = 0;
  let observations = 0;
  for (const h of hosts) {
    observations += h.observations.length;
    for (const t of h.tasks) {
      if (t.status === 'skipped') continue;
      tasks++;
      if (t.status !== 'ok') tasksFailed++;
    }
    for (const f of h.findings) {
      outcomes[f.outcome] = (outcomes[f.outcome] ?? 0) + 1;
      if (f.outcome === 'fail') failures[f.severity]++;
    }
  }
  return { hosts: hosts.length, hostsUp: hosts.length, hostsDown: 0, tasks, tasksFailed, observations, failures, outcomes };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
