import type { ChunkJob } from '../core/model/chunk.js';
import { buildTargetSet, type AuditJob } from '../core/run-audit.js';
import type { HostJobSpec } from '../core/scheduler/host-runner.js';

/** Where targets that name no segment go: agents started with `--segment default` take them. */
export const DEFAULT_SEGMENT = 'default';

export interface SplitAudit {
  jobs: ChunkJob[];
  segments: Array<{ segment: string; hosts: number; chunks: number }>;
}

/**
 * Splits an audit into chunks of at most `chunkSize` hosts, each for the segment its targets
 * file group names. Each chunk carries the scope of its whole segment (so a redirect between two
 * hosts of one segment is followed as in a one-machine scan) but never another segment's hosts,
 * and every host is in exactly one chunk: one agent at a time ever works on it.
 */
export function splitAudit(job: AuditJob, auditUuid: string, chunkSize: number): SplitAudit {
  buildTargetSet(job); // the whole audit's checks (size limits, exclusions) once, before any splitting
  const bySegment = new Map<string, AuditJob['targets']>();
  for (const target of job.targets) {
    const segment = target.group?.segment ?? DEFAULT_SEGMENT;
    if (!bySegment.has(segment)) bySegment.set(segment, []);
    bySegment.get(segment)!.push(target);
  }

  const jobs: ChunkJob[] = [];
  const segments: SplitAudit['segments'] = [];
  const taken = new Set<string>();
  for (const [segment, targets] of bySegment) {
    const set = buildTargetSet({ targets, exclude: job.exclude, allowLarge: job.allowLarge });
    const spec: HostJobSpec = {
      scope: set.scopeSpec(job.excludePorts),
      limits: job.limits,
      resolve: job.resolve,
      scanners: job.scanners,
      scannerOptions: job.scannerOptions,
      userAgent: job.userAgent,
    };
    let hosts = 0;
    let chunks = 0;
    let current: ChunkJob['hosts'] = [];
    const flush = () => {
      if (current.length === 0) return;
      const own = { ...spec, scannerOptions: forHosts(spec.scannerOptions, new Set(current.map((h) => h.host))) };
      jobs.push({ v: 1, auditUuid, chunk: jobs.length, segment, hosts: current, spec: own, maxHosts: Math.min(job.limits.maxHosts, current.length) });
      chunks++;
      current = [];
    };
    for (const host of set.hosts()) {
      // A host listed under two segments is scanned once, by the first segment that names it.
      if (taken.has(host.host)) continue;
      taken.add(host.host);
      current.push(host);
      hosts++;
      if (current.length >= chunkSize) flush();
    }
    flush();
    if (hosts > 0) segments.push({ segment, hosts, chunks });
  }
  return { jobs, segments };
}

/**
 * A job carries only its own hosts' share of per-site options: the previous audit's pages (for
 * content-change checks) of every site would make each job as large as the whole audit's history.
 */
function forHosts(options: Record<string, unknown>, hosts: ReadonlySet<string>): Record<string, unknown> {
  const http = options.http as { previousPages?: Record<string, unknown> } | undefined;
  if (!http?.previousPages) return options;
  const pages = Object.fromEntries(Object.entries(http.previousPages).filter(([url]) => hosts.has(hostOf(url))));
  return { ...options, http: { ...http, previousPages: pages } };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return '';
  }
}

/** Segment names become Redis key and ACL patterns: keep them to a safe alphabet. */
export function validSegment(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(name);
}
