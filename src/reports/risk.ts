import type { ReportTarget } from '../core/model/audit-result.js';
import { isFailure, type Finding, type Outcome, type Verdict } from '../core/model/finding.js';
import { SEVERITIES, type Severity } from '../core/model/severity.js';
import { isKev } from './evidence.js';

/**
 * The risk score and grade of a site (a host), for the one-page summary. Documented in the
 * report's appendix; change both together.
 *
 * Each failing finding weighs by severity, a known exploited vulnerability (KEV) more than any
 * severity. A host's score is 100 × (1 − Π(1 − weight)): independent weaknesses add up, the
 * order does not matter, and the score never passes 100. Grades follow fixed score bands, and a
 * critical or KEV finding always gives F (as SSL Labs caps a grade). A host where no check
 * reached pass or fail is not graded: missing evidence never earns an A.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 0.5, high: 0.25, medium: 0.1, low: 0.03, info: 0 };
export const KEV_WEIGHT = 0.8;

export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];
/** Upper bounds (exclusive) of the score bands of A, B, C and D; F above. */
const BANDS: Array<[number, Grade]> = [
  [5, 'A'],
  [20, 'B'],
  [40, 'C'],
  [60, 'D'],
];

export type VerdictCounts = Record<Outcome, number>;

export interface HostRisk {
  host: string;
  target: ReportTarget | undefined;
  /** 0-100, null when not graded. */
  score: number | null;
  grade: Grade | null;
  /** Failing findings by severity. */
  failures: Record<Severity, number>;
  kev: number;
  /** Verdicts per rule on this host (a rule failing on three ports counts once, as fail). */
  verdicts: VerdictCounts;
  /** Share of applicable rules that reached pass or fail; null when no rule applies. */
  coverage: number | null;
}

export interface OverallRisk {
  score: number | null;
  grade: Grade | null;
  hosts: number;
  graded: number;
  byGrade: Record<Grade, number>;
  worst: Grade | null;
}

export function findingWeight(finding: Pick<Finding, 'severity' | 'evidence'>): number {
  const base = SEVERITY_WEIGHT[finding.severity] ?? 0;
  return isKev(finding as Finding) ? Math.max(KEV_WEIGHT, base) : base;
}

/** 100 × (1 − Π(1 − w)), rounded to a whole number. */
export function scoreOf(failures: ReadonlyArray<Pick<Finding, 'severity' | 'evidence'>>): number {
  let clean = 1;
  for (const finding of failures) clean *= 1 - findingWeight(finding);
  return Math.round(100 * (1 - clean));
}

export function gradeOf(score: number, capped: boolean): Grade {
  if (capped) return 'F';
  for (const [bound, grade] of BANDS) if (score < bound) return grade;
  return 'F';
}

export function emptyCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export function emptyVerdicts(): VerdictCounts {
  return { fail: 0, pass: 0, 'not-applicable': 0, 'not-assessed': 0, error: 0 };
}

/** The risk of one host from all its verdicts (every outcome, not only failures). */
export function hostRisk(host: string, target: ReportTarget | undefined, findings: readonly Verdict[]): HostRisk {
  const failing = findings.filter(isFailure);
  const failures = emptyCounts();
  for (const f of failing) failures[f.severity]++;
  const perRule = new Map<string, Outcome>();
  for (const f of findings) {
    const seen = perRule.get(f.ruleId);
    if (seen !== 'fail') perRule.set(f.ruleId, f.outcome);
  }
  const verdicts = emptyVerdicts();
  for (const outcome of perRule.values()) verdicts[outcome]++;
  const decided = verdicts.pass + verdicts.fail;
  const applicable = perRule.size - verdicts['not-applicable'];
  const graded = decided > 0 && target?.up !== false;
  const score = graded ? scoreOf(failing) : null;
  const capped = failing.some((f) => f.severity === 'critical' || isKev(f));
  return {
    host,
    target,
    score,
    grade: score === null ? null : gradeOf(score, capped),
    failures,
    kev: failing.filter(isKev).length,
    verdicts,
    coverage: applicable > 0 ? decided / applicable : null,
  };
}

/** Every target's risk, in target order; hosts with findings but no target record come last. */
export function hostRisks(targets: readonly ReportTarget[], findings: readonly Verdict[]): HostRisk[] {
  const byHost = new Map<string, Verdict[]>();
  for (const f of findings) {
    const list = byHost.get(f.host);
    if (list) list.push(f);
    else byHost.set(f.host, [f]);
  }
  const risks = targets.map((t) => hostRisk(t.host, t, byHost.get(t.host) ?? []));
  const known = new Set(targets.map((t) => t.host));
  for (const [host, list] of byHost) if (!known.has(host)) risks.push(hostRisk(host, undefined, list));
  return risks;
}

/** The audit's score: the mean of the graded hosts' scores, graded with the same bands. */
export function overallRisk(hosts: readonly HostRisk[]): OverallRisk {
  const graded = hosts.filter((h): h is HostRisk & { score: number; grade: Grade } => h.score !== null && h.grade !== null);
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0, F: 0 };
  for (const h of graded) byGrade[h.grade]++;
  const score = graded.length > 0 ? Math.round(graded.reduce((sum, h) => sum + h.score, 0) / graded.length) : null;
  const worst = [...GRADES].reverse().find((g) => byGrade[g] > 0) ?? null;
  return { score, grade: score === null ? null : gradeOf(score, false), hosts: hosts.length, graded: graded.length, byGrade, worst };
}

/** Failing findings by severity over a whole audit. */
export function severityCounts(findings: readonly Verdict[]): Record<Severity, number> {
  const counts = emptyCounts();
  for (const f of findings) if (f.outcome === 'fail' && SEVERITIES.includes(f.severity)) counts[f.severity]++;
  return counts;
}
