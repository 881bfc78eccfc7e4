import { SEVERITIES } from '../core/model/severity.js';
import { decidedBy, decisionLabel, untilText, type DecisionView } from './decision-text.js';
import { endpoint } from './evidence.js';
import { seriesTitle } from './html/trend.js';
import { mdTable } from './md-text.js';
import { hasDecisions, type Suppression } from './suppression.js';
import type { ReportView } from './view.js';

const SHOWN = SEVERITIES.slice(0, 4);

/** The trend section: a table per series (all targets, then each agency); none without an earlier audit. */
export function trendLines(view: ReportView): string[] {
  const overall = view.series[0];
  if (!overall || overall.points.length < 2) return [];
  const { t, fmt } = view;
  const out = [`## ${t('trend.title')}`, '', t('trend.lead', { count: fmt.int(overall.points.length - 1) }), ''];
  const header = [t('col.audit'), t('col.date'), t('col.hosts'), ...SHOWN.map((s) => t(`severity.${s}`)), t('col.score'), t('col.grade')];
  for (const series of view.series) {
    out.push(`### ${seriesTitle(view, series)}`, '');
    const rows = series.points.map((p) => [`#${p.audit}`, fmt.date(p.startedAt), fmt.int(p.hosts), ...SHOWN.map((s) => fmt.int(p.failures[s])), p.score === null ? '-' : fmt.int(p.score), p.grade ?? '–']);
    out.push(mdTable(header, rows), '');
  }
  return out;
}

/** Failures a decision keeps out of the counts, then expired acceptances; none when there is no decision. */
export function suppressedLines(view: DecisionView): string[] {
  const { suppressions, t, fmt } = view;
  if (!hasDecisions(suppressions)) return [];
  const at = fmt.dateTime(suppressions.at);
  const out = [`## ${t('suppressed.title')} (${fmt.int(suppressions.active.length)})`, '', t('suppressed.lead', { at }), ''];
  if (suppressions.active.length === 0) out.push(t('suppressed.noneInForce'), '');
  else out.push(table(view, suppressions.active), '');
  if (suppressions.expired.length > 0) {
    out.push(`### ${t('suppressed.expiredTitle')} (${fmt.int(suppressions.expired.length)})`, '', t('suppressed.expiredLead', { at }), '', table(view, suppressions.expired), '');
  }
  return out;
}

function table(view: DecisionView, list: readonly Suppression[]): string {
  const { t, fmt, lang } = view;
  const header = [t('col.severity'), t('col.host'), t('col.finding'), t('col.decision'), t('col.decisionReason'), t('col.decidedBy'), t('col.until')];
  const rows = list.map(({ finding: f, decision: d }) => [t(`severity.${f.severity}`), endpoint(f.host, f.port), `${f.title[lang]} (${f.ruleId})`, decisionLabel(t, d), d.reason, decidedBy(fmt, d), untilText(t, fmt, d)]);
  return mdTable(header, rows);
}
