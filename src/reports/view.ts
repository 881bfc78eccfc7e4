import type { AuditResult } from '../core/model/audit-result.js';
import { isFailure, type Finding, type Verdict } from '../core/model/finding.js';
import type { Severity } from '../core/model/severity.js';
import type { Lang } from '../core/model/text.js';
import { interpolate } from '../i18n/t.js';
import { isKev } from './evidence.js';
import { Formatter } from './i18n/format.js';
import { rt, type ReportMessageId } from './i18n/t.js';
import type { ReportOptions, TrendPoint } from './options.js';
import { compareFindings, compareHosts, issuesOf, type Issue } from './priority.js';
import { emptyVerdicts, hostRisks, overallRisk, severityCounts, type HostRisk, type OverallRisk, type VerdictCounts } from './risk.js';
import { ruleTexts, unknownRule, type RuleText } from './rule-text.js';
import { suppressionsOf, type Suppressions } from './suppression.js';
import { reportTrend, type TrendSeries } from './trend.js';

/** The hosts of one agency group (agency + unit of the targets file), or of no group. */
export interface GroupView {
  key: string;
  agency: string | null;
  unit: string | null;
  owner: string | null;
  level: number | null;
  hosts: HostRisk[];
}

/** Everything the HTML and Markdown reports show, computed once from the audit. */
export interface ReportView {
  result: AuditResult;
  options: ReportOptions;
  lang: Lang;
  fmt: Formatter;
  t: (id: ReportMessageId, params?: Record<string, string | number>) => string;
  rule: (id: string) => RuleText;
  risks: HostRisk[];
  overall: OverallRisk;
  severity: Record<Severity, number>;
  verdicts: VerdictCounts;
  issues: Issue[];
  groups: GroupView[];
  failuresByHost: Map<string, Finding[]>;
  unresolvedByHost: Map<string, Verdict[]>;
  openPorts: Map<string, number[]>;
  /** Earlier audits of the same scope and then this one, oldest first. */
  trend: TrendPoint[];
  /** Severity counts and grades over the same audits, overall then per agency; empty without `history`. */
  series: TrendSeries[];
  kev: number;
  /** Failures a decision keeps out of the counts, and acceptances that expired. */
  suppressions: Suppressions;
}

export function buildView(result: AuditResult, options: ReportOptions): ReportView {
  const lang = options.lang;
  const rules = ruleTexts(result.rules);
  const suppressions = suppressionsOf(result);
  // What counts: suppressed failures are passes here; the verdict tally keeps what the rules said.
  const counted = suppressions.counted;
  const risks = hostRisks(result.targets, counted);
  const failuresByHost = new Map<string, Finding[]>();
  const unresolvedByHost = new Map<string, Verdict[]>();
  const verdicts = emptyVerdicts();
  for (const f of result.findings) verdicts[f.outcome]++;
  for (const f of counted) {
    if (isFailure(f)) append(failuresByHost, f.host, f);
    else if (f.outcome === 'not-assessed' || f.outcome === 'error') append(unresolvedByHost, f.host, f);
  }
  for (const list of failuresByHost.values()) list.sort(compareFindings);
  const openPorts = new Map<string, number[]>();
  for (const o of result.observations) {
    if (o.kind !== 'port.open') continue;
    const list = openPorts.get(o.host);
    if (list) list.push(o.data.port);
    else openPorts.set(o.host, [o.data.port]);
  }
  for (const list of openPorts.values()) list.sort((a, b) => a - b);
  const overall = overallRisk(risks);
  const severity = severityCounts(counted);
  const series = options.history && options.history.length > 0 ? reportTrend(result, options.history) : [];
  const trend = series[0]
    ? series[0].points.map((p) => ({ auditId: p.audit, startedAt: p.startedAt, score: p.score, failures: p.failures }))
    : [...(options.trend ?? []), { auditId: result.audit.id, startedAt: result.audit.startedAt, score: overall.score, failures: severity }];
  return {
    result,
    options,
    lang,
    fmt: new Formatter(lang, options.timeZone),
    t: (id, params) => rt(lang, id, params),
    rule: (id) => rules.get(id) ?? unknownRule(id),
    risks,
    overall,
    severity,
    verdicts,
    issues: issuesOf(counted.filter(isFailure)),
    groups: groupsOf(risks, lang),
    failuresByHost,
    unresolvedByHost,
    openPorts,
    trend,
    series,
    kev: counted.filter((f) => isFailure(f) && isKev(f)).length,
    suppressions,
  };
}

function groupsOf(risks: readonly HostRisk[], lang: Lang): GroupView[] {
  const groups = new Map<string, GroupView>();
  for (const risk of risks) {
    const group = risk.target?.group;
    const key = group ? `${group.agency}\u0000${group.unit ?? ''}` : '';
    let view = groups.get(key);
    if (!view) {
      view = { key, agency: group?.agency ?? null, unit: group?.unit ?? null, owner: group?.owner ?? null, level: group?.level ?? null, hosts: [] };
      groups.set(key, view);
    }
    view.hosts.push(risk);
  }
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en');
  for (const view of groups.values()) view.hosts.sort((a, b) => compareHosts(a.host, b.host));
  return [...groups.values()].sort((a, b) => (a.agency === null ? 1 : b.agency === null ? -1 : collator.compare(a.key, b.key)));
}

/**
 * A heading for a check's failures: its failure title with each placeholder filled by the values
 * its findings have ("Telnet reachable on port 23, 2323"); a single finding keeps its own title.
 */
export function issueTitle(view: ReportView, issue: Issue): string {
  const first = issue.findings[0];
  if (issue.findings.length === 1 && first) return first.title[view.lang];
  const template = view.rule(issue.ruleId).failureTitle[view.lang];
  const values: Record<string, string> = {};
  for (const [, name] of template.matchAll(/\{([a-zA-Z0-9_.]+)\}/g)) {
    const seen = [...new Set(issue.findings.map((f) => f.evidence[name!]).filter((v) => v !== undefined && v !== null).map(String))];
    values[name!] = seen.length > 4 ? `${seen.slice(0, 4).join(', ')}, …` : seen.join(', ');
  }
  return interpolate(template, values);
}

/** "NT 1 / C 2 / TB 0 / T 3"-style counts in the columns' order (critical, high, medium, low). */
export function failureCells(counts: Record<Severity, number>): string {
  return `${counts.critical}/${counts.high}/${counts.medium}/${counts.low}`;
}

/** A group's display name, "Agency — Unit", or the label for targets without a group. */
export function groupName(view: ReportView, group: GroupView): string {
  if (group.agency === null) return view.t('agency.none');
  return group.unit ? `${group.agency} — ${group.unit}` : group.agency;
}

/** The targets and files the audit was given, for titles. */
export function scopeLine(result: AuditResult): string {
  const parts = [...result.audit.scope.targets, ...result.audit.scope.targetFiles];
  const shown = parts.slice(0, 6).join(', ');
  return parts.length > 6 ? `${shown}, … (+${parts.length - 6})` : shown;
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
