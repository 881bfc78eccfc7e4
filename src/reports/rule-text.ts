import type { ReportRule } from '../core/model/audit-result.js';
import type { Text } from '../core/model/text.js';

/** A rule as its audit recorded it: the texts a report prints next to each of its findings. */
export interface RuleText {
  id: string;
  title: Text;
  failureTitle: Text;
  description: Text;
  remediation: Text;
  references: string[];
  controls: Record<string, string[]>;
  tags: string[];
  reads: string[];
}

/** Rule texts by id, from the audit's rule snapshot; a malformed snapshot degrades to the rule id. */
export function ruleTexts(rules: readonly ReportRule[]): Map<string, RuleText> {
  return new Map(rules.map((rule) => [rule.id, ruleText(rule)]));
}

export function ruleText(rule: ReportRule): RuleText {
  const meta = rule.meta;
  const fallback = { vi: rule.id, en: rule.id };
  return {
    id: rule.id,
    title: text(meta.title) ?? fallback,
    failureTitle: text(meta.failureTitle) ?? text(meta.title) ?? fallback,
    description: text(meta.description) ?? { vi: '', en: '' },
    remediation: text(meta.remediation) ?? { vi: '', en: '' },
    references: strings(meta.references),
    controls: controls(meta.controls),
    tags: strings(meta.tags),
    reads: strings(meta.reads),
  };
}

/** Stands in for a rule that is missing from the snapshot (a finding of a rule since removed). */
export function unknownRule(id: string): RuleText {
  return { id, title: { vi: id, en: id }, failureTitle: { vi: id, en: id }, description: { vi: '', en: '' }, remediation: { vi: '', en: '' }, references: [], controls: {}, tags: [], reads: [] };
}

function text(value: unknown): Text | null {
  if (!value || typeof value !== 'object') return null;
  const { vi, en } = value as Record<string, unknown>;
  return typeof vi === 'string' && typeof en === 'string' ? { vi, en } : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function controls(value: unknown): Record<string, string[]> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([framework, ids]) => [framework, strings(ids)]));
}
