import type { AuditResult } from '../core/model/audit-result.js';
import type { Finding } from '../core/model/finding.js';
import { SEVERITIES } from '../core/model/severity.js';
import { citations } from './cite.js';
import { endpoint, evidenceLine, isKev } from './evidence.js';
import { feeds } from './html/appendix.js';
import type { ReportOptions } from './options.js';
import { compareFindings } from './priority.js';
import { untilDay } from './decision-text.js';
import { mdTable, mdText } from './md-text.js';
import { suppressedLines, trendLines } from './markdown-sections.js';
import { buildView, failureCells, groupName, issueTitle, scopeLine, type ReportView } from './view.js';
import { staleFeedList, staleFeedsOf } from './feeds.js';

export { mdCell, mdTable, mdText } from './md-text.js';

/**
 * The audit report in Markdown (for wikis, tickets and merge requests): the sections of the HTML
 * report without charts; the trend is a table.
 */
export function renderMarkdown(result: AuditResult, options: ReportOptions): string {
  const view = buildView(result, options);
  const { t, fmt, lang } = view;
  const { audit } = result;
  const out: string[] = [`# ${t('doc.title', { id: audit.id })}`, '', `${mdText(scopeLine(result))} · ${fmt.longDate(audit.startedAt)}`, '', `> ${t('doc.confidential')}`, ''];

  out.push(`## ${t('summary.title')}`, '');
  out.push(t('summary.lead', { id: audit.id, hosts: fmt.int(result.targets.length), agencies: fmt.int(view.groups.filter((g) => g.agency !== null).length), started: fmt.dateTime(audit.startedAt), ended: fmt.dateTime(audit.endedAt), status: t(`status.${audit.status}`) }), '');
  out.push(audit.authorization ? t('summary.authorization', { authorization: mdText(audit.authorization) }) : t('summary.noAuthorization'), '');
  const score = view.overall.score === null ? '–' : t('summary.scoreOf', { score: fmt.int(view.overall.score) });
  out.push(`- **${t('summary.score')}:** ${score}`, `- **${t('summary.grade')}:** ${view.overall.grade ?? t('summary.notGraded')}`);
  out.push(`- ${t('summary.hostsGraded', { graded: fmt.int(view.overall.graded), hosts: fmt.int(view.overall.hosts), worst: view.overall.worst ?? '–' })}`);
  out.push(`- **${t('summary.severityTitle')}:** ${SEVERITIES.map((s) => `${t(`severity.${s}`)} ${fmt.int(view.severity[s])}`).join(', ')}`);
  const stale = staleFeedsOf(result);
  if (stale.length > 0) out.push(`- **${t('summary.staleFeeds', { list: staleFeedList(stale) })}**`);
  if (view.kev > 0) out.push(`- **KEV:** ${t('summary.kev', { count: fmt.int(view.kev) })}`);
  out.push('');
  const { active, expired } = view.suppressions;
  if (active.length + expired.length > 0) out.push(t('summary.suppressed', { count: fmt.int(active.length), expired: fmt.int(expired.length) }), '');
  const series = trendLines(view);
  if (series.length > 0) out.push(...series);
  else {
    out.push(`### ${t('summary.trendTitle')}`, '');
    if (view.trend.length < 2) out.push(t('summary.trendNone'), '');
    else out.push(mdTable([t('col.audit'), t('col.date'), t('col.score'), t('col.failures')], view.trend.map((p) => [`#${p.auditId}`, fmt.date(p.startedAt), p.score === null ? '–' : fmt.int(p.score), failureCells(p.failures)])), '');
  }

  if (options.comparison) out.push(...changeLines(view));

  out.push(`## ${t('top.title')}`, '');
  if (view.issues.length === 0) out.push(t('top.none'), '');
  view.issues.slice(0, 10).forEach((issue, i) => {
    const rule = view.rule(issue.ruleId);
    out.push(`### ${i + 1}. ${issue.kev ? '[KEV] ' : ''}[${t(`severity.${issue.severity}`)}] ${mdText(issueTitle(view, issue))}`, '');
    out.push(`\`${issue.ruleId}\` · ${t('top.affected', { count: fmt.int(issue.hosts.length) })}${issue.cvss === null ? '' : ` · CVSS ${fmt.dec(issue.cvss)}`}`, '');
    if (rule.description[lang]) out.push(mdText(rule.description[lang]), '');
    if (rule.remediation[lang]) out.push(`**${t('col.remediation')}:** ${mdText(rule.remediation[lang])}`, '');
    out.push(`**${t('col.hosts')}:** ${mdText(issue.hosts.slice(0, 20).join(', '))}${issue.hosts.length > 20 ? ` ${t('top.more', { count: fmt.int(issue.hosts.length - 20) })}` : ''}`, '');
    const cites = citations(rule.controls);
    if (cites.length > 0) out.push(`**${t('col.controls')}:** ${cites.join(', ')}`, '');
  });

  out.push(`## ${t('agency.title')}`, '');
  for (const group of view.groups) {
    out.push(`### ${mdText(groupName(view, group))}`, '');
    const rows = group.hosts.map((h) => [h.host, t(h.target?.up === false ? 'state.down' : 'state.up'), h.grade ?? '–', h.score === null ? '-' : fmt.int(h.score), h.coverage === null ? '-' : fmt.pct(h.coverage), failureCells(h.failures)]);
    out.push(mdTable([t('col.host'), t('col.state'), t('col.grade'), t('col.score'), t('col.coverage'), t('col.failures')], rows), '');
    for (const h of group.hosts) {
      const failures = view.failuresByHost.get(h.host) ?? [];
      if (failures.length === 0) continue;
      out.push(`#### ${mdText(t('host.title', { host: h.host }))}`, '');
      out.push(mdTable([t('col.severity'), t('col.finding'), t('col.port'), t('col.evidence'), t('col.remediation')], failures.map((f) => findingRow(view, f))), '');
    }
  }
  out.push(...suppressedLines(view));
  if (options.all) {
    const others = result.findings.filter((f) => f.outcome !== 'fail').sort(compareFindings);
    out.push(`## ${t('appendix.verdicts')}`, '', mdTable([t('col.outcome'), t('col.host'), t('col.rule'), t('col.reason')], others.map((f) => [t(`outcome.${f.outcome}`), endpoint(f.host, f.port), f.ruleId, f.reason ?? ''])), '');
  }

  out.push(`## ${t('appendix.title')}`, '');
  out.push(`- ${t('appendix.uuid')}: ${audit.uuid}`, `- ${t('appendix.auditor')}: ${mdText(`${audit.auditor} (${audit.machine})`)}`, `- ${t('appendix.profile')}: ${mdText(audit.profile)}`);
  out.push(`- ${t('appendix.targets')}: ${mdText(audit.scope.targets.join(', ')) || t('misc.none')}`, `- ${t('appendix.targetFiles')}: ${mdText(audit.scope.targetFiles.join(', ')) || t('misc.none')}`);
  out.push(`- ${t('appendix.exclude')}: ${mdText(audit.scope.exclude.join(', ')) || t('misc.none')}`, `- ${t('appendix.excludePorts')}: ${mdText(audit.scope.excludePorts) || t('misc.none')}`);
  out.push(`- ${t('appendix.scanners')}: ${audit.scanners.join(', ')}`, `- ${t('appendix.tool')}: ${audit.toolVersion}`, `- ${t('appendix.rules')}: ${audit.rulesVersion} (${fmt.int(result.rules.length)})`);
  out.push(`- ${t('appendix.feeds')}: ${feeds(audit.options) ?? t('appendix.feedsNone')}`, `- ${t('appendix.timeZone', { zone: fmt.zoneLabel(audit.startedAt) })}`, '');
  out.push(`### ${t('appendix.method')}`, '', t('appendix.methodText'), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function findingRow(view: ReportView, f: Finding): string[] {
  const expired = view.suppressions.of(f.fingerprint);
  const note = expired?.expired ? ` — ${view.t('suppressed.expiredBadge', { until: untilDay(view.fmt, expired.decision.until ?? '') })}` : '';
  return [`${isKev(f) ? 'KEV ' : ''}${view.t(`severity.${f.severity}`)}`, `${f.title[view.lang]} (${f.ruleId})${note}`, f.port === undefined ? '-' : String(f.port), evidenceLine(f.evidence), view.rule(f.ruleId).remediation[view.lang]];
}

function changeLines(view: ReportView): string[] {
  const comparison = view.options.comparison!;
  const { t, fmt } = view;
  const { diff, before } = comparison;
  const reopened = new Set(comparison.reopened);
  const out = [`## ${t('change.title', { id: before.id })}`, ''];
  out.push(t('change.lead', { id: before.id, date: fmt.date(before.startedAt), new: fmt.int(diff.new.length), reopened: fmt.int(diff.new.filter((f) => reopened.has(f.fingerprint)).length), fixed: fmt.int(diff.fixed.length), unchanged: fmt.int(diff.unchanged.length), notRechecked: fmt.int(diff.notRechecked.length) }), '');
  const sets: Array<[string, Finding[]]> = [
    [t('change.new'), diff.new],
    [t('change.fixed'), diff.fixed],
    [t('change.unchanged'), diff.unchanged],
    [t('change.notRechecked'), diff.notRechecked],
  ];
  for (const [title, findings] of sets) {
    out.push(`### ${title} (${fmt.int(findings.length)})`, '');
    if (findings.length === 0) out.push(t('change.none'), '');
    else out.push(mdTable([t('col.severity'), t('col.host'), t('col.finding'), t('col.rule')], [...findings].sort(compareFindings).map((f) => [t(`severity.${f.severity}`), endpoint(f.host, f.port), `${f.title[view.lang]}${reopened.has(f.fingerprint) ? ` (${t('change.reopened')})` : ''}`, f.ruleId])), '');
  }
  return out;
}
