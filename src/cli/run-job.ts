import { hostname } from 'node:os';
import type { AuditMeta, AuditStats, AuditStatus } from '../core/model/audit.js';
import { startAudit, type AuditJob } from '../core/run-audit.js';
import type { EventSink } from '../core/scheduler/events.js';
import { t } from '../i18n/t.js';
import { createJudge } from '../rules/evaluate.js';
import type { Rule } from '../rules/schema.js';
import type { SoftwareJudgeData } from '../rules/software-facts.js';
import { SCANNERS } from '../scanners/index.js';
import { StoreSink } from '../store/sink.js';
import type { Store } from '../store/store.js';
import type { CliContext } from './context.js';
import { ProgressBar } from './progress.js';
import { snapshotOf } from './rulebook.js';
import { SummaryCollector } from './commands/scan-summary.js';
import { redactArgs } from '../store/location.js';

export interface JobRun {
  auditId: number;
  outcome: { status: AuditStatus; stats: AuditStats };
  summary: SummaryCollector;
}

/**
 * Runs a prepared job in this process and stores it as a new audit: what verify and drill run
 * (rasoat scan keeps its own loop for the TUI and worker threads). Ctrl-C stops it cleanly.
 */
export async function runJob(
  ctx: CliContext,
  store: Store,
  job: AuditJob,
  rules: Rule[],
  software: SoftwareJudgeData,
  meta: Omit<AuditMeta, 'uuid' | 'startedAt' | 'machine' | 'pid' | 'scanners'>,
  quiet: boolean,
  /** Another way to stop it, as Ctrl-C does (the daemon's). */
  signal?: AbortSignal,
): Promise<JobRun> {
  const now = new Date(ctx.clock.now()).toISOString();
  const auditId = await store.createAudit({ ...meta, uuid: ctx.random.uuid(), startedAt: now, machine: hostname(), pid: process.pid, scanners: job.scanners, command: redactArgs(process.argv.slice(2)).join(' ') }, rules.map(snapshotOf));
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  const storeSink = new StoreSink(store, auditId, ctx.clock, () => controller.abort());
  const summary = new SummaryCollector();
  const sinks: EventSink[] = [storeSink, summary];
  const progress = !quiet && ctx.stderr.isTTY === true ? new ProgressBar(ctx.stderr, ctx.lang) : null;
  if (progress) sinks.push(progress);
  if (!quiet) ctx.stderr.write(`${t(ctx.lang, 'scan.starting', { id: auditId, hosts: job.targets.length, scanners: job.scanners.join(', '), rules: rules.length })}\n`);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal);
  if (signal?.aborted) controller.abort();
  try {
    const run = startAudit(job, { scanners: SCANNERS, judge: createJudge(rules, () => ctx.clock.now(), software), sinks, clock: ctx.clock, random: ctx.random, signal: controller.signal });
    const outcome = await run.done.catch(async (error: unknown) => {
      await storeSink.abandon('failed').catch(() => undefined);
      throw error;
    });
    progress?.clear();
    return { auditId, outcome, summary };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    signal?.removeEventListener('abort', onSignal);
  }
}
