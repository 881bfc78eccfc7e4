import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** What one audit stored, read back from its database (read-only), and how its chunks settled. */
export interface StoredAudit {
  status: string;
  startedAt: string;
  endedAt: string | null;
  targets: number;
  hostsUp: number;
  tasks: number;
  observations: number;
  observationsByKind: Record<string, number>;
  findings: number;
  findingsByOutcome: Record<string, number>;
  /** sha256 over every failing and passing verdict (host, port, rule, outcome), sorted. */
  verdictHash: string;
  chunks: ChunkFigures | null;
}

export interface ChunkFigures {
  count: number;
  byState: Record<string, number>;
  byAgent: Record<string, number>;
  /** Bytes of all chunk jobs as stored (the same JSON each agent reads from the queue). */
  jobBytes: number;
  firstSettledAt: number;
  lastSettledAt: number;
  /** Observations and stored rows of every chunk but the first settled: those written between the first settle and the last. */
  observationsAfterFirst: number;
  rowsAfterFirst: number;
}

export function readStoredAudit(file: string): StoredAudit {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const audits = db.prepare('select id, status, started_at, ended_at, scanners_json from audits order by id').all() as Array<{ id: number; status: string; started_at: string; ended_at: string | null; scanners_json: string }>;
    if (audits.length !== 1) throw new Error(`${file}: expected one audit, found ${audits.length}`);
    const audit = audits[0]!;
    const count = (sql: string) => (db.prepare(sql).get(audit.id) as { n: number }).n;
    const grouped = (sql: string) => Object.fromEntries((db.prepare(sql).all(audit.id) as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
    const hash = createHash('sha256');
    for (const row of db.prepare("select host, coalesce(port, -1) as port, rule_id, outcome from findings where audit_id = ? and outcome in ('fail', 'pass') order by host, port, rule_id, outcome").raw().iterate(audit.id)) {
      hash.update(`${(row as unknown[]).join('|')}\n`);
    }
    const findingsByOutcome = grouped('select outcome as k, count(*) as n from findings where audit_id = ? group by outcome');
    const observationsByKind = grouped('select kind as k, count(*) as n from observations where audit_id = ? group by kind');
    return {
      status: audit.status,
      startedAt: audit.started_at,
      endedAt: audit.ended_at,
      targets: count('select count(*) as n from audit_targets where audit_id = ?'),
      hostsUp: count('select count(*) as n from audit_targets where audit_id = ? and up = 1'),
      tasks: count('select count(*) as n from tasks where audit_id = ?'),
      observations: Object.values(observationsByKind).reduce((a, b) => a + b, 0),
      observationsByKind,
      findings: Object.values(findingsByOutcome).reduce((a, b) => a + b, 0),
      findingsByOutcome,
      verdictHash: hash.digest('hex').slice(0, 16),
      chunks: readChunks(db, audit.id, (JSON.parse(audit.scanners_json) as string[]).length),
    };
  } finally {
    db.close();
  }
}

function readChunks(db: Database.Database, auditId: number, scanners: number): ChunkFigures | null {
  const rows = db.prepare('select state, agent, updated_at, stats_json, length(job_json) as bytes from audit_chunks where audit_id = ? order by updated_at').all(auditId) as Array<{ state: string; agent: string | null; updated_at: string; stats_json: string | null; bytes: number }>;
  if (rows.length === 0) return null;
  const byState: Record<string, number> = {};
  const byAgent: Record<string, number> = {};
  let observationsAfterFirst = 0;
  let rowsAfterFirst = 0;
  rows.forEach((row, i) => {
    byState[row.state] = (byState[row.state] ?? 0) + 1;
    if (row.agent) byAgent[row.agent] = (byAgent[row.agent] ?? 0) + 1;
    if (i === 0 || !row.stats_json) return;
    const stats = JSON.parse(row.stats_json) as { hosts: number; tasks: number; observations: number; outcomes: Record<string, number> };
    observationsAfterFirst += stats.observations;
    // a target and one task per scanner (run or skipped) per host, its observations and verdicts
    rowsAfterFirst += stats.hosts * (1 + scanners) + stats.observations + Object.values(stats.outcomes).reduce((a, b) => a + b, 0);
  });
  return {
    count: rows.length,
    byState,
    byAgent,
    jobBytes: rows.reduce((n, r) => n + r.bytes, 0),
    firstSettledAt: Date.parse(rows[0]!.updated_at),
    lastSettledAt: Date.parse(rows.at(-1)!.updated_at),
    observationsAfterFirst,
    rowsAfterFirst,
  };
}

/** Every row the audit stored: targets, tasks, observations and verdicts. */
export function storedRows(audit: StoredAudit): number {
  return audit.targets + audit.tasks + audit.observations + audit.findings;
}

/** Differences of `other` from `reference`, as readable lines; empty when they stored the same. */
export function differences(reference: StoredAudit, other: StoredAudit): string[] {
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (a !== b) out.push(`${what}: ${String(a)} in-process, ${String(b)} here`);
  };
  same('status', reference.status, other.status);
  same('targets', reference.targets, other.targets);
  same('hosts up', reference.hostsUp, other.hostsUp);
  same('tasks', reference.tasks, other.tasks);
  for (const kind of new Set([...Object.keys(reference.observationsByKind), ...Object.keys(other.observationsByKind)])) {
    same(`observations ${kind}`, reference.observationsByKind[kind] ?? 0, other.observationsByKind[kind] ?? 0);
  }
  for (const outcome of new Set([...Object.keys(reference.findingsByOutcome), ...Object.keys(other.findingsByOutcome)])) {
    same(`verdicts ${outcome}`, reference.findingsByOutcome[outcome] ?? 0, other.findingsByOutcome[outcome] ?? 0);
  }
  same('fail/pass verdict set (hash)', reference.verdictHash, other.verdictHash);
  return out;
}
