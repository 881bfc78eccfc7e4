import type { AuditResult } from '../../core/model/audit-result.js';
import type { ReportOptions } from '../options.js';
import { buildView, scopeLine } from '../view.js';
import { appendixSection } from './appendix.js';
import { changeSection } from './change.js';
import { htmlPage } from './document.js';
import { hostsSection } from './hosts.js';
import { summarySection } from './summary.js';
import { topSection } from './top.js';

/**
 * The audit report as one HTML file: executive summary (score, grades, severity counts, trend),
 * changes since an earlier audit when asked, top findings by priority, findings by agency and
 * host, and an appendix with scope, method and versions. The PDF is this page printed.
 */
export function renderHtml(result: AuditResult, options: ReportOptions): string {
  const view = buildView(result, options);
  const { t, fmt } = view;
  const { audit } = result;
  const toc: Array<[string, string]> = [['summary', t('summary.title')]];
  if (options.comparison) toc.push(['change', t('change.title', { id: options.comparison.before.id })]);
  toc.push(['top', t('top.title')], ['hosts', t('agency.title')], ['appendix', t('appendix.title')]);
  return htmlPage({
    lang: options.lang,
    title: t('doc.title', { id: audit.id }),
    subtitle: [scopeLine(result), `${fmt.longDate(audit.startedAt)} · ${audit.auditor}${audit.authorization ? ` · ${audit.authorization}` : ''}`],
    toc,
    body: summarySection(view) + changeSection(view) + topSection(view) + hostsSection(view) + appendixSection(view),
    version: audit.toolVersion,
  });
}
