import type { AuditResult } from '../../core/model/audit-result.js';
import { isGroupClause } from '../cite.js';
import { endpoint } from '../evidence.js';
import { barChart } from '../html/charts.js';
import { htmlPage } from '../html/document.js';
import { esc, headRow } from '../html/escape.js';
import { suppressedSection } from '../html/suppressed.js';
import { Formatter } from '../i18n/format.js';
import { rt, type ReportMessageId } from '../i18n/t.js';
import { suppressionsOf } from '../suppression.js';
import { CONTROL_STATUSES, reasonId, type ComplianceOptions, type ComplianceResult, type ControlRow, type ControlStatus, type LevelSection } from './types.js';

const STATUS_COLOUR: Record<ControlStatus, string> = { pass: '#166534', partial: '#92400e', fail: '#7f1d1d', not_assessed: '#374151', not_applicable: '#4b5563', manual: '#5b21b6' };
const EVIDENCE_SHOWN = 10;

interface Ctx {
  t: (id: ReportMessageId, params?: Record<string, string | number>) => string;
  fmt: Formatter;
  lang: ComplianceOptions['lang'];
}

/**
 * The compliance report as HTML, in the shape of the Vietnamese annual report tables (Form 08):
 * per protection level, each requirement with its clause, result and evidence, then the
 * remediation plan (measure, owner, deadline). Coverage is shown apart from the pass rate.
 */
export function renderComplianceHtml(result: AuditResult, compliance: ComplianceResult, options: ComplianceOptions): string {
  const ctx: Ctx = { t: (id, params) => rt(options.lang, id, params), fmt: new Formatter(options.lang, options.timeZone), lang: options.lang };
  const { t } = ctx;
  const { catalogue } = compliance;
  const sectionId = (s: LevelSection) => (s.level === null ? 'level-all' : `level-${s.level}`);
  const sectionTitle = (s: LevelSection) => (s.level === null ? t(compliance.levelBased ? 'reason.levelUnknown' : 'compliance.allTargets') : t('compliance.levelTitle', { level: s.level }));
  const suppressed = suppressedSection({ ...ctx, suppressions: suppressionsOf(result) });
  const toc: Array<[string, string]> = [['c-summary', t('compliance.summaryTitle')], ...compliance.sections.map((s): [string, string] => [sectionId(s), sectionTitle(s)]), ['plan', t('compliance.planTitle')]];
  if (suppressed) toc.push(['suppressed', t('suppressed.title')]);
  toc.push(['method', t('compliance.mapping')]);
  let body = summary(ctx, result, compliance);
  for (const section of compliance.sections) body += levelSection(ctx, section, sectionId(section), sectionTitle(section));
  body += planSection(ctx, compliance);
  body += suppressed;
  body += methodSection(ctx, result, compliance);
  return htmlPage({
    lang: options.lang,
    title: t('compliance.title', { framework: catalogue.title[options.lang] }),
    subtitle: [`${result.audit.scope.targets.concat(result.audit.scope.targetFiles).slice(0, 6).join(', ')}`, `${ctx.fmt.longDate(result.audit.startedAt)} · ${result.audit.auditor}`],
    toc,
    body,
    version: result.audit.toolVersion,
  });
}

function summary(ctx: Ctx, result: AuditResult, compliance: ComplianceResult): string {
  const { t, fmt } = ctx;
  const { audit } = result;
  const { catalogue, totals } = compliance;
  let html = `<section id="c-summary" aria-labelledby="c-summary-h"><h2 id="c-summary-h">${esc(t('compliance.summaryTitle'))}</h2>`;
  html += `<p>${esc(t('compliance.lead', { id: audit.id, started: fmt.dateTime(audit.startedAt), ended: fmt.dateTime(audit.endedAt), version: catalogue.version, revision: catalogue.revision ?? '-' }))}</p>`;
  html += `<p><strong>${esc(t('compliance.authorization', { authorization: audit.authorization ?? t('misc.none') }))}</strong></p>`;
  if (catalogue.legacy) html += `<p class="notice">${esc(t('compliance.legacy', { replacedBy: catalogue.replacedBy ?? '-' }))}</p>`;
  if (compliance.unverified > 0) html += `<p class="notice">${esc(t('compliance.unverified', { count: fmt.int(compliance.unverified), total: fmt.int(catalogue.controls.length) }))}</p>`;
  html += '<div class="kpis">';
  html += `<div class="kpi"><div class="value">${totals.coverage === null ? '-' : esc(fmt.pct(totals.coverage))}</div><div class="label">${esc(t('compliance.coverage', { assessed: fmt.int(totals.assessed), applicable: fmt.int(totals.applicable), percent: totals.coverage === null ? '-' : fmt.pct(totals.coverage) }))}</div></div>`;
  const passRate = totals.passRate === null ? t('compliance.passRateNone') : t('compliance.passRate', { pass: fmt.int(totals.passed), assessed: fmt.int(totals.assessed), percent: fmt.pct(totals.passRate) });
  html += `<div class="kpi"><div class="value">${totals.passRate === null ? '-' : esc(fmt.pct(totals.passRate))}</div><div class="label">${esc(passRate)}</div></div>`;
  html += '</div>';
  html += `<p class="muted">${esc(t('compliance.notAssessedNote'))}</p>`;
  const described = CONTROL_STATUSES.map((s) => `${t(`cstatus.${s}`)} ${fmt.int(totals.counts[s])}`).join(', ');
  const bars = CONTROL_STATUSES.map((s) => ({ label: t(`cstatus.${s}`), value: totals.counts[s], text: fmt.int(totals.counts[s]), colour: STATUS_COLOUR[s] }));
  html += `<figure class="chart"><figcaption>${esc(t('compliance.statusChart'))}</figcaption>${barChart('chart-status', t('compliance.statusChart'), t('compliance.statusDesc', { summary: described }), bars, 420)}</figure>`;
  if (compliance.sections.length > 1) {
    html += `<table>${headRow([t('col.level'), ...CONTROL_STATUSES.map((s) => t(`cstatus.${s}`))])}<tbody>`;
    for (const s of compliance.sections) html += `<tr><th scope="row">${esc(s.level ?? '-')}</th>${CONTROL_STATUSES.map((st) => `<td class="num">${fmt.int(s.counts[st])}</td>`).join('')}</tr>`;
    html += '</tbody></table>';
  }
  return `${html}</section>`;
}

function levelSection(ctx: Ctx, section: LevelSection, id: string, title: string): string {
  const { t, fmt, lang } = ctx;
  let html = `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(title)}</h2>`;
  if (section.targets.length === 0) html += `<p>${esc(t('compliance.noTargets'))}</p>`;
  else {
    const shown = section.targets.slice(0, 30).join(', ') + (section.targets.length > 30 ? ` … (+${fmt.int(section.targets.length - 30)})` : '');
    html += `<p>${esc(t('compliance.levelLead', { count: fmt.int(section.targets.length), hosts: shown }))}</p>`;
  }
  html += `<table><caption class="sr-only">${esc(title)}</caption>${headRow([t('col.no'), t('col.clause'), t('col.requirement'), t('col.status'), t('col.evidence')])}<tbody>`;
  let group: string | null = null;
  section.rows.forEach((row, i) => {
    const name = row.control.group?.[lang] ?? t('compliance.groupOther');
    if (name !== group) {
      group = name;
      html += `<tr><th scope="colgroup" colspan="5">${esc(name)}</th></tr>`;
    }
    const clause = `${row.clause ?? row.control.id}${isGroupClause(row.clause) ? ' *' : ''}${row.control.verified ? '' : ' †'}`;
    const tier = row.control.tier ? ` <span class="muted">(${esc(row.control.tier)})</span>` : '';
    html +=
      `<tr><td class="num">${i + 1}</td><td>${esc(clause)}<br><code class="muted">${esc(row.cite)}</code></td>` +
      `<th scope="row">${esc(row.control.title[lang])}${tier}</th><td><span class="badge st-${row.status}">${esc(t(`cstatus.${row.status}`))}</span></td><td>${evidenceCell(ctx, row)}</td></tr>`;
  });
  html += '</tbody></table>';
  if (section.rows.some((r) => isGroupClause(r.clause))) html += `<p class="muted">${esc(t('compliance.groupOnly'))}</p>`;
  return `${html}</section>`;
}

function evidenceCell(ctx: Ctx, row: ControlRow): string {
  const { t, fmt, lang } = ctx;
  const lines: string[] = row.reasons.map((r) => esc(t(reasonId(r), r.params)));
  const failing = row.evidence.filter((e) => e.outcome === 'fail');
  const items = failing.slice(0, EVIDENCE_SHOWN).map(
    (e) =>
      `<li><strong>${esc(endpoint(e.host ?? '', e.port ?? undefined))}</strong> ${esc(e.observed)} <code>${esc(e.ruleId)}</code> · ${esc(fmt.dateTime(e.at))}<br>` +
      `<span class="muted">${esc(t('col.expected'))}: ${esc(e.expected)}${e.proof ? ` · ${esc(t('col.proof'))}: <span class="evidence">${esc(e.proof)}</span>` : ''}</span></li>`,
  );
  if (failing.length > EVIDENCE_SHOWN) items.push(`<li>${esc(t('top.more', { count: fmt.int(failing.length - EVIDENCE_SHOWN) }))}</li>`);
  for (const e of row.evidence) {
    if (e.outcome === 'pass') items.push(`<li>✓ ${esc(t('compliance.evidencePass', { check: e.ruleId, count: fmt.int(e.targets) }))}</li>`);
    else if (e.outcome !== 'fail') items.push(`<li>? ${esc(t('compliance.evidenceUnresolved', { check: e.ruleId, count: fmt.int(e.targets), reasons: e.proof }))}</li>`);
  }
  if (items.length > 0) lines.push(`<ul class="compact">${items.join('')}</ul>`);
  if (row.control.documents) lines.push(`<em>${esc(t('reason.documents', { documents: row.control.documents[lang] }))}</em>`);
  if (row.control.note) lines.push(`<span class="muted">${esc(row.control.note[lang])}</span>`);
  return lines.join('<br>');
}

function planSection(ctx: Ctx, compliance: ComplianceResult): string {
  const { t, fmt, lang } = ctx;
  const order: ControlStatus[] = ['fail', 'partial', 'not_assessed', 'manual'];
  const rows = compliance.sections.flatMap((s) => s.rows.filter((r) => r.plan !== null)).sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  let html = `<section id="plan" aria-labelledby="plan-h"><h2 id="plan-h">${esc(t('compliance.planTitle'))}</h2>`;
  if (!rows.some((r) => r.status === 'fail' || r.status === 'partial')) html += `<p>${esc(t('compliance.planNone'))}</p>`;
  if (rows.length === 0) return `${html}</section>`;
  html += `<p class="muted">${esc(t('compliance.planLead'))}</p>`;
  html += `<table>${headRow([t('col.no'), t('col.level'), t('col.clause'), t('col.requirement'), t('col.status'), t('col.measure'), t('col.owner'), t('col.deadline')])}<tbody>`;
  rows.forEach((row, i) => {
    const plan = row.plan!;
    html +=
      `<tr><td class="num">${i + 1}</td><td class="num">${esc(row.level ?? '-')}</td><td>${esc(row.clause ?? row.control.id)}</td><th scope="row">${esc(row.control.title[lang])}</th>` +
      `<td><span class="badge st-${row.status}">${esc(t(`cstatus.${row.status}`))}</span></td><td>${plan.measures.map(esc).join('<br>')}</td><td>${plan.owners.map(esc).join('<br>')}</td>` +
      `<td>${plan.deadline ? esc(fmt.date(`${plan.deadline}T00:00:00Z`)) : '-'}</td></tr>`;
  });
  return `${html}</tbody></table></section>`;
}

function methodSection(ctx: Ctx, result: AuditResult, compliance: ComplianceResult): string {
  const { t } = ctx;
  const { catalogue } = compliance;
  let html = `<section id="method" aria-labelledby="method-h"><h2 id="method-h">${esc(t('compliance.mapping'))}</h2><p>${esc(t('compliance.mappingText'))}</p>`;
  html += `<h3>${esc(t('compliance.statusKey'))}</h3><ul>${CONTROL_STATUSES.map((s) => `<li><span class="badge st-${s}">${esc(t(`cstatus.${s}`))}</span></li>`).join('')}</ul>`;
  html += `<dl class="meta"><dt>${esc(t('compliance.catalogue'))}</dt><dd>${esc(`${catalogue.framework} · ${catalogue.version} · ${catalogue.revision ?? '-'}`)}</dd>`;
  html += `<dt>${esc(t('appendix.rules'))}</dt><dd>${esc(result.audit.rulesVersion)}</dd><dt>${esc(t('appendix.tool'))}</dt><dd>${esc(result.audit.toolVersion)}</dd>`;
  html += `<dt>${esc(t('appendix.uuid'))}</dt><dd>${esc(result.audit.uuid)}</dd></dl>`;
  html += `<p class="muted">${esc(catalogue.source)}</p>`;
  return `${html}</section>`;
}
