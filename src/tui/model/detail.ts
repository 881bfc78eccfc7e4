import type { Finding } from '../../core/model/finding.js';
import type { Lang } from '../../core/model/text.js';
import { t, type MessageId } from '../../i18n/t.js';
import { unknownRule, type RuleText } from '../../reports/rule-text.js';
import type { ExplorerRow } from './explorer.js';
import { severityTag, wrap } from './text.js';

export interface DetailLine {
  text: string;
  /** Section headings are bold; the text says what they are either way. */
  heading?: boolean;
}

/** Evidence as "key: value" lines, nested values as compact JSON. */
export function evidenceLines(finding: Finding): string[] {
  return Object.entries(finding.evidence).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/**
 * Everything the detail pane shows about one finding, as wrapped lines: the component only scrolls
 * through them. Rule texts come from the audit's own rule snapshot (what the rule said then).
 */
export function detailLines(row: ExplorerRow, rule: RuleText | undefined, lang: Lang, textLang: Lang, columns: number): DetailLine[] {
  const f = row.finding;
  const r = rule ?? unknownRule(f.ruleId);
  const lines: DetailLine[] = [];
  const add = (text: string) => lines.push(...wrap(text, columns).map((line) => ({ text: line })));
  const section = (id: MessageId, params: Record<string, string> = {}) => {
    lines.push({ text: '' }, { text: t(lang, id, params), heading: true });
  };

  add(`${severityTag(f.severity, lang)}  ${f.title[textLang]}`);
  add(`${t(lang, 'tui.detail.rule')}: ${f.ruleId}   ${t(lang, 'tui.detail.category')}: ${f.category}`);
  add(`${t(lang, 'tui.detail.host')}: ${f.host}${f.port !== undefined ? `:${f.port}` : ''}${row.agency ? ` (${row.agency})` : ''}`);
  const status = t(lang, `tui.status.${row.status}` as MessageId);
  const decision = row.decision && row.decision.status !== 'open' ? row.decision : null;
  add(
    `${t(lang, 'tui.detail.status')}: ${
      decision ? t(lang, 'tui.detail.triaged', { status, actor: decision.actor, at: decision.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), reason: decision.reason }) : status
    }`,
  );
  add(`${t(lang, 'tui.detail.fingerprint')}: ${f.fingerprint}`);

  const evidence = evidenceLines(f);
  if (evidence.length > 0) {
    section('tui.detail.evidence');
    for (const line of evidence) add(`  ${line}`);
  }
  if (r.description[textLang]) {
    section('tui.detail.description');
    add(r.description[textLang]);
  }
  if (r.remediation[textLang]) {
    section('tui.detail.remediation', { lang: textLang });
    add(r.remediation[textLang]);
  }
  if (r.references.length > 0) {
    section('tui.detail.references');
    for (const ref of r.references) add(`  ${ref}`);
  }
  const controls = Object.keys(f.controls).length > 0 ? f.controls : r.controls;
  if (Object.keys(controls).length > 0) {
    section('tui.detail.controls');
    for (const [framework, ids] of Object.entries(controls)) add(`  ${framework}: ${ids.join(', ')}`);
  }
  return lines;
}
