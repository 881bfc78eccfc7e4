import type { AuditResult } from '../../core/model/audit-result.js';
import { rt } from '../i18n/t.js';
import { suppressionsOf, type Suppression } from '../suppression.js';
import type { ComplianceOptions, ComplianceResult, ControlRow } from './types.js';
import { reasonId } from './types.js';

/** Bumped on any change a consumer could notice (schemas/compliance-report.schema.json). */
export const COMPLIANCE_SCHEMA_VERSION = 1;

/** The compliance report as JSON (schemas/compliance-report.schema.json): every row with its evidence. */
export function renderComplianceJson(result: AuditResult, compliance: ComplianceResult, options: ComplianceOptions): string {
  const { audit } = result;
  const { catalogue } = compliance;
  const document = {
    schemaVersion: COMPLIANCE_SCHEMA_VERSION,
    kind: 'compliance',
    tool: { name: 'rasoat', version: audit.toolVersion, rulesVersion: audit.rulesVersion },
    audit: { id: audit.id, uuid: audit.uuid, status: audit.status, startedAt: audit.startedAt, endedAt: audit.endedAt, auditor: audit.auditor, authorization: audit.authorization, profile: audit.profile },
    catalogue: {
      framework: catalogue.framework,
      title: catalogue.title,
      version: catalogue.version,
      revision: catalogue.revision ?? null,
      legacy: catalogue.legacy,
      replacedBy: catalogue.replacedBy ?? null,
      source: catalogue.source,
      controls: catalogue.controls.length,
      unverified: compliance.unverified,
    },
    levelBased: compliance.levelBased,
    totals: compliance.totals,
    sections: compliance.sections.map((s) => ({ level: s.level, targets: s.targets, counts: s.counts, controls: s.rows.map((row) => rowJson(row, options)) })),
  };
  // Failures a decision in force keeps out of the status, and acceptances past their date (counted again).
  const { active, expired } = suppressionsOf(result);
  const extra: Record<string, unknown> = {};
  if (active.length > 0) extra.suppressed = active.map(suppressionJson);
  if (expired.length > 0) extra.expiredSuppressions = expired.map(suppressionJson);
  return `${JSON.stringify({ ...document, ...extra }, null, 2)}\n`;
}

function suppressionJson({ finding: f, decision: d }: Suppression): Record<string, unknown> {
  return { fingerprint: f.fingerprint, ruleId: f.ruleId, host: f.host, port: f.port ?? null, status: d.status, reason: d.reason, actor: d.actor, at: d.at, until: d.until ?? null };
}

function rowJson(row: ControlRow, options: ComplianceOptions): Record<string, unknown> {
  const { control } = row;
  return {
    id: control.id,
    cite: row.cite,
    clause: row.clause,
    title: control.title,
    group: control.group ?? null,
    tier: control.tier ?? null,
    verified: control.verified,
    status: row.status,
    statusLabel: rt(options.lang, `cstatus.${row.status}`),
    reasons: row.reasons.map((r) => ({ code: r.code, params: r.params, text: rt(options.lang, reasonId(r), r.params) })),
    documents: control.documents ?? null,
    note: control.note ?? null,
    checks: row.checks,
    checksNotRun: row.checksNotRun,
    targets: row.targets,
    evidence: row.evidence,
    plan: row.plan,
  };
}
