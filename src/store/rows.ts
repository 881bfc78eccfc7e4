import type { Selectable } from 'kysely';
import type { AuditRecord, AuditStats, AuditStatus } from '../core/model/audit.js';
import type { BareVerdict, Finding, Outcome } from '../core/model/finding.js';
import type { Severity } from '../core/model/severity.js';
import type { AuditsTable, AuditTargetsTable, DatabaseSchema, FindingsTable } from './schema.js';
import type { BulkTable } from './bulk.js';
import type { StoredTarget, WriteBatch } from './store.js';

/** Database rows to model objects (the JSON columns parsed, nulls to absent fields). */
export function toAudit(r: Selectable<AuditsTable>): AuditRecord {
  return {
    id: r.id,
    uuid: r.uuid,
    status: r.status as AuditStatus,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    auditor: r.auditor,
    machine: r.machine,
    pid: r.pid,
    authorization: r.authorization,
    profile: r.profile,
    scope: JSON.parse(r.scope_json) as AuditRecord['scope'],
    options: JSON.parse(r.options_json) as Record<string, unknown>,
    toolVersion: r.tool_version,
    rulesVersion: r.rules_version,
    scanners: JSON.parse(r.scanners_json) as string[],
    stats: r.stats_json ? (JSON.parse(r.stats_json) as AuditStats) : null,
  };
}

/**
 * A rule's control citations are the same text in each of its findings: parsed once per read,
 * the parsed object shared (reports never change it).
 */
export class ControlsCache {
  private readonly parsed = new Map<string, Record<string, string[]>>();

  of(json: string): Record<string, string[]> {
    let controls = this.parsed.get(json);
    if (!controls) this.parsed.set(json, (controls = JSON.parse(json) as Record<string, string[]>));
    return controls;
  }
}

export function findingFromRow(r: Selectable<FindingsTable>, controls = new ControlsCache()): Finding {
  const finding: Finding = {
    fingerprint: r.fingerprint,
    ruleId: r.rule_id,
    outcome: r.outcome as Outcome,
    severity: r.severity as Severity,
    category: r.category,
    host: r.host,
    evidenceKey: r.evidence_key,
    evidence: JSON.parse(r.evidence_json) as Record<string, unknown>,
    title: { en: r.title_en, vi: r.title_vi },
    controls: controls.of(r.controls_json),
  };
  if (r.port !== null) finding.port = r.port;
  if (r.reason !== null) finding.reason = r.reason;
  return finding;
}

export function bareVerdictFromRow(r: Pick<Selectable<FindingsTable>, 'rule_id' | 'outcome' | 'severity' | 'category' | 'host' | 'port' | 'reason'>): BareVerdict {
  const verdict: BareVerdict = { ruleId: r.rule_id, outcome: r.outcome as BareVerdict['outcome'], severity: r.severity as Severity, category: r.category, host: r.host };
  if (r.port !== null) verdict.port = r.port;
  if (r.reason !== null) verdict.reason = r.reason;
  return verdict;
}

export function targetFromRow(r: Selectable<AuditTargetsTable>): StoredTarget {
  const target: StoredTarget = {
    host: r.host,
    kind: r.kind as 'ip' | 'name',
    urls: JSON.parse(r.urls_json) as string[],
    ports: [],
    explicit: r.explicit === 1,
    up: r.up === 1,
  };
  if (r.address !== null) target.address = r.address;
  if (r.agency !== null) {
    target.group = { agency: r.agency, tags: JSON.parse(r.tags_json) as string[] };
    if (r.unit !== null) target.group.unit = r.unit;
    if (r.owner !== null) target.group.owner = r.owner;
    if (r.level !== null) target.group.level = r.level;
  }
  return target;
}

/** A scan's batch as the rows of its four tables, for the bulk writer. */
export function batchRows(auditId: number, batch: WriteBatch): Array<BulkTable<keyof DatabaseSchema>> {
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
