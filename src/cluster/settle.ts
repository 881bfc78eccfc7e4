import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { AuditStats } from '../core/model/audit.js';
import type { ChunkJob, ChunkResult, HostReport } from '../core/model/chunk.js';
import { deriveCoverage, type Judge, type TaskStatus } from '../core/model/coverage.js';
import { isObservationKind, type Observation } from '../core/model/observation.js';
import type { Scanner } from '../core/model/scanner.js';
import { SEVERITIES, type Severity } from '../core/model/severity.js';
import type { HostTarget } from '../core/model/target.js';
import type { WriteBatch } from '../store/store.js';

const TASK_STATUSES = ['ok', 'error', 'timeout', 'interrupted', 'skipped', 'unreachable'] as const satisfies readonly TaskStatus[];

const observation = z.object({ kind: z.string(), host: z.string(), scanner: z.string(), at: z.string(), port: z.number().int().min(0).max(65535).optional(), data: z.record(z.string(), z.unknown()) });
const task = z.object({ host: z.string(), scanner: z.string(), status: z.enum(TASK_STATUSES), durationMs: z.number().min(0), attempts: z.number().int().min(0) });
const report = z.object({ target: z.object({ host: z.string(), address: z.string().optional() }).passthrough(), up: z.boolean(), tasks: z.array(task), observations: z.array(observation) });
const result = z.object({ v: z.literal(1), auditUuid: z.string(), chunk: z.number().int().min(0), segment: z.string(), agent: z.string().min(1).max(200), refused: z.string().max(2000).optional(), hosts: z.array(report) });

/**
 * Reads an agent's result as untrusted input: only the job's own hosts, the job's scanners and
 * known kinds are kept, and the host identity (group, URLs, explicit) is the server's, never the
 * agent's. A compromised agent can lie about what it saw, but not about other hosts or audits.
 */
export function acceptResult(raw: unknown, job: ChunkJob): ChunkResult | null {
  const parsed = result.safeParse(raw);
  if (!parsed.success) return null;
  const r = parsed.data;
  if (r.auditUuid !== job.auditUuid || r.chunk !== job.chunk || r.segment !== job.segment) return null;
  const expected = new Map(job.hosts.map((h) => [h.host, h]));
  const scanners = new Set([...job.spec.scanners, 'engine']);
  const hosts: HostReport[] = [];
  for (const given of r.hosts) {
    const target = expected.get(given.target.host);
    if (!target) continue;
    expected.delete(given.target.host);
    const own = (o: { host: string }) => o.host === target.host;
    hosts.push({
      target: { ...target, ...(given.target.address ? { address: given.target.address } : {}) },
      up: given.up,
      tasks: given.tasks.filter((k) => own(k) && scanners.has(k.scanner)),
      observations: given.observations.filter((o) => own(o) && scanners.has(o.scanner) && isObservationKind(o.kind)) as unknown as Observation[],
    });
  }
  return { v: 1, auditUuid: r.auditUuid, chunk: r.chunk, segment: r.segment, agent: r.agent, ...(r.refused ? { refused: r.refused } : {}), hosts };
}

/** Reports for hosts no agent scanned: honest "not assessed" with the reason, never a pass. */
export function notScannedReports(hosts: readonly HostTarget[], scanners: readonly string[], why: string, clock: Clock): HostReport[] {
  const at = new Date(clock.now()).toISOString();
  return hosts.map((target) => ({
    target,
    up: false,
    tasks: scanners.map((scanner) => ({ host: target.host, scanner, status: 'unreachable' as const, durationMs: 0, attempts: 0 })),
    observations: [{ kind: 'scan.error', host: target.host, scanner: 'engine', at, data: { scanner: 'engine', reason: 'not-scanned', message: why } } as Observation],
  }));
}

/**
 * Judges each host's facts with the audit's rules, exactly as the engine does in-process, and
 * returns what to store and what it adds to the audit's totals.
 */
export function judgeReports(reports: readonly HostReport[], scanners: readonly Scanner[], judge: Judge): { batch: WriteBatch; stats: AuditStats } {
  const batch: WriteBatch = { targets: [], tasks: [], observations: [], findings: [] };
  const stats = emptyStats();
  for (const report of reports) {
    stats.hosts++;
    if (report.up) stats.hostsUp++;
    else stats.hostsDown++;
    stats.tasks += report.tasks.filter((k) => k.status !== 'skipped' && k.status !== 'unreachable').length;
    stats.tasksFailed += report.tasks.filter((k) => k.status === 'error' || k.status === 'timeout' || k.status === 'interrupted').length;
    stats.observations += report.observations.length;
    const notScanned = report.observations.some((o) => o.kind === 'scan.error' && o.scanner === 'engine' && o.data.reason === 'not-scanned');
    // An address of a range that did not answer is counted, not stored; one never scanned is stored, to say so.
    if (!report.target.explicit && !report.up && !notScanned) continue;
    const findings = judge(report.target, report.observations, deriveCoverage(scanners, report.tasks, report.observations));
    for (const f of findings) {
      stats.outcomes[f.outcome] = (stats.outcomes[f.outcome] ?? 0) + 1;
      if (f.outcome === 'fail') stats.failures[f.severity]++;
    }
    batch.targets.push({ ...report.target, up: report.up });
    batch.tasks.push(...report.tasks);
    batch.observations.push(...report.observations);
    batch.findings.push(...findings);
  }
  return { batch, stats };
}

export function emptyStats(): AuditStats {
  return { hosts: 0, hostsUp: 0, hostsDown: 0, tasks: 0, tasksFailed: 0, observations: 0, failures: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, outcomes: {} };
}

export function addStats(total: AuditStats, part: AuditStats): void {
  total.hosts += part.hosts;
  total.hostsUp += part.hostsUp;
  total.hostsDown += part.hostsDown;
  total.tasks += part.tasks;
  total.tasksFailed += part.tasksFailed;
  total.observations += part.observations;
  for (const s of SEVERITIES) total.failures[s] += part.failures[s];
  for (const [outcome, n] of Object.entries(part.outcomes)) total.outcomes[outcome] = (total.outcomes[outcome] ?? 0) + n;
}
