import type { AuditResult } from '../core/model/audit-result.js';

/** Bumped on any change a consumer could notice; fields are only ever added within a version. */
export const JSON_SCHEMA_VERSION = 1;

/**
 * The whole audit as JSON: metadata, hosts, every observation and every rule verdict. Pure, and
 * valid when the audit found nothing.
 */
export function renderJson(result: AuditResult): string {
  const { audit } = result;
  return `${JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: 'rasoat', version: audit.toolVersion, rulesVersion: audit.rulesVersion },
      audit: {
        id: audit.id,
        uuid: audit.uuid,
        status: audit.status,
        startedAt: audit.startedAt,
        endedAt: audit.endedAt,
        auditor: audit.auditor,
        machine: audit.machine,
        authorization: audit.authorization,
        profile: audit.profile,
        scanners: audit.scanners,
        scope: audit.scope,
        options: audit.options,
        stats: audit.stats,
      },
      targets: result.targets.map((t) => ({
        host: t.host,
        kind: t.kind,
        address: t.address ?? null,
        up: t.up,
        explicit: t.explicit,
        urls: t.urls,
        group: t.group ?? null,
      })),
      observations: result.observations.map((o) => ({ kind: o.kind, host: o.host, port: o.port ?? null, scanner: o.scanner, at: o.at, data: o.data })),
      findings: result.findings.map((f) => ({
        fingerprint: f.fingerprint,
        ruleId: f.ruleId,
        outcome: f.outcome,
        severity: f.severity,
        category: f.category,
        host: f.host,
        port: f.port ?? null,
        title: f.title,
        evidence: f.evidence,
        reason: f.reason ?? null,
        controls: f.controls,
      })),
    },
    null,
    2,
  )}\n`;
}
