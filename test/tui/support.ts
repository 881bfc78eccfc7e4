import type { AuditRecord } from '../../src/core/model/audit.js';
import { fingerprint, type Finding } from '../../src/core/model/finding.js';
import type { Severity } from '../../src/core/model/severity.js';
import type { TriageDecision, TriageStatus } from '../../src/core/model/triage.js';
import type { AuditDiff } from '../../src/reports/diff.js';
import { ruleText } from '../../src/reports/rule-text.js';
import type { AuditSummary, OpenedAudit, TuiData } from '../../src/tui/model/data.js';

export function finding(ruleId: string, host: string, severity: Severity, port?: number, category = ruleId.split('.')[0]!): Finding {
  const key = port === undefined ? '' : String(port);
  return {
    ruleId,
    outcome: 'fail',
    severity,
    category,
    host,
    ...(port !== undefined ? { port } : {}),
    fingerprint: fingerprint(ruleId, host, key),
    evidenceKey: key,
    evidence: { host, ...(port !== undefined ? { port } : {}), banner: 'x' },
    title: { en: `${ruleId} fails on ${host}`, vi: `${ruleId} không đạt trên ${host}` },
    controls: { 'cis-v8': ['4.8'] },
  };
}

export function audit(id: number, startedAt = `2026-01-0${id}T08:00:00.000Z`): AuditRecord {
  return {
    id,
    uuid: `0000000${id}-0000-4000-8000-000000000000`,
    status: 'complete',
    startedAt,
    endedAt: startedAt,
    auditor: 'tester',
    machine: 'm',
    pid: 1,
    authorization: null,
    profile: 'default',
    scope: { targets: ['10.0.0.0/30'], targetFiles: [], exclude: [], excludePorts: '', resolve: {} },
    options: {},
    toolVersion: '0',
    rulesVersion: '0',
    scanners: ['ports'],
    stats: null,
  };
}

export const FINDINGS: Finding[] = [
  finding('ports.service.telnet-exposed', '10.0.0.1', 'high', 23),
  finding('tls.protocol.tls10-enabled', '10.0.0.2', 'medium', 443),
  finding('http.header.hsts-missing', '10.0.0.10', 'low', 443),
  finding('ports.service.datastore-exposed', '10.0.0.2', 'critical', 6379),
  finding('http.header.csp-missing', '10.0.0.1', 'info', 80),
];

export function opened(id = 2, failures = FINDINGS): OpenedAudit {
  const rules = new Map(
    [...new Set(failures.map((f) => f.ruleId))].map((rid) => [
      rid,
      ruleText({
        id: rid,
        severity: 'high',
        category: 'ports',
        meta: {
          title: { en: rid, vi: rid },
          description: { en: `Why ${rid} matters.`, vi: `Vì sao ${rid} quan trọng.` },
          remediation: { en: `Fix ${rid} in English.`, vi: `Sửa ${rid} bằng tiếng Việt.` },
          references: ['https://example.org/ref'],
          controls: { 'tcvn14423-2026': ['8.1'] },
        },
      }),
    ]),
  );
  return { audit: audit(id), failures, rules, agencies: new Map([['10.0.0.1', 'Sở TT&TT']]) };
}

export function summary(id: number, score: number | null, failures: Partial<Record<Severity, number>> = {}): AuditSummary {
  return {
    id,
    startedAt: `2026-01-0${id}T08:00:00.000Z`,
    status: 'complete',
    auditor: 'tester',
    hosts: 4,
    failures: { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...failures },
    score,
    grade: score === null ? null : score < 5 ? 'A' : score < 20 ? 'B' : 'C',
    scopeKey: 'same',
    targets: '10.0.0.0/30',
  };
}

export const DIFF: AuditDiff = { new: [FINDINGS[3]!], fixed: [FINDINGS[2]!], unchanged: [FINDINGS[0]!, FINDINGS[1]!], notRechecked: [] };

/** A TuiData over fixed data that records the decisions it is given. */
export function fakeData(): TuiData & { decisions: TriageDecision[]; compared: Array<[number, number]> } {
  const decisions: TriageDecision[] = [];
  const compared: Array<[number, number]> = [];
  return {
    decisions,
    compared,
    audits: async () => [summary(2, 30, { critical: 1, high: 1 }), summary(1, 10, { high: 1 })],
    open: async (id) => opened(id),
    compare: async (before, after) => {
      compared.push([before, after]);
      return DIFF;
    },
    triage: async () => new Map(decisions.map((d) => [d.fingerprint, d])),
    decide: async (fp, status: TriageStatus, reason, auditId) => {
      const decision = { fingerprint: fp, status, reason, actor: 'tester', at: '2026-01-02T09:00:00.000Z', auditId };
      decisions.push(decision);
      return decision;
    },
  };
}
