import { hostname } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { Agent, type AgentLogEvent } from '../../cluster/agent.js';
import { AgentScope } from '../../cluster/agent-scope.js';
import { validSegment } from '../../cluster/split.js';
import { t } from '../../i18n/t.js';
import { SCANNERS } from '../../scanners/index.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt } from '../numbers.js';
import { queueFromFlags, type QueueFlags } from '../queue-options.js';

interface AgentFlags extends QueueFlags {
  segment?: string;
  allow?: string[];
  name?: string;
  lock?: string;
  heartbeat?: string;
}

/** Runs until SIGINT or SIGTERM; a job in progress then goes back to the queue for another agent. */
export async function agentAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<AgentFlags>();
  const { location, file } = queueFromFlags(ctx, flags);
  const segment = flags.segment ?? file.segment;
  if (!segment || !validSegment(segment)) throw new UsageError('agent.badSegment', { segment: segment ?? '(none)' });
  const allowed = new AgentScope((flags.allow ?? file.allow ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean));
  const name = flags.name ?? file.name ?? location.options.username ?? `${hostname()}-${process.pid}`;
  const lockMs = positiveInt(flags.lock, 30, '--lock', 2) * 1000;
  const heartbeatMs = positiveInt(flags.heartbeat, 5, '--heartbeat', 1) * 1000;
  const stamp = () => new Date(ctx.clock.now()).toISOString();
  const log = (event: AgentLogEvent) => {
    const line =
      event.type === 'done'
        ? t(ctx.lang, 'agent.jobDone', { job: event.job, hosts: event.hosts, seconds: (event.ms / 1000).toFixed(1) })
        : event.type === 'refused'
          ? t(ctx.lang, 'agent.refused', { job: event.job, reason: event.reason })
          : event.type === 'failed'
            ? t(ctx.lang, 'agent.jobFailed', { job: event.job, detail: event.detail })
            : event.detail;
    ctx.stderr.write(`${stamp()} ${line}\n`);
  };
  const agent = new Agent({ name, segment, location, allowed, version: ctx.version, lockMs, heartbeatMs, registry: SCANNERS, clock: ctx.clock, random: ctx.random, log });
  await agent.start();
  ctx.stderr.write(`${stamp()} ${t(ctx.lang, 'agent.started', { name, segment, url: location.url, allow: allowed.specs.join(', ') })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  ctx.stderr.write(`${stamp()} ${t(ctx.lang, 'agent.stopping')}\n`);
  await agent.stop();
  return EXIT.ok;
}
