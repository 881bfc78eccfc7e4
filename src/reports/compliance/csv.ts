import type { AuditResult } from '../../core/model/audit-result.js';
import { csvCell } from '../csv.js';
import { decidedBy, decisionLabel, untilDay, untilText } from '../decision-text.js';
import { endpoint } from '../evidence.js';
import { Formatter } from '../i18n/format.js';
import { rt } from '../i18n/t.js';
import { hasDecisions, suppressionsOf, type Suppression } from '../suppression.js';
import type { ComplianceOptions, ComplianceResult } from './types.js';
import { reasonId } from './types.js';

/**
 * One row per control and protection level: the Form 08 table as a spreadsheet (UTF-8 BOM, CRLF).
 * With triage decisions, a Suppressed column: the failures of the row's checks a decision keeps
 * out of its status, and those whose acceptance expired (counted again).
 */
export function renderComplianceCsv(result: AuditResult, compliance: ComplianceResult, options: ComplianceOptions): string {
  const { lang } = options;
  const t = (id: Parameters<typeof rt>[1], params?: Record<string, string | number>) => rt(lang, id, params);
  const fmt = new Formatter(lang, options.timeZone);
  const suppressions = suppressionsOf(result);
  const decided = hasDecisions(suppressions);
  const describe = ({ finding: f, decision: d }: Suppression, status: string) => `${endpoint(f.host, f.port)} [${f.ruleId}] ${status}: ${d.reason} (${decidedBy(fmt, d)}; ${t('col.until')} ${untilText(t, fmt, d)})`;
  const header = [t('col.level'), t('col.no'), t('col.cite'), t('col.clause'), t('col.control'), t('col.requirement'), t('col.status'), t('col.reason'), t('col.checks'), t('col.targets'), t('col.evidence'), t('col.measure'), t('col.owner'), t('col.deadline')];
  if (decided) header.push(t('col.suppressed'));
  const rows: string[][] = [];
  for (const section of compliance.sections) {
    section.rows.forEach((row, i) => {
      const failing = row.evidence.filter((e) => e.outcome === 'fail');
      const evidence = failing.map((e) => `${endpoint(e.host ?? '', e.port ?? undefined)} ${e.observed} [${e.ruleId}]`).join('; ');
      rows.push([
        section.level === null ? '' : String(section.level),
        String(i + 1),
        row.cite,
        row.clause ?? '',
        row.control.id,
        row.control.title[lang],
        rt(lang, `cstatus.${row.status}`),
        row.reasons.map((r) => rt(lang, reasonId(r), r.params)).join('; '),
        row.checks.join(' '),
        `${rt(lang, 'outcome.fail')} ${row.targets.fail.length}; ${rt(lang, 'outcome.pass')} ${row.targets.pass.length}; ${rt(lang, 'outcome.not-assessed')} ${row.targets.notAssessed.length}`,
        evidence,
        row.plan?.measures.join(' | ') ?? '',
        row.plan?.owners.join('; ') ?? '',
        row.plan?.deadline ?? '',
      ]);
      if (decided) {
        const expired = suppressions.expired.filter((x) => row.checks.includes(x.finding.ruleId) && row.targets.fail.includes(x.finding.host));
        const cells = [...row.suppressed.map((x) => describe(x, decisionLabel(t, x.decision))), ...expired.map((x) => describe(x, t('suppressed.expiredBadge', { until: untilDay(fmt, x.decision.until ?? '') })))];
        rows.at(-1)!.push(cells.join('; '));
      }
    });
  }
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
