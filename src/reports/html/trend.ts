import { SEVERITIES } from '../../core/model/severity.js';
import { NO_AGENCY, type TrendSeries } from '../trend.js';
import type { ReportView } from '../view.js';
import { SEVERITY_COLOUR, stackedBarChart } from './charts.js';
import { esc, headRow } from './escape.js';

/** Severities drawn and tabled (info failures carry no weight and would crowd the chart). */
const SHOWN = SEVERITIES.slice(0, 4);

/**
 * Failures by severity and grade over this audit and the earlier audits of the same scope: a
 * stacked bar chart of all targets, then a table per series (all targets, each agency). Absent
 * without an earlier audit.
 */
export function trendSection(view: ReportView): string {
  const overall = view.series[0];
  if (!overall || overall.points.length < 2) return '';
  const { t, fmt } = view;
  let html = `<section id="trend" aria-labelledby="trend-h"><h2 id="trend-h">${esc(t('trend.title'))}</h2>`;
  html += `<p>${esc(t('trend.lead', { count: fmt.int(overall.points.length - 1) }))}</p>`;
  const stacks = overall.points.map((p) => ({
    label: fmt.date(p.startedAt),
    sublabel: `#${p.audit}`,
    segments: [...SHOWN].reverse().map((s) => ({ value: p.failures[s], colour: SEVERITY_COLOUR[s] })),
    top: `${fmt.int(SHOWN.reduce((sum, s) => sum + p.failures[s], 0))} · ${p.grade ?? '–'}`,
  }));
  const described = overall.points.map((p) => `#${p.audit} (${fmt.date(p.startedAt)}): ${SHOWN.map((s) => p.failures[s]).join('/')}, ${p.grade ?? '–'}`).join('; ');
  html += `<figure class="chart"><figcaption>${esc(t('trend.chartTitle'))}</figcaption>${stackedBarChart('chart-trend-severity', t('trend.chartTitle'), t('trend.chartDesc', { points: described }), stacks)}</figure>`;
  for (const series of view.series) html += seriesTable(view, series);
  return `${html}</section>`;
}

function seriesTable(view: ReportView, series: TrendSeries): string {
  const { t, fmt } = view;
  const title = seriesTitle(view, series);
  let html = `<h3>${esc(title)}</h3><table><caption class="sr-only">${esc(title)}</caption>`;
  html += headRow([t('col.audit'), t('col.date'), t('col.hosts'), ...SHOWN.map((s) => t(`severity.${s}`)), t('col.score'), t('col.grade')]);
  html += '<tbody>';
  for (const p of series.points) {
    const cells = [fmt.int(p.hosts), ...SHOWN.map((s) => fmt.int(p.failures[s])), p.score === null ? '-' : fmt.int(p.score)].map((c) => `<td class="num">${esc(c)}</td>`).join('');
    html += `<tr><th scope="row">#${p.audit}</th><td>${esc(fmt.date(p.startedAt))}</td>${cells}<td>${esc(p.grade ?? '–')}</td></tr>`;
  }
  return `${html}</tbody></table>`;
}

/** "All targets", "Agency: Sở Tài chính", or the label of hosts without an agency group. */
export function seriesTitle(view: Pick<ReportView, 't'>, series: TrendSeries): string {
  if (series.agency === null) return view.t('trend.overall');
  return series.agency === NO_AGENCY ? view.t('agency.none') : view.t('trend.agency', { agency: series.agency });
}
