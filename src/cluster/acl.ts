import type { Redis } from 'ioredis';
import { segmentPattern, agentsKey } from './names.js';

/**
 * The Redis ACL of one agent: its own password, the keys of its own segment only (jobs, its
 * audits' results, heartbeats), no pub/sub, and no command that reads or changes anything else
 * (no KEYS/SCAN over the keyspace, no CONFIG, no FLUSH*, no ACL).
 */
export function agentAclRules(segment: string, password: string): string[] {
  return [
    'reset',
    'on',
    `>${password}`,
    `~${segmentPattern(segment)}`,
    'resetchannels',
    '-@all',
    '+@read',
    '+@write',
    '+@scripting',
    '+@connection',
    '+@blocking',
    '+@transaction',
    '-@dangerous',
    '-@keyspace',
    '+del',
    '+exists',
    '+expire',
    '+pexpire',
    '+type',
    '+info',
    '+client|setname',
    '+client|getname',
    '+client|id',
    '+client|info',
  ];
}

/** Creates or replaces the agent's ACL user; saved to Redis's aclfile when it has one. Returns whether it was saved. */
export async function setAgentUser(redis: Redis, name: string, segment: string, password: string): Promise<boolean> {
  await redis.call('ACL', 'SETUSER', name, ...agentAclRules(segment, password));
  return saveAcl(redis);
}

export async function removeAgentUser(redis: Redis, name: string, segments: readonly string[]): Promise<void> {
  await redis.call('ACL', 'DELUSER', name);
  for (const segment of segments) await redis.hdel(agentsKey(segment), name);
  await saveAcl(redis);
}

async function saveAcl(redis: Redis): Promise<boolean> {
  try {
    await redis.call('ACL', 'SAVE');
    return true;
  } catch {
    return false; // no aclfile configured: the user lives until Redis restarts
  }
}
