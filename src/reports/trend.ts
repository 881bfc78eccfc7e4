import type { AuditResult, ReportTarget } from '../core/model/audit-result.js';
import type { Verdict } from '../core/model/finding.js';
import type { Severity } from '../core/model/severity.js';
import { hostRisks, overallRisk, severityCounts, type Grade } from './risk.js';
import { countedVerdicts, suppressionsOf } from './suppression.js';

/** One audit as the trend reads it: its hosts (with their agency) and its verdicts. */
export interface TrendInput {
  id: number;
  startedAt: string;
  targets: readonly ReportTarget[];
  findings: readonly Verdict[];
}

export interface TrendPoint {
  audit: number;
  startedAt: string;
  failures: Record<Severity, number>;
  score: number | null;
  grade: Grade | null;
  hosts: number;
}

export interface TrendSeries {
  /** null for the whole of each audit; else the agency (hosts without one are under '-'). */
  agency: string | null;
  points: TrendPoint[];
}

export const NO_AGENCY = '-';

/**
 * Severity counts and grades over audits, overall and per agency: the series `rasoat trend` prints
 * and reports can draw. Pure; the points keep the order of the audits given (oldest first).
 */
export function trendSeries(audits: readonly TrendInput[]): TrendSeries[] {
  const overall: TrendPoint[] = audits.map((a) => point(a, a.targets, a.findings));
  const agencies = [...new Set(audits.flatMap((a) => a.targets.map((t) => t.group?.agency ?? NO_AGENCY)))].sort();
  const perAgency = agencies.map((agency) => {
    const points: TrendPoint[] = [];
    for (const a of audits) {
      const targets = a.targets.filter((t) => (t.group?.agency ?? NO_AGENCY) === agency);
      if (targets.length === 0) continue;
      const hosts = new Set(targets.map((t) => t.host));
      points.push(point(a, targets, a.findings.filter((f) => hosts.has(f.host))));
    }
    return { agency, points };
  });
  // One agency only (or none at all): its series would repeat the overall one.
  return agencies.length <= 1 ? [{ agency: null, points: overall }] : [{ agency: null, points: overall }, ...perAgency];
}

/**
 * The trend a report shows: the earlier audits given, then the reported one, all counted under the
 * decisions the report was given (an accepted risk must not look like a fix made since).
 */
export function reportTrend(result: AuditResult, history: readonly TrendInput[]): TrendSeries[] {
  const earlier = history.map((a) => ({ ...a, findings: countedVerdicts(a.findings, result.triage) }));
  return trendSeries([...earlier, { id: result.audit.id, startedAt: result.audit.startedAt, targets: result.targets, findings: suppressionsOf(result).counted }]);
}

function point(audit: TrendInput, targets: readonly ReportTarget[], findings: readonly Verdict[]): TrendPoint {
  const risk = overallRisk(hostRisks(targets, findings));
  return { audit: audit.id, startedAt: audit.startedAt, failures: severityCounts(findings), score: risk.score, grade: risk.grade, hosts: targets.length };
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A terminal sparkline: one block per value, scaled from the smallest to the largest; '·' for none. */
export function sparkline(values: ReadonlyArray<number | null>): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return values.map(() => '·').join('');
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  return values.map((v) => (v === null ? '·' : BLOCKS[span === 0 ? (v === 0 ? 0 : 3) : Math.round(((v - min) / span) * (BLOCKS.length - 1))])).join('');
}
