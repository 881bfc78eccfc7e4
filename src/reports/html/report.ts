import type { AuditResult } from '../../core/model/audit-result.js';
import type { ReportOptions } from '../options.js';
import { buildView, scopeLine } from '../view.js';
import { appendixSection } from './appendix.js';
import { changeSection } from './change.js';
import { htmlPage } from './document.js';
import { hostsSection } from './hosts.js';
import { summarySection } from './summary.js';
import { suppressedSection } from './suppressed.js';
import { topSection } from './top.js';
import { trendSection } from './trend.js';

/**
 * The audit report as one HTML file: executive summary (score, grades, severity counts, trend),
 * the severity and grade series over earlier audits of the same scope, changes since an earlier
 * audit when asked, top findings by priority, findings by agency and host, the findings suppressed
 * by a decision, and an appendix with scope, method and versions. The PDF is this page printed.
 */
export function renderHtml(result: AuditResult, options: ReportOptions): string {
  const view = buildView(result, options);
  const { t, fmt } = view;
  const { audit } = result;
  const trend = trendSection(view);
  const suppressed = suppressedSection(view);
  const toc: Array<[string, string]> = [['summary', t('summary.title')]];
  if (trend) toc.push(['trend', t('trend.title')]);
  if (options.comparison) toc.push(['change', t('change.title', { id: options.comparison.before.id })]);
  toc.push(['top', t('top.title')], ['hosts', t('agency.title')]);
  if (suppressed) toc.push(['suppressed', t('suppressed.title')]);
  toc.push(['appendix', t('appendix.title')]);
  return htmlPage({
    lang: options.lang,
    title: t('doc.title', { id: audit.id }),
    subtitle: [scopeLine(result), `${fmt.longDate(audit.startedAt)} · ${audit.auditor}${audit.authorization ? ` · ${audit.authorization}` : ''}`],
    toc,
    body: summarySection(view) + trend + changeSection(view) + topSection(view) + hostsSection(view) + suppressed + appendixSection(view),
    version: audit.toolVersion,
  });
}
