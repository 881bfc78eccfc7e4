import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../../core/errors.js';
import { knownSegments, readBeats } from '../../cluster/agent-beats.js';
import { removeAgentUser, setAgentUser } from '../../cluster/acl.js';
import { openRedis, queueFailure } from '../../cluster/connection.js';
import { validSegment } from '../../cluster/split.js';
import { AgentScope } from '../../cluster/agent-scope.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatDuration } from '../format.js';
import { AGENT_STALE_MS } from '../distributed-scan.js';
import { queueFromFlags, type QueueFlags } from '../queue-options.js';

/** rasoat agents: every agent that reported, newest heartbeat first within each segment. */
export async function agentsListAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<QueueFlags & { json?: boolean }>();
  const { location } = queueFromFlags(ctx, flags);
  const redis = await openRedis(location, 'rasoat-agents');
  try {
    const segments = await knownSegments(redis);
    const now = ctx.clock.now();
    const beats = [...(await readBeats(redis, segments, now, AGENT_STALE_MS)).values()].flat();
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(beats, null, 2)}\n`);
      return EXIT.ok;
    }
    if (beats.length === 0) {
      ctx.stdout.write(`${t(ctx.lang, 'agents.none', { url: location.url })}\n`);
      return EXIT.ok;
    }
    const rows = [['AGENT', 'SEGMENT', 'VERSION', 'MACHINE', 'LAST HEARTBEAT', 'STATE', 'DONE', 'FAILED', 'REFUSED', 'WORKING ON']];
    for (const b of beats) {
      const ago = formatDuration(Math.max(0, now - Date.parse(b.lastSeen)));
      rows.push([b.name, b.segment, b.version, `${b.machine}:${b.pid}`, `${b.lastSeen} (${ago} ago)`, b.live ? 'live' : 'silent', String(b.jobsDone), String(b.jobsFailed), String(b.jobsRefused), b.current ? `${b.current.job} ${b.current.done}/${b.current.total}` : '-']);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const row of rows) ctx.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
    return EXIT.ok;
  } catch (error) {
    throw queueFailure(error, location);
  } finally {
    redis.disconnect();
  }
}

interface AddFlags extends QueueFlags {
  segment: string;
  allow: string[];
  out: string;
  agentQueue?: string;
  ca?: string;
  cert?: string;
  key?: string;
}

/** rasoat agents add: a Redis ACL user for one agent and its credentials file (mode 600). */
export async function agentsAddAction(ctx: CliContext, command: Command): Promise<number> {
  const name = command.processedArgs[0] as string;
  const flags = command.optsWithGlobals<AddFlags>();
  if (!validSegment(name)) throw new UsageError('agent.badName', { name });
  if (!validSegment(flags.segment)) throw new UsageError('agent.badSegment', { segment: flags.segment });
  const allow = flags.allow.flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  new AgentScope(allow); // checked before anything is created
  if (existsSync(flags.out)) throw new UsageError('agents.exists', { file: flags.out });
  const { location } = queueFromFlags(ctx, flags);
  const password = randomBytes(24).toString('base64url');
  const redis = await openRedis(location, 'rasoat-agents');
  let saved: boolean;
  try {
    saved = await setAgentUser(redis, name, flags.segment, password);
  } catch (error) {
    throw queueFailure(error, location);
  } finally {
    redis.disconnect();
  }
  const file = { url: flags.agentQueue ?? location.url, user: name, password, name, segment: flags.segment, allow, ...(flags.ca ? { ca: flags.ca } : {}), ...(flags.cert ? { cert: flags.cert } : {}), ...(flags.key ? { key: flags.key } : {}) };
  writeFileSync(flags.out, `# rasoat agent credentials: keep secret (mode 600)\n${stringify(file)}`, { mode: 0o600, flag: 'wx' });
  ctx.stderr.write(`${t(ctx.lang, 'agents.added', { name, segment: flags.segment, file: flags.out })}\n`);
  if (!saved) ctx.stderr.write(`${t(ctx.lang, 'agents.notSaved')}\n`);
  return EXIT.ok;
}

export async function agentsRemoveAction(ctx: CliContext, command: Command): Promise<number> {
  const name = command.processedArgs[0] as string;
  const { location } = queueFromFlags(ctx, command.optsWithGlobals<QueueFlags>());
  const redis = await openRedis(location, 'rasoat-agents');
  try {
    await removeAgentUser(redis, name, await knownSegments(redis));
  } catch (error) {
    throw queueFailure(error, location);
  } finally {
    redis.disconnect();
  }
  ctx.stderr.write(`${t(ctx.lang, 'agents.removed', { name })}\n`);
  return EXIT.ok;
}
