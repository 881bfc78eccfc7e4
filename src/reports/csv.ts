import type { AuditResult } from '../core/model/audit-result.js';
import { isDetailed, type Finding } from '../core/model/finding.js';
import { citations } from './cite.js';
import { cvssOf, evidenceLine, isKev } from './evidence.js';
import { decidedBy, decisionLabel, untilDay, untilText } from './decision-text.js';
import { Formatter } from './i18n/format.js';
import { rt, type ReportMessageId } from './i18n/t.js';
import type { ReportOptions } from './options.js';
import { compareFindings } from './priority.js';
import { ruleTexts, unknownRule } from './rule-text.js';
import { hasDecisions, suppressionsOf } from './suppression.js';

type Change = 'new' | 'reopened' | 'unchanged' | 'fixed' | 'notRechecked';

const COLUMNS: ReportMessageId[] = [
  'col.audit',
  'col.host',
  'col.address',
  'col.agency',
  'col.unit',
  'col.level',
  'col.port',
  'col.severity',
  'col.outcome',
  'col.rule',
  'col.category',
  'col.finding',
  'col.evidence',
  'col.reason',
  'col.remediation',
  'col.controls',
  'col.kev',
  'col.cvss',
  'col.fingerprint',
];

/** Added when the audit has decisions: which failures are suppressed (or whose acceptance expired), by whom, why, until when. */
const DECISION_COLUMNS: ReportMessageId[] = ['col.suppressed', 'col.decisionReason', 'col.decidedBy', 'col.until'];

/**
 * One row per finding (failures; every verdict with `all`), most urgent first. UTF-8 with a byte
 * order mark and CRLF line ends, so Excel opens Vietnamese text correctly. With a comparison, a
 * Change column, and rows for the failures that were fixed or not re-checked since. With triage
 * decisions, Suppressed / Why / Decided by / Until columns, and the suppressed failures last.
 */
export function renderCsv(result: AuditResult, options: ReportOptions): string {
  const { lang } = options;
  const rules = ruleTexts(result.rules);
  const targets = new Map(result.targets.map((t) => [t.host, t]));
  const comparison = options.comparison;
  const change = new Map<string, Change>();
  if (comparison) {
    const reopened = new Set(comparison.reopened);
    for (const f of comparison.diff.new) change.set(f.fingerprint, reopened.has(f.fingerprint) ? 'reopened' : 'new');
    for (const f of comparison.diff.unchanged) change.set(f.fingerprint, 'unchanged');
  }
  // Findings of one rule share one controls object (the store parses each distinct list once).
  const cited = new Map<Record<string, readonly string[]>, string>();
  const citationsOf = (controls: Record<string, readonly string[]>): string => {
    let text = cited.get(controls);
    if (text === undefined) cited.set(controls, (text = citations(controls).join('; ')));
    return text;
  };
  const header = COLUMNS.map((id) => rt(lang, id));
  if (comparison) header.push(rt(lang, 'col.change'));
  const suppressions = suppressionsOf(result);
  const decided = hasDecisions(suppressions);
  if (decided) header.push(...DECISION_COLUMNS.map((id) => rt(lang, id)));
  const t = (id: ReportMessageId, params?: Record<string, string | number>) => rt(lang, id, params);
  const fmt = new Formatter(lang, options.timeZone);
  const decisionCells = (f: Finding): string[] => {
    const found = suppressions.of(f.fingerprint);
    if (!found) return ['', '', '', ''];
    const { decision } = found;
    const status = found.expired ? t('suppressed.expiredBadge', { until: untilDay(fmt, decision.until ?? '') }) : decisionLabel(t, decision);
    return [status, decision.reason, decidedBy(fmt, decision), untilText(t, fmt, decision)];
  };

  const row = (f: Finding, auditId: number, kind?: Change): string[] => {
    const target = targets.get(f.host);
    const rule = rules.get(f.ruleId) ?? unknownRule(f.ruleId);
    const cells = [
      String(auditId),
      f.host,
      target?.address ?? '',
      target?.group?.agency ?? '',
      target?.group?.unit ?? '',
      target?.group?.level === undefined ? '' : String(target.group.level),
      f.port === undefined ? '' : String(f.port),
      rt(lang, `severity.${f.severity}`),
      rt(lang, `outcome.${f.outcome}`),
      f.ruleId,
      f.category,
      f.title[lang],
      evidenceLine(f.evidence),
      f.reason ?? '',
      f.outcome === 'fail' ? rule.remediation[lang] : '',
      citationsOf(f.controls),
      isKev(f) ? rt(lang, 'misc.yes') : '',
      cvssOf(f)?.toString() ?? '',
      f.fingerprint,
    ];
    if (comparison) cells.push(kind ? rt(lang, kind === 'notRechecked' ? 'change.notRechecked' : `change.${kind}`) : '');
    if (decided) cells.push(...decisionCells(f));
    return cells;
  };

  // With --all the CLI reads every verdict in full; a bare one (no evidence or texts) has no row to give.
  const selected = result.findings.filter((f): f is Finding => isDetailed(f) && (options.all === true || f.outcome === 'fail')).sort(compareFindings);
  // Suppressed failures are listed after the ones that count.
  const inForce = (f: Finding) => suppressions.of(f.fingerprint)?.expired === false;
  const ordered = decided ? [...selected.filter((f) => !inForce(f)), ...selected.filter(inForce)] : selected;
  const rows = ordered.map((f) => row(f, result.audit.id, change.get(f.fingerprint)));
  if (comparison) {
    for (const f of [...comparison.diff.fixed].sort(compareFindings)) rows.push(row(f, comparison.before.id, 'fixed'));
    for (const f of [...comparison.diff.notRechecked].sort(compareFindings)) rows.push(row(f, comparison.before.id, 'notRechecked'));
  }
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * RFC 4180 quoting, and no formulas: a cell starting with = + - @ (a banner from the scanned host
 * could) is prefixed with an apostrophe so a spreadsheet shows it as text instead of running it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
