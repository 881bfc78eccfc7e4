import type { AuditRecord } from '../core/model/audit.js';
import { diffAudits, type AuditSide } from './diff.js';
import type { Comparison } from './options.js';

/**
 * The change report's sets: exactly `rasoat diff <before> <after>`, plus which new failures are
 * reopened, i.e. failed in an audit older than `before` (fixed once, back again).
 */
export function compareAudits(before: AuditRecord, beforeSide: AuditSide, after: AuditSide, olderFailing: ReadonlySet<string>): Comparison {
  const diff = diffAudits(beforeSide, after);
  return {
    before: { id: before.id, uuid: before.uuid, startedAt: before.startedAt },
    diff,
    reopened: diff.new.filter((f) => olderFailing.has(f.fingerprint)).map((f) => f.fingerprint),
  };
}

/** Two audits cover the same scope when they were given the same targets, files and exclusions. */
export function scopeKey(audit: Pick<AuditRecord, 'scope'>): string {
  const { scope } = audit;
  return JSON.stringify([[...scope.targets].sort(), [...scope.targetFiles].sort(), [...scope.exclude].sort(), scope.excludePorts]);
}
