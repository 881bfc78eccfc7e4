import type { AuditResult } from '../../core/model/audit-result.js';
import { isGroupClause } from '../cite.js';
import { endpoint } from '../evidence.js';
import { Formatter } from '../i18n/format.js';
import { rt, type ReportMessageId } from '../i18n/t.js';
import { mdTable, mdText } from '../md-text.js';
import { suppressedLines } from '../markdown-sections.js';
import { suppressionsOf } from '../suppression.js';
import { CONTROL_STATUSES, reasonId, type ComplianceOptions, type ComplianceResult, type ControlRow } from './types.js';

/** The compliance report in Markdown: summary, a Form 08-style table per level, the remediation plan. */
export function renderComplianceMarkdown(result: AuditResult, compliance: ComplianceResult, options: ComplianceOptions): string {
  const { lang } = options;
  const t = (id: ReportMessageId, params?: Record<string, string | number>) => rt(lang, id, params);
  const fmt = new Formatter(lang, options.timeZone);
  const { audit } = result;
  const { catalogue, totals } = compliance;
  const out: string[] = [`# ${t('compliance.title', { framework: catalogue.title[lang] })}`, ''];
  out.push(t('compliance.lead', { id: audit.id, started: fmt.dateTime(audit.startedAt), ended: fmt.dateTime(audit.endedAt), version: catalogue.version, revision: catalogue.revision ?? '-' }), '');
  out.push(`**${t('compliance.authorization', { authorization: mdText(audit.authorization ?? t('misc.none')) })}**`, '');
  if (catalogue.legacy) out.push(`> ${t('compliance.legacy', { replacedBy: catalogue.replacedBy ?? '-' })}`, '');
  if (compliance.unverified > 0) out.push(`> ${t('compliance.unverified', { count: fmt.int(compliance.unverified), total: fmt.int(catalogue.controls.length) })}`, '');
  out.push(`## ${t('compliance.summaryTitle')}`, '');
  out.push(`- ${t('compliance.coverage', { assessed: fmt.int(totals.assessed), applicable: fmt.int(totals.applicable), percent: totals.coverage === null ? '-' : fmt.pct(totals.coverage) })}`);
  out.push(`- ${totals.passRate === null ? t('compliance.passRateNone') : t('compliance.passRate', { pass: fmt.int(totals.passed), assessed: fmt.int(totals.assessed), percent: fmt.pct(totals.passRate) })}`);
  out.push(`- ${t('compliance.statusDesc', { summary: CONTROL_STATUSES.map((s) => `${t(`cstatus.${s}`)} ${fmt.int(totals.counts[s])}`).join(', ') })}`, '');
  out.push(t('compliance.notAssessedNote'), '');

  for (const section of compliance.sections) {
    const title = section.level === null ? t(compliance.levelBased ? 'reason.levelUnknown' : 'compliance.allTargets') : t('compliance.levelTitle', { level: section.level });
    out.push(`## ${title}`, '');
    out.push(section.targets.length === 0 ? t('compliance.noTargets') : t('compliance.levelLead', { count: fmt.int(section.targets.length), hosts: mdText(section.targets.slice(0, 30).join(', ')) + (section.targets.length > 30 ? ', …' : '') }), '');
    const rows = section.rows.map((row, i) => [String(i + 1), `${row.clause ?? row.control.id}${isGroupClause(row.clause) ? ' *' : ''}${row.control.verified ? '' : ' †'}`, row.control.title[lang], t(`cstatus.${row.status}`), evidenceText(t, fmt, row, lang)]);
    out.push(mdTable([t('col.no'), t('col.clause'), t('col.requirement'), t('col.status'), t('col.evidence')], rows), '');
    if (section.rows.some((r) => isGroupClause(r.clause))) out.push(t('compliance.groupOnly'), '');
  }

  out.push(`## ${t('compliance.planTitle')}`, '');
  const planned = compliance.sections.flatMap((s) => s.rows.filter((r) => r.plan !== null && (r.status === 'fail' || r.status === 'partial')));
  if (planned.length === 0) out.push(t('compliance.planNone'), '');
  else {
    out.push(t('compliance.planLead'), '');
    const rows = planned.map((row, i) => [String(i + 1), String(row.level ?? '-'), row.clause ?? row.control.id, row.control.title[lang], row.plan!.measures.join(' / '), row.plan!.owners.join('; '), row.plan!.deadline ? fmt.date(`${row.plan!.deadline}T00:00:00Z`) : '-']);
    out.push(mdTable([t('col.no'), t('col.level'), t('col.clause'), t('col.requirement'), t('col.measure'), t('col.owner'), t('col.deadline')], rows), '');
  }
  out.push(...suppressedLines({ t, fmt, lang, suppressions: suppressionsOf(result) }));
  out.push(`## ${t('compliance.mapping')}`, '', t('compliance.mappingText'), '');
  out.push(`- ${t('compliance.catalogue')}: ${catalogue.framework} · ${catalogue.version} · ${catalogue.revision ?? '-'}`, `- ${t('appendix.rules')}: ${audit.rulesVersion}`, `- ${t('appendix.tool')}: ${audit.toolVersion}`, '');
  out.push(mdText(catalogue.source.trim()), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function evidenceText(t: (id: ReportMessageId, params?: Record<string, string | number>) => string, fmt: Formatter, row: ControlRow, lang: 'vi' | 'en'): string {
  const parts = row.reasons.map((r) => t(reasonId(r), r.params));
  const failing = row.evidence.filter((e) => e.outcome === 'fail');
  for (const e of failing.slice(0, 5)) parts.push(`${endpoint(e.host ?? '', e.port ?? undefined)}: ${e.observed} (${e.ruleId}, ${fmt.dateTime(e.at)})`);
  if (failing.length > 5) parts.push(t('top.more', { count: fmt.int(failing.length - 5) }));
  if (row.control.documents) parts.push(t('reason.documents', { documents: row.control.documents[lang] }));
  return parts.join('; ');
}
