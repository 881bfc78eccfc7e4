import type { AuditResult } from '../../core/model/audit-result.js';
import { csvCell } from '../csv.js';
import { endpoint } from '../evidence.js';
import { rt } from '../i18n/t.js';
import type { ComplianceOptions, ComplianceResult } from './types.js';
import { reasonId } from './types.js';

/** One row per control and protection level: the Form 08 table as a spreadsheet (UTF-8 BOM, CRLF). */
export function renderComplianceCsv(result: AuditResult, compliance: ComplianceResult, options: ComplianceOptions): string {
  const { lang } = options;
  const t = (id: Parameters<typeof rt>[1]) => rt(lang, id);
  const header = [t('col.level'), t('col.no'), t('col.cite'), t('col.clause'), t('col.control'), t('col.requirement'), t('col.status'), t('col.reason'), t('col.checks'), t('col.targets'), t('col.evidence'), t('col.measure'), t('col.owner'), t('col.deadline')];
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
    });
  }
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
