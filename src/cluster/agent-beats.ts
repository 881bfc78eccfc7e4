import type { Redis } from 'ioredis';
import type { AgentBeat } from './agent.js';
import { agentsKey } from './names.js';

/** Every agent that ever reported in these segments, with whether it is alive now. */
export async function readBeats(redis: Redis, segments: readonly string[], now: number, staleMs: number): Promise<Map<string, Array<AgentBeat & { live: boolean }>>> {
  const bySegment = new Map<string, Array<AgentBeat & { live: boolean }>>();
  const answers = await Promise.all(segments.map((segment) => redis.hgetall(agentsKey(segment))));
  segments.forEach((segment, i) => {
    const beats: Array<AgentBeat & { live: boolean }> = [];
    for (const text of Object.values(answers[i] ?? {})) {
      try {
        const beat = JSON.parse(text) as AgentBeat;
        beats.push({ ...beat, live: now - Date.parse(beat.lastSeen) <= staleMs });
      } catch {
        // A damaged entry is not an agent.
      }
    }
    bySegment.set(segment, beats.sort((a, b) => a.name.localeCompare(b.name)));
  });
  return bySegment;
}

/** Segments that have agents at all, from the keys: what `rasoat agents` lists. */
export async function knownSegments(redis: Redis): Promise<string[]> {
  const segments = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', agentsKey('*'), 'COUNT', 200);
    cursor = next;
    for (const key of keys) {
      const match = /seg\.(.+)\.agents$/.exec(key);
      if (match) segments.add(match[1]!);
    }
  } while (cursor !== '0');
  return [...segments].sort();
}
