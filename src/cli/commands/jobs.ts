import type { Command } from 'commander';
import { NotFoundError } from '../../core/errors.js';
import { jobStates } from '../../cluster/job-states.js';
import { queueFailure, type QueueLocation } from '../../cluster/connection.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { openForReadingOrFail } from '../open-store.js';
import { queueFromFlags, type QueueFlags } from '../queue-options.js';

/** rasoat jobs AUDIT: a distributed audit, job by job (or target by target): done, running, waiting, not assessed. */
export async function jobsAction(ctx: CliContext, command: Command): Promise<number> {
  const ref = command.processedArgs[0] as string;
  const flags = command.opts<QueueFlags & { json?: boolean; hosts?: boolean }>();
  let location: QueueLocation | null = null;
  try {
    location = queueFromFlags(ctx, flags).location;
  } catch {
    location = null; // without a queue, the store still tells what is settled
  }
  const store = await openForReadingOrFail(ctx);
  try {
    const audit = await store.getAudit(ref);
    const chunks = await store.cluster.chunks(audit.id);
    if (chunks.length === 0) throw new NotFoundError('jobs.notDistributed', { id: audit.id });
    const states = await jobStates(chunks, audit.uuid, location).catch((error: unknown) => {
      throw location ? queueFailure(error, location) : error;
    });
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(flags.hosts ? states.flatMap((s) => s.hosts.map((host) => ({ host, segment: s.segment, state: s.state, agent: s.agent, reason: s.reason }))) : states, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = flags.hosts
      ? states.flatMap((s) => s.hosts.map((host) => [host, s.segment, t(ctx.lang, `jobs.state.${s.state}`), s.agent ?? '-', s.reason ?? '']))
      : states.map((s) => [String(s.chunk), s.segment, s.hosts.length === 1 ? s.hosts[0]! : `${s.hosts[0]} … ${s.hosts.at(-1)} (${s.hosts.length})`, t(ctx.lang, `jobs.state.${s.state}`), s.agent ?? '-', s.reason ?? '']);
    const head = flags.hosts ? ['TARGET', 'SEGMENT', 'STATE', 'AGENT', 'REASON'] : ['JOB', 'SEGMENT', 'TARGETS', 'STATE', 'AGENT', 'REASON'];
    const all = [head, ...rows];
    const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
    for (const row of all) ctx.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
    const count = (state: string) => states.filter((s) => s.state === state).reduce((n, s) => n + s.hosts.length, 0);
    ctx.stdout.write(`\n${t(ctx.lang, 'jobs.summary', { done: count('done'), running: count('running'), waiting: count('waiting'), notAssessed: count('not-assessed') + count('failed') })}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
