import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import type { AuditMeta, AuditStats, AuditStatus } from '../core/model/audit.js';
import type { DistributedPlan } from '../core/model/chunk.js';
import type { AuditJob } from '../core/run-audit.js';
import type { EventSink } from '../core/scheduler/events.js';
import { coordinate } from '../cluster/coordinator.js';
import { KEY_PREFIX, queueFailure, type QueueLocation } from '../cluster/connection.js';
import { CONTROL_QUEUE } from '../cluster/names.js';
import { splitAudit } from '../cluster/split.js';
import { t } from '../i18n/t.js';
import { createJudge } from '../rules/evaluate.js';
import type { Rule } from '../rules/schema.js';
import type { SoftwareJudgeData } from '../rules/software-facts.js';
import { SCANNERS } from '../scanners/index.js';
import type { Store } from '../store/store.js';
import type { CliContext } from './context.js';
import { DistributedProgressView } from './distributed-progress.js';
import { formatNumber } from './format.js';
import { positiveInt } from './numbers.js';
import { queueFromFlags } from './queue-options.js';
import { snapshotOf } from './rulebook.js';
import type { JobRun } from './run-job.js';
import { SummaryCollector } from './commands/scan-summary.js';
import { emptyStats } from '../cluster/settle.js';

export interface DistributedFlags {
  chunkSize?: string;
  agentWait?: string;
  detach?: boolean;
  rules?: string[];
  ruleParam?: string[];
  certExpiryDays?: string;
  quiet?: boolean;
}

/**
 * Hosts per job. bench:distributed (10,000 hosts, 2 agents): 64 took 95-117 s, 256 took 61-76 s,
 * 1,024 49-65 s but with only 10 jobs and a 500 MB central process; 256 balances the two.
 */
export const DEFAULT_CHUNK_SIZE = 256;

/** How long an agent may be silent before it is taken for dead: three missed heartbeats. */
export const AGENT_STALE_MS = 15_000;

/**
 * The central half of `rasoat scan --distributed`: splits the stored audit into its segments'
 * jobs, records the plan, and coordinates it here (or, with --detach, leaves that to rasoat server).
 */
export async function runDistributed(
  ctx: CliContext,
  store: Store,
  audit: { id: number; uuid: string },
  job: AuditJob,
  rules: Rule[],
  software: SoftwareJudgeData,
  flags: DistributedFlags,
  location: QueueLocation,
  signal: AbortSignal,
  /** Also told everything, as the engine tells its sinks (the TUI's live view). */
  sinks: EventSink[] = [],
): Promise<{ status: AuditStatus; stats: AuditStats } | 'detached'> {
  const chunkSize = positiveInt(flags.chunkSize, DEFAULT_CHUNK_SIZE, '--chunk-size', 1);
  const agentWaitMs = positiveInt(flags.agentWait, 60, '--agent-wait', 1) * 1000;
  const split = splitAudit(job, audit.uuid, chunkSize);
  const plan: DistributedPlan = {
    segments: split.segments,
    judge: { rulesDirs: flags.rules ?? [], ruleParams: flags.ruleParam ?? [], ...(flags.certExpiryDays ? { certExpiryDays: flags.certExpiryDays } : {}), ruleIds: rules.map((r) => r.id) },
    agentWaitMs,
  };
  await store.cluster.begin(audit.id, plan, split.jobs, new Date(ctx.clock.now()).toISOString());
  const described = {
    id: audit.id,
    hosts: formatNumber(split.segments.reduce((n, s) => n + s.hosts, 0), ctx.lang),
    chunks: formatNumber(split.jobs.length, ctx.lang),
    segments: split.segments.map((s) => s.segment).join(', '),
    url: location.url,
  };
  if (flags.detach) {
    const control = new Queue(CONTROL_QUEUE, { connection: location.options, prefix: KEY_PREFIX });
    try {
      await control.add('audit', { auditId: audit.id }, { jobId: `audit.${audit.uuid}`, removeOnComplete: true, removeOnFail: 100 });
    } catch (error) {
      throw queueFailure(error, location);
    } finally {
      await control.close().catch(() => undefined);
    }
    ctx.stderr.write(`${t(ctx.lang, 'distributed.submitted', described)}\n`);
    return 'detached';
  }
  if (!flags.quiet) ctx.stderr.write(`${t(ctx.lang, 'distributed.starting', described)}\n`);
  const view = !flags.quiet && ctx.stderr.isTTY === true ? new DistributedProgressView(ctx.stderr, ctx.lang) : null;
  try {
    const end = await coordinate(audit.id, {
      store,
      location,
      registry: SCANNERS,
      judge: createJudge(rules, () => ctx.clock.now(), software),
      clock: ctx.clock,
      staleMs: AGENT_STALE_MS,
      tickMs: 1000,
      signal,
      sinks: view ? [...sinks, view] : sinks,
      log: (line) => ctx.stderr.write(`${line}\n`),
    });
    view?.clear();
    if (end === 'detached') ctx.stderr.write(`${t(ctx.lang, 'distributed.detached', { id: audit.id })}\n`);
    return end;
  } catch (error) {
    view?.clear();
    throw error;
  }
}

/**
 * A prepared job (a drill's) run on the agents and stored as a new audit, as runJob runs one in
 * this process: the queue comes from the config or RASOAT_QUEUE. Stopped, it leaves the audit to
 * rasoat server and reports it as still running.
 */
export async function runDistributedJob(
  settings: { chunkSize?: number | undefined; agentWait?: number | undefined },
  ctx: CliContext,
  store: Store,
  job: AuditJob,
  rules: Rule[],
  software: SoftwareJudgeData,
  meta: Omit<AuditMeta, 'uuid' | 'startedAt' | 'machine' | 'pid' | 'scanners'>,
  quiet: boolean,
  signal?: AbortSignal,
): Promise<JobRun> {
  const { location } = queueFromFlags(ctx, {});
  const uuid = ctx.random.uuid();
  const options = { ...meta.options, distributed: { queue: location.url } };
  const auditId = await store.createAudit({ ...meta, options, uuid, startedAt: new Date(ctx.clock.now()).toISOString(), machine: hostname(), pid: process.pid, scanners: job.scanners, command: process.argv.slice(2).join(' ') }, rules.map(snapshotOf));
  const flags: DistributedFlags = { quiet, ...(settings.chunkSize ? { chunkSize: String(settings.chunkSize) } : {}), ...(settings.agentWait ? { agentWait: String(settings.agentWait) } : {}) };
  const end = await runDistributed(ctx, store, { id: auditId, uuid }, job, rules, software, flags, location, signal ?? new AbortController().signal);
  const outcome = end === 'detached' ? { status: 'running' as const, stats: emptyStats() } : end;
  return { auditId, outcome, summary: await storedSummary(store, auditId) };
}

/** A distributed audit's summary, read back from the store (its events happened in other processes). */
export async function storedSummary(store: Store, auditId: number): Promise<SummaryCollector> {
  const summary = new SummaryCollector();
  const audit = await store.getAudit(String(auditId));
  summary.elapsedMs = Math.max(0, Date.parse(audit.endedAt ?? audit.startedAt) - Date.parse(audit.startedAt));
  for (const finding of await store.findings(auditId, { outcomes: ['fail'] })) summary.handle({ type: 'finding', finding });
  for (const observation of await store.observations(auditId, { kinds: ['port.open'] })) summary.handle({ type: 'observation', observation });
  return summary;
}
