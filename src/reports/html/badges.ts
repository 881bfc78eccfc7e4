import type { Severity } from '../../core/model/severity.js';
import type { Grade } from '../risk.js';
import type { ReportView } from '../view.js';
import { esc } from './escape.js';

export function severityBadge(view: ReportView, severity: Severity): string {
  return `<span class="badge sev-${severity}">${esc(view.t(`severity.${severity}`))}</span>`;
}

export function gradeBadge(view: ReportView, grade: Grade | null): string {
  return grade === null ? `<span class="grade grade-none" title="${esc(view.t('summary.notGraded'))}">–</span>` : `<span class="grade grade-${grade}">${grade}</span>`;
}

export function kevBadge(): string {
  return '<span class="badge kev">KEV</span>';
}

/** A ratio as a percentage, or a dash when there is nothing to divide. */
export function percentOrDash(view: ReportView, ratio: number | null): string {
  return ratio === null ? '-' : view.fmt.pct(ratio);
}
