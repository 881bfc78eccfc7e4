import type { AuditResult } from '../../core/model/audit-result.js';
import { severityRank, type Severity } from '../../core/model/severity.js';
import type { RuleText } from '../rule-text.js';
import { rt } from '../i18n/t.js';
import { summariseChecks } from './mapping.js';
import type { ComplianceOptions, ControlRow, PlanItem } from './types.js';

/** Days from the audit to the proposed deadline, by the worst failing severity. */
export const DEADLINE_DAYS: Record<Severity, number> = { critical: 7, high: 30, medium: 90, low: 180, info: 365 };

/**
 * The remediation plan of a row that is not met (Decree 331 Art. 36, Form 08): what to do (the
 * failing checks' remediation, most severe first), who (the owners of the failing targets, from
 * the targets file) and a proposed deadline. Rows not assessed get the checks to run again; manual
 * rows the documents to attach. Met and not-applicable rows need no plan.
 */
export function planFor(result: AuditResult, options: ComplianceOptions, row: ControlRow, texts: Map<string, RuleText>, severities: ReadonlyMap<string, Severity>): PlanItem | null {
  const { lang } = options;
  const documents = row.control.documents?.[lang];
  if (row.status === 'pass' || row.status === 'not_applicable') return null;
  if (row.status === 'manual') return { measures: documents ? [rt(lang, 'plan.attach', { documents })] : [], owners: owners(result, row.targets.notAssessed, lang), deadline: null, severity: null };
  if (row.status === 'not_assessed') {
    const checks = row.checks.length > 0 ? summariseChecks(row.checks) : row.control.categories.join(', ') || '-';
    const measures = [rt(lang, 'plan.rerun', { checks })];
    if (documents) measures.push(rt(lang, 'plan.attach', { documents }));
    return { measures, owners: owners(result, row.targets.notAssessed, lang), deadline: null, severity: null };
  }
  const failing = row.evidence.filter((e) => e.outcome === 'fail');
  const rules = [...new Set(failing.map((e) => e.ruleId))].sort((a, b) => severityRank(severities.get(b) ?? 'info') - severityRank(severities.get(a) ?? 'info') || a.localeCompare(b));
  const measures = [...new Set(rules.map((id) => texts.get(id)?.remediation[lang]).filter((m): m is string => Boolean(m)))];
  if (documents) measures.push(rt(lang, 'plan.attach', { documents }));
  const worst = rules.map((id) => severities.get(id) ?? 'info').sort((a, b) => severityRank(b) - severityRank(a))[0] ?? null;
  return { measures, owners: owners(result, row.targets.fail, lang), deadline: worst ? addDays(result.audit.endedAt ?? result.audit.startedAt, DEADLINE_DAYS[worst]) : null, severity: worst };
}

/** The severity of each check's first failing finding: computed once per report, for every row's plan. */
export function failingSeverities(result: AuditResult): Map<string, Severity> {
  const severities = new Map<string, Severity>();
  for (const f of result.findings) if (f.outcome === 'fail' && !severities.has(f.ruleId)) severities.set(f.ruleId, f.severity);
  return severities;
}

function owners(result: AuditResult, hosts: readonly string[], lang: 'vi' | 'en'): string[] {
  const wanted = new Set(hosts);
  const names = new Set<string>();
  for (const target of result.targets) {
    if (!wanted.has(target.host)) continue;
    const group = target.group;
    if (group?.owner) names.add(group.owner);
    else if (group?.unit || group?.agency) names.add(rt(lang, 'plan.owner', { agency: [group.agency, group.unit].filter(Boolean).join(' — ') }));
  }
  return names.size > 0 ? [...names].sort() : [rt(lang, 'plan.unassigned')];
}

/** YYYY-MM-DD of an ISO time plus whole days, in UTC (a date, not a moment). */
export function addDays(iso: string, days: number): string {
  const time = Date.parse(iso);
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}
