import { staleFeedList, staleFeedsOf } from '../feeds.js';
import { SEVERITIES } from '../../core/model/severity.js';
import { GRADES } from '../risk.js';
import { issueTitle, type ReportView } from '../view.js';
import { gradeBadge, kevBadge, severityBadge } from './badges.js';
import { barChart, GRADE_COLOUR, lineChart, SEVERITY_COLOUR } from './charts.js';
import { esc } from './escape.js';

/** The one page a leader reads: how exposed, better or worse than last time, what to fix first. */
export function summarySection(view: ReportView): string {
  const { result, fmt, t } = view;
  const { audit } = result;
  const agencies = view.groups.filter((g) => g.agency !== null).length;
  const overall = view.overall;
  const totalFailures = SEVERITIES.reduce((sum, s) => sum + view.severity[s], 0);
  let html = `<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">${esc(t('summary.title'))}</h2>`;
  html += `<p>${esc(t('summary.lead', { id: audit.id, hosts: fmt.int(result.targets.length), agencies: fmt.int(agencies), started: fmt.dateTime(audit.startedAt), ended: fmt.dateTime(audit.endedAt), status: t(`status.${audit.status}`) }))}</p>`;
  html += `<p>${esc(audit.authorization ? t('summary.authorization', { authorization: audit.authorization }) : t('summary.noAuthorization'))}</p>`;

  html += '<div class="kpis">';
  html += kpi(overall.score === null ? '–' : t('summary.scoreOf', { score: fmt.int(overall.score) }), t('summary.score'));
  html += kpi(gradeBadge(view, overall.grade), t('summary.grade'), true);
  html += kpi(fmt.int(totalFailures), t('summary.failures'));
  html += kpi(gradeBadge(view, overall.worst), t('summary.hostsGraded', { graded: fmt.int(overall.graded), hosts: fmt.int(overall.hosts), worst: overall.worst ?? '–' }), true);
  html += '</div>';

  const previous = view.trend.length > 1 ? view.trend[view.trend.length - 2] : undefined;
  if (previous && previous.score !== null && overall.score !== null) {
    const id = overall.score < previous.score ? 'summary.better' : overall.score > previous.score ? 'summary.worse' : 'summary.same';
    html += `<p><strong>${esc(t(id, { id: previous.auditId, before: fmt.int(previous.score), after: fmt.int(overall.score) }))}</strong></p>`;
  }
  const { active, expired } = view.suppressions;
  if (active.length + expired.length > 0) html += `<p><a href="#suppressed">${esc(t('summary.suppressed', { count: fmt.int(active.length), expired: fmt.int(expired.length) }))}</a></p>`;
  const stale = staleFeedsOf(result);
  if (stale.length > 0) html += `<p class="notice">${esc(t('summary.staleFeeds', { list: staleFeedList(stale) }))}</p>`;
  if (view.kev > 0) html += `<p class="notice">${kevBadge()} ${esc(t('summary.kev', { count: fmt.int(view.kev) }))}</p>`;
  if (totalFailures === 0) html += `<p>${esc(t('summary.noFailures'))}</p>`;

  html += '<div class="charts">';
  html += figure(t('summary.severityTitle'), severityChart(view));
  html += figure(t('summary.gradeTitle'), gradeChart(view));
  html += figure(t('summary.trendTitle'), trendChart(view));
  html += '</div>';

  if (view.issues.length > 0) {
    html += `<h3>${esc(t('summary.fixFirst'))}</h3><ol>`;
    for (const issue of view.issues.slice(0, 5)) {
      html += `<li>${issue.kev ? `${kevBadge()} ` : ''}${severityBadge(view, issue.severity)} ${esc(issueTitle(view, issue))} <span class="muted">(${esc(t('top.affected', { count: fmt.int(issue.hosts.length) }))})</span></li>`;
    }
    html += '</ol>';
  }
  const verdicts = (['fail', 'pass', 'not-assessed', 'error', 'not-applicable'] as const).map((o) => `${t(`outcome.${o}`)} ${fmt.int(view.verdicts[o])}`).join(', ');
  html += `<p class="muted">${esc(t('summary.verdicts', { summary: verdicts }))}</p>`;
  return `${html}</section>`;
}

function kpi(value: string, label: string, raw = false): string {
  return `<div class="kpi"><div class="value">${raw ? value : esc(value)}</div><div class="label">${esc(label)}</div></div>`;
}

function figure(caption: string, body: string): string {
  return `<figure class="chart"><figcaption>${esc(caption)}</figcaption>${body}</figure>`;
}

function severityChart(view: ReportView): string {
  const { t, fmt } = view;
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, fmt.int(view.severity[s])]));
  const bars = SEVERITIES.map((s) => ({ label: t(`severity.${s}`), value: view.severity[s], text: fmt.int(view.severity[s]), colour: SEVERITY_COLOUR[s] }));
  return barChart('chart-severity', t('summary.severityTitle'), t('summary.severityDesc', counts), bars);
}

function gradeChart(view: ReportView): string {
  const { t, fmt } = view;
  const byGrade = view.overall.byGrade;
  const summary = GRADES.map((g) => `${g} ${fmt.int(byGrade[g])}`).join(', ');
  const bars = GRADES.map((g) => ({ label: g, value: byGrade[g], text: fmt.int(byGrade[g]), colour: GRADE_COLOUR[g] }));
  return barChart('chart-grades', t('summary.gradeTitle'), t('summary.gradeDesc', { summary }), bars, 300);
}

function trendChart(view: ReportView): string {
  const { t, fmt } = view;
  if (view.trend.length < 2) return `<p class="muted">${esc(t('summary.trendNone'))}</p>`;
  const points = view.trend.map((p) => ({ label: fmt.date(p.startedAt), sublabel: `#${p.auditId}`, value: p.score, text: p.score === null ? '–' : fmt.int(p.score) }));
  const described = points.map((p) => `${p.sublabel} (${p.label}): ${p.text}`).join('; ');
  return lineChart('chart-trend', t('summary.trendTitle'), t('summary.trendDesc', { points: described }), points);
}
