import { Worker } from 'bullmq';
import type { Command } from 'commander';
import { coordinate } from '../../cluster/coordinator.js';
import { KEY_PREFIX, openRedis, queueFailure, type QueueLocation } from '../../cluster/connection.js';
import { CONTROL_QUEUE } from '../../cluster/names.js';
import { t } from '../../i18n/t.js';
import { createJudge } from '../../rules/evaluate.js';
import { SCANNERS } from '../../scanners/index.js';
import { Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { AGENT_STALE_MS } from '../distributed-scan.js';
import { EXIT } from '../exit-codes.js';
import { queueFromFlags, type QueueFlags } from '../queue-options.js';
import { loadRuleBook } from '../rulebook.js';
import { softwareJudgeData } from '../software-judge.js';

/**
 * rasoat server: the one place results are judged and stored. It resumes every distributed audit
 * left unfinished (a restart rescans nothing already stored), then takes audits submitted with
 * `scan --distributed --detach` until SIGINT or SIGTERM.
 */
export async function serverAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<QueueFlags & { once?: boolean }>();
  const { location } = queueFromFlags(ctx, flags);
  (await openRedis(location, 'rasoat-server-check')).disconnect();
  const store = await Store.open(ctx.dbPath, { readonly: false });
  const controller = new AbortController();
  const running = new Map<number, Promise<void>>();
  const stamp = () => new Date(ctx.clock.now()).toISOString();
  const say = (line: string) => ctx.stderr.write(`${stamp()} ${line}\n`);
  let control: Worker | null = null;

  const take = (auditId: number) => {
    if (running.has(auditId)) return;
    const work = coordinateStored(ctx, store, location, auditId, controller.signal, say)
      .catch((error: unknown) => {
        say((error as Error).message);
      })
      .finally(() => {
        running.delete(auditId);
      });
    running.set(auditId, work);
  };

  try {
    say(t(ctx.lang, 'server.started', { url: location.url, db: ctx.dbPath }));
    for (const auditId of await store.cluster.unfinished()) {
      const chunks = await store.cluster.chunks(auditId, { withJobs: false });
      say(t(ctx.lang, 'server.resuming', { id: auditId, left: chunks.filter((c) => c.state === 'queued').length, chunks: chunks.length }));
      take(auditId);
    }
    if (flags.once) {
      while (running.size > 0) await Promise.all([...running.values()]);
      return EXIT.ok;
    }
    control = new Worker(
      CONTROL_QUEUE,
      async (job) => {
        const auditId = Number((job.data as { auditId?: unknown }).auditId);
        if (Number.isSafeInteger(auditId) && auditId > 0) take(auditId);
      },
      { connection: location.options, prefix: KEY_PREFIX, concurrency: 1 },
    );
    control.on('error', (error) => say(queueFailure(error, location).message));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    controller.abort();
    await control.close().catch(() => undefined);
    await Promise.all([...running.values()]);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** Coordinates a stored distributed audit with the rules it was started with. */
async function coordinateStored(ctx: CliContext, store: Store, location: QueueLocation, auditId: number, signal: AbortSignal, say: (line: string) => void): Promise<void> {
  const plan = await store.cluster.plan(auditId);
  if (!plan) return;
  const book = loadRuleBook(ctx, plan.judge.rulesDirs, { ruleParam: plan.judge.ruleParams, ...(plan.judge.certExpiryDays ? { certExpiryDays: plan.judge.certExpiryDays } : {}) });
  const wanted = new Set(plan.judge.ruleIds);
  const rules = book.rules.filter((r) => wanted.has(r.id));
  const software = await softwareJudgeData(store, book);
  const end = await coordinate(auditId, {
    store,
    location,
    registry: SCANNERS,
    judge: createJudge(rules, () => ctx.clock.now(), software),
    clock: ctx.clock,
    staleMs: AGENT_STALE_MS,
    tickMs: 1000,
    signal,
    log: say,
  });
  if (end === 'detached') return;
  const chunks = await store.cluster.chunks(auditId, { withJobs: false });
  say(t(ctx.lang, 'server.finished', { id: auditId, status: end.status, stored: chunks.filter((c) => c.state === 'stored').length, notAssessed: chunks.filter((c) => c.state === 'not-assessed').length }));
}
