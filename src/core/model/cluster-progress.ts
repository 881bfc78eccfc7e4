import { t } from '../../i18n/t.js';
import type { Lang } from './text.js';

/** Where a distributed audit stands, segment by segment and agent by agent. */
export interface DistributedProgress {
  auditId: number;
  hostsTotal: number;
  hostsDone: number;
  hostsNotAssessed: number;
  /** Hosts inside jobs that agents are working on now. */
  hostsRunning: number;
  chunksTotal: number;
  chunksDone: number;
  segments: SegmentProgress[];
  elapsedMs: number;
}

export interface SegmentProgress {
  segment: string;
  hosts: number;
  hostsDone: number;
  hostsNotAssessed: number;
  /** true when no agent of the segment has been heard from recently. */
  waiting: boolean;
  agents: Array<{ name: string; live: boolean; jobsDone: number; jobsFailed: number; current: { job: string; done: number; total: number } | null }>;
}

/** "A: 3/8 · a1 1/2, a2 idle": a segment, its hosts done and what each live agent is doing. */
export function segmentLine(s: SegmentProgress, lang: Lang, format: (n: number) => string): string {
  const agents = s.agents.filter((a) => a.live).map((a) => (a.current ? `${a.name} ${a.current.done}/${a.current.total}` : `${a.name} ${t(lang, 'distributed.idle')}`));
  const skipped = s.hostsNotAssessed > 0 ? ` · ${t(lang, 'distributed.notAssessedCount', { count: format(s.hostsNotAssessed) })}` : '';
  return `${s.segment}: ${format(s.hostsDone)}/${format(s.hosts)}${skipped} · ${agents.length > 0 ? agents.join(', ') : t(lang, 'distributed.noLiveAgent')}`;
}
