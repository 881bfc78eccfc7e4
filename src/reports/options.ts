import type { Severity } from '../core/model/severity.js';
import type { Lang } from '../core/model/text.js';
import type { AuditDiff } from './diff.js';
import type { TrendInput } from './trend.js';

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf', 'sarif', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One earlier audit of the same scope, as the trend chart shows it. */
export interface TrendPoint {
  auditId: number;
  startedAt: string;
  /** Mean risk score of the graded hosts; null when no host could be graded. */
  score: number | null;
  failures: Record<Severity, number>;
}

/** What changed since an earlier audit: `rasoat diff`'s sets, plus which new failures had been seen before. */
export interface Comparison {
  before: { id: number; uuid: string; startedAt: string };
  diff: AuditDiff;
  /** Fingerprints of new failures that also failed in some audit older than `before` (they came back). */
  reopened: string[];
}

/**
 * Everything a renderer needs besides the audit. The CLI fills it from the store and the system;
 * renderers never read a clock, a database or the network.
 */
export interface ReportOptions {
  lang: Lang;
  /** IANA zone the times are shown in. */
  timeZone: string;
  /** Earlier audits of the same scope, oldest first, as score points; the audit itself is appended by the renderer. */
  trend?: TrendPoint[];
  /**
   * Earlier audits of the same scope in full (hosts and verdicts), oldest first: the severity and
   * grade series, overall and per agency (HTML, Markdown, JSON). Takes the place of `trend`.
   */
  history?: readonly TrendInput[];
  comparison?: Comparison;
  /** Every verdict, not only failures (CSV and Markdown rows). */
  all?: boolean;
}
