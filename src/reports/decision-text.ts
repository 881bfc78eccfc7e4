import type { Lang } from '../core/model/text.js';
import type { TriageDecision } from '../core/model/triage.js';
import type { Formatter } from './i18n/format.js';
import type { ReportMessageId } from './i18n/t.js';
import type { Suppressions } from './suppression.js';

type Translate = (id: ReportMessageId, params?: Record<string, string | number>) => string;

/** What a suppressed-findings section needs: the audit and the compliance reports both have it. */
export interface DecisionView {
  t: Translate;
  fmt: Formatter;
  lang: Lang;
  suppressions: Suppressions;
}

/** "Accepted risk" or "False positive". */
export function decisionLabel(t: Translate, decision: TriageDecision): string {
  return t(decision.status === 'false-positive' ? 'decision.false-positive' : 'decision.accepted-risk');
}

/** Until when the decision holds: its date, "no end date" for an open-ended acceptance, '-' for a false positive. */
export function untilText(t: Translate, fmt: Formatter, decision: TriageDecision): string {
  if (decision.until) return untilDay(fmt, decision.until);
  return decision.status === 'false-positive' ? '-' : t('decision.noEnd');
}

/**
 * The day an acceptance was given until (`--until 2026-10-01` holds to the end of that day, UTC),
 * as that calendar day in any time zone: noon UTC is the same date from UTC-11 to UTC+11.
 */
export function untilDay(fmt: Formatter, until: string): string {
  return fmt.date(`${until.slice(0, 10)}T12:00:00.000Z`);
}

/** Who decided, and when: "an.nv, 01/12/2026". */
export function decidedBy(fmt: Formatter, decision: TriageDecision): string {
  return `${decision.actor}, ${fmt.date(decision.at)}`;
}
