import type { Selectable } from 'kysely';
import type { AuditTrailTable } from './schema.js';
import type { TrailEntry } from './trail.js';

/**
 * A source trail record as appended to the destination's chain: the same content, its audit's
 * destination id, and `copiedFrom` naming the record it copies (its id and hash in the history it
 * was first written to), so that record can be found and a second copy, by any path, recognises it. The destination's own chain
 * stays whole: copied records are linked like any other.
 */
export function copiedEntry(row: Selectable<AuditTrailTable>, ids: ReadonlyMap<number, number>): TrailEntry {
  const detail = JSON.parse(row.detail_json) as Record<string, unknown>;
  // A copy of a copy names the first record: the one any other copy of it names too.
  const origin = (detail.copiedFrom as { id: number; hash: string } | undefined) ?? { id: row.id, hash: row.hash };
  return {
    at: row.at,
    actor: row.actor,
    machine: row.machine,
    action: row.action,
    command: row.command,
    auditId: row.audit_id === null ? null : (ids.get(row.audit_id) ?? null),
    detail: { ...detail, copiedFrom: origin },
    toolVersion: row.tool_version,
    rulesVersion: row.rules_version,
  };
}

/** The hashes a trail holds and copied from: a source record with either is already there. */
export function knownHashes(rows: ReadonlyArray<Selectable<AuditTrailTable>>): Set<string> {
  const known = new Set<string>();
  for (const row of rows) {
    known.add(row.hash);
    const from = (JSON.parse(row.detail_json) as { copiedFrom?: { hash?: unknown } }).copiedFrom?.hash;
    if (typeof from === 'string') known.add(from);
  }
  return known;
}

/** Whether the destination has this source record already (itself, or a copy of it, or it is a copy of one there). */
export function isKnown(row: Selectable<AuditTrailTable>, known: ReadonlySet<string>): boolean {
  if (known.has(row.hash)) return true;
  const from = (JSON.parse(row.detail_json) as { copiedFrom?: { hash?: unknown } }).copiedFrom?.hash;
  return typeof from === 'string' && known.has(from);
}
