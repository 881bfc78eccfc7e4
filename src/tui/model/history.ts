import type { AuditDiff } from '../../reports/diff.js';
import type { Finding } from '../../core/model/finding.js';
import { severityRank } from '../../core/model/severity.js';
import type { AuditSummary } from './data.js';
import { scrollTop } from './text.js';

/** Better, worse or the same score as the previous audit of the same scope (lower scores are better). */
export type Trend = 'better' | 'worse' | 'same' | null;

export interface HistoryState {
  /** Newest first. */
  audits: AuditSummary[];
  trends: Trend[];
  cursor: number;
  top: number;
  /** Audit ids marked for comparison, at most two, oldest mark first. */
  marked: number[];
}

export const TREND_SYMBOL: Record<Exclude<Trend, null>, string> = { better: '↓', worse: '↑', same: '=' };

export function createHistory(audits: AuditSummary[]): HistoryState {
  const trends = audits.map((audit, i): Trend => {
    const previous = audits.slice(i + 1).find((a) => a.scopeKey === audit.scopeKey && a.score !== null && a.status === 'complete');
    if (!previous || audit.score === null || previous.score === null) return null;
    return audit.score < previous.score ? 'better' : audit.score > previous.score ? 'worse' : 'same';
  });
  return { audits, trends, cursor: 0, top: 0, marked: [] };
}

export type HistoryAction = { type: 'move'; delta: number } | { type: 'home' } | { type: 'end' } | { type: 'mark' };

export function reduceHistory(state: HistoryState, action: HistoryAction, height: number): HistoryState {
  const last = Math.max(0, state.audits.length - 1);
  const to = (cursor: number) => {
    const c = Math.max(0, Math.min(last, cursor));
    return { ...state, cursor: c, top: scrollTop(state.top, c, height, state.audits.length) };
  };
  switch (action.type) {
    case 'move':
      return to(state.cursor + action.delta);
    case 'home':
      return to(0);
    case 'end':
      return to(last);
    case 'mark': {
      const audit = state.audits[state.cursor];
      if (!audit) return state;
      const marked = state.marked.includes(audit.id) ? state.marked.filter((id) => id !== audit.id) : [...state.marked, audit.id].slice(-2);
      return { ...state, marked };
    }
  }
}

/** The two audits to compare, older first: the two marked, or the one marked and the one under the cursor. */
export function comparePair(state: HistoryState): [number, number] | null {
  const ids = [...state.marked];
  const current = state.audits[state.cursor]?.id;
  if (ids.length === 1 && current !== undefined && current !== ids[0]) ids.push(current);
  if (ids.length !== 2) return null;
  const [a, b] = ids as [number, number];
  return a < b ? [a, b] : [b, a];
}

export const COMPARE_TABS = ['new', 'fixed', 'unchanged', 'notRechecked'] as const;
export type CompareTab = (typeof COMPARE_TABS)[number];

export interface CompareState {
  before: number;
  after: number;
  diff: AuditDiff;
  tab: CompareTab;
  cursor: number;
  top: number;
}

export function createCompare(before: number, after: number, diff: AuditDiff): CompareState {
  const sorted: AuditDiff = { new: bySeverity(diff.new), fixed: bySeverity(diff.fixed), unchanged: bySeverity(diff.unchanged), notRechecked: bySeverity(diff.notRechecked) };
  // Open on the first set that has something in it.
  const tab = COMPARE_TABS.find((k) => sorted[k].length > 0) ?? 'new';
  return { before, after, diff: sorted, tab, cursor: 0, top: 0 };
}

function bySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.host.localeCompare(b.host, 'en', { numeric: true }) || a.ruleId.localeCompare(b.ruleId));
}

export type CompareAction = { type: 'move'; delta: number } | { type: 'tab'; delta: number };

export function reduceCompare(state: CompareState, action: CompareAction, height: number): CompareState {
  if (action.type === 'tab') {
    const i = (COMPARE_TABS.indexOf(state.tab) + action.delta + COMPARE_TABS.length) % COMPARE_TABS.length;
    return { ...state, tab: COMPARE_TABS[i]!, cursor: 0, top: 0 };
  }
  const count = state.diff[state.tab].length;
  const cursor = Math.max(0, Math.min(count - 1, state.cursor + action.delta));
  return { ...state, cursor, top: scrollTop(state.top, cursor, height, count) };
}
