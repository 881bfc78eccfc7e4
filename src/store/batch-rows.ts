import type { BulkTable } from './bulk.js';
import type { DatabaseSchema } from './schema.js';
import type { WriteBatch } from './store.js';

/** A batch of scan results as the rows of each table, in the order they must be written. */
export function batchTables(auditId: number, batch: WriteBatch): Array<BulkTable<keyof DatabaseSchema>> {
  return [
    {
      table: 'audit_targets',
      rows: batch.targets.map((t) => ({
        audit_id: auditId,
        host: t.host,
        kind: t.kind,
        address: t.address ?? null,
        urls_json: JSON.stringify(t.urls),
        agency: t.group?.agency ?? null,
        unit: t.group?.unit ?? null,
        owner: t.group?.owner ?? null,
        tags_json: JSON.stringify(t.group?.tags ?? []),
        level: t.group?.level ?? null,
        explicit: t.explicit ? 1 : 0,
        up: t.up ? 1 : 0,
      })),
      conflict: { columns: ['audit_id', 'host'], update: ['up'] },
    },
    {
      table: 'tasks',
      rows: batch.tasks.map((k) => ({ audit_id: auditId, host: k.host, scanner: k.scanner, status: k.status, duration_ms: Math.round(k.durationMs), attempts: k.attempts })),
      conflict: { columns: ['audit_id', 'host', 'scanner'] },
    },
    {
      table: 'observations',
      rows: batch.observations.map((o) => ({ audit_id: auditId, host: o.host, port: o.port ?? null, kind: o.kind, scanner: o.scanner, at: o.at, data_json: JSON.stringify(o.data) })),
    },
    {
      table: 'findings',
      rows: batch.findings.map((f) => ({
        audit_id: auditId,
        fingerprint: f.fingerprint,
        rule_id: f.ruleId,
        outcome: f.outcome,
        severity: f.severity,
        category: f.category,
        host: f.host,
        port: f.port ?? null,
        evidence_key: f.evidenceKey,
        evidence_json: JSON.stringify(f.evidence),
        title_en: f.title.en,
        title_vi: f.title.vi,
        reason: f.reason ?? null,
        controls_json: JSON.stringify(f.controls),
      })),
      conflict: { columns: ['audit_id', 'fingerprint'] },
    },
  ];
}
