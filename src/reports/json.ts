import { staleFeedsOf } from './feeds.js';
import type { AuditResult } from '../core/model/audit-result.js';
import { isDetailed, type BareVerdict, type Finding } from '../core/model/finding.js';
import type { Comparison } from './options.js';
import { hostRisks, overallRisk, severityCounts, emptyVerdicts } from './risk.js';
import { ruleText } from './rule-text.js';
import { suppressionsOf, type Suppression } from './suppression.js';
import { reportTrend, type TrendInput } from './trend.js';

/**
 * Bumped on any change a consumer could notice; fields are only ever added within a version.
 * The shape is documented by schemas/audit-report.schema.json (checked against every golden file).
 */
export const JSON_SCHEMA_VERSION = 2;

export interface JsonOptions {
  comparison?: Comparison;
  /** Earlier audits of the same scope, oldest first: with any, a `trend` member gives the series over them and this audit. */
  history?: readonly TrendInput[];
}

/**
 * The audit as JSON: metadata, hosts, the observations read, the verdicts read in full (`findings`),
 * the others bare (`verdicts`), the rules as the audit ran them and a risk summary. Pure, and valid
 * when the audit found nothing.
 */
export function renderJson(result: AuditResult, options: JsonOptions = {}): string {
  return [...renderJsonParts(result, options)].join('');
}

/** The same text in pieces (a line per record), so a 1,000-host audit is written without one 30 MB string. */
export function* renderJsonParts(result: AuditResult, options: JsonOptions = {}): Generator<string> {
  const { audit } = result;
  // Suppressed failures (accepted risk, false positive) are listed but not scored.
  const suppressions = suppressionsOf(result);
  const scored = suppressions.counted;
  const risks = hostRisks(result.targets, scored);
  const overall = overallRisk(risks);
  const verdicts = emptyVerdicts();
  for (const f of result.findings) verdicts[f.outcome]++;
  const document: Record<string, unknown> = {
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
    summary: {
      riskScore: overall.score,
      grade: overall.grade,
      hostsGraded: overall.graded,
      failures: severityCounts(scored),
      verdicts,
      hosts: risks.map((h) => ({ host: h.host, riskScore: h.score, grade: h.grade, coverage: h.coverage === null ? null : round(h.coverage), failures: h.failures, kev: h.kev })),
    },
    targets: new RecordList(result.targets, (t) => ({
      host: t.host,
      kind: t.kind,
      address: t.address ?? null,
      up: t.up,
      explicit: t.explicit,
      urls: t.urls,
      group: t.group ?? null,
    })),
    observations: new RecordList(result.observations, (o) => ({ kind: o.kind, host: o.host, port: o.port ?? null, scanner: o.scanner, at: o.at, data: o.data })),
    findings: new RecordList(result.findings.filter(isDetailed), (f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      outcome: f.outcome,
      severity: f.severity,
      category: f.category,
      host: f.host,
      port: f.port ?? null,
      evidenceKey: f.evidenceKey,
      title: f.title,
      evidence: f.evidence,
      reason: f.reason ?? null,
      controls: f.controls,
    })),
    verdicts: new RecordList(
      result.findings.filter((v): v is BareVerdict => !isDetailed(v)),
      (v) => ({ ruleId: v.ruleId, outcome: v.outcome, severity: v.severity, category: v.category, host: v.host, port: v.port ?? null, reason: v.reason ?? null }),
    ),
    rules: new RecordList(result.rules, (rule) => {
      const text = ruleText(rule);
      return {
        id: rule.id,
        severity: rule.severity,
        category: rule.category,
        title: text.title,
        failureTitle: text.failureTitle,
        description: text.description,
        remediation: text.remediation,
        references: text.references,
        controls: text.controls,
        tags: text.tags,
      };
    }),
  };
  if (options.comparison) document.comparison = comparisonJson(options.comparison);
  if (suppressions.active.length > 0) document.suppressed = suppressions.active.map(decisionJson);
  if (suppressions.expired.length > 0) document.expiredSuppressions = suppressions.expired.map(decisionJson);
  if (options.history && options.history.length > 0) document.trend = reportTrend(result, options.history);
  const stale = staleFeedsOf(result);
  if (stale.length > 0) document.staleFeeds = stale.map((s) => ({ source: s.feed.source, name: s.feed.name, version: s.feed.version, dataDate: s.feed.dataDate, ageDays: s.ageDays, limitDays: s.limitDays }));
  yield* layout(document);
}

function decisionJson({ decision: d }: Suppression): Record<string, unknown> {
  return { fingerprint: d.fingerprint, status: d.status, reason: d.reason, actor: d.actor, at: d.at, until: d.until ?? null };
}

/** A list that can run to tens of thousands of records, each made and written when its line is. */
class RecordList<T> {
  constructor(
    readonly items: readonly T[],
    readonly record: (item: T) => unknown,
  ) {}
}

/**
 * Indented JSON, except that each record of a long list is one line: as readable and diffable
 * (a changed record is a changed line), a third smaller and several times faster to write for a
 * 1,000-host audit than indenting every field.
 */
function* layout(document: Record<string, unknown>): Generator<string> {
  const entries = Object.entries(document);
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    const end = i < entries.length - 1 ? ',\n' : '\n';
    if (value instanceof RecordList && value.items.length > 0) {
      const list = value as RecordList<unknown>;
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < list.items.length; j++) yield `    ${JSON.stringify(list.record(list.items[j]))}${j < list.items.length - 1 ? ',' : ''}\n`;
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value instanceof RecordList ? [] : value, null, 2).replace(/\n/g, '\n  ')}${end}`;
    }
  }
  yield '}\n';
}

/** The change since an earlier audit: the four sets of `rasoat diff --json`, plus `reopened`. */
export function comparisonJson(comparison: Comparison): Record<string, unknown> {
  const brief = (f: Finding) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, severity: f.severity, host: f.host, port: f.port ?? null, title: f.title });
  const { diff } = comparison;
  return {
    before: comparison.before,
    new: diff.new.map(brief),
    fixed: diff.fixed.map(brief),
    unchanged: diff.unchanged.map(brief),
    notRechecked: diff.notRechecked.map(brief),
    reopened: [...comparison.reopened].sort(),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
