import type { Outcome } from '../../core/model/finding.js';
import type { Severity } from '../../core/model/severity.js';
import type { CatalogueControl, ControlCatalogue } from '../../rules/schema.js';
import type { ReportMessageId } from '../i18n/t.js';
import type { ReportOptions } from '../options.js';
import type { Suppression } from '../suppression.js';

/**
 * A control's result. `pass`: every mapped check ran on every target and found nothing;
 * `fail`: failures on every target with a verdict; `partial`: some targets fail, some pass;
 * `not_assessed`: a mapped check did not run or erred, or a target did not answer (never a pass);
 * `not_applicable`: with a reason; `manual`: only documents can show it, and which is said.
 */
export const CONTROL_STATUSES = ['pass', 'partial', 'fail', 'not_assessed', 'not_applicable', 'manual'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** A check as the mapping sees it: from the audit's rule snapshot, or today's rule book. */
export interface RuleRef {
  id: string;
  category: string;
  severity: Severity;
  controls: Record<string, string[]>;
  deprecated?: boolean;
}

export interface ComplianceOptions extends ReportOptions {
  catalogue: ControlCatalogue;
  /** Today's rules: a check that maps to a control but did not run in the audit makes it not assessed. */
  ruleBook?: RuleRef[];
  /** The protection level of targets whose group states none (--level). */
  defaultLevel?: number;
}

export interface Reason {
  code: 'levelNotRequired' | 'noTargets' | 'checksNotApplicable' | 'noCheck' | 'notRun' | 'unreachable' | 'errored' | 'notGathered' | 'passed' | 'failedOn' | 'levelUnknown' | 'suppressed';
  params: Record<string, string | number>;
}

export function reasonId(reason: Reason): ReportMessageId {
  return `reason.${reason.code}`;
}

export interface EvidenceItem {
  ruleId: string;
  outcome: Outcome;
  /** The target, or null for a summary over `targets` targets. */
  host: string | null;
  port: number | null;
  targets: number;
  at: string;
  observed: string;
  expected: string;
  proof: string;
  fingerprint: string | null;
}

export interface PlanItem {
  measures: string[];
  owners: string[];
  /** YYYY-MM-DD, proposed from the audit date and the worst severity; null when no failure. */
  deadline: string | null;
  severity: Severity | null;
}

export interface ControlRow {
  control: CatalogueControl;
  level: number | null;
  clause: string | null;
  cite: string;
  status: ControlStatus;
  reasons: Reason[];
  /** Mapped checks, and those of them that did not run in this audit. */
  checks: string[];
  checksNotRun: string[];
  targets: { pass: string[]; fail: string[]; notAssessed: string[]; notApplicable: string[] };
  evidence: EvidenceItem[];
  plan: PlanItem | null;
  /** Failures of its checks on its targets that a decision in force keeps out of the status. */
  suppressed: Suppression[];
}

export type StatusCounts = Record<ControlStatus, number>;

export interface LevelSection {
  /** Protection level 1-5; null for catalogues without levels (one section for every target). */
  level: number | null;
  targets: string[];
  rows: ControlRow[];
  counts: StatusCounts;
}

export interface ComplianceTotals {
  counts: StatusCounts;
  applicable: number;
  assessed: number;
  passed: number;
  /** assessed / applicable; null when nothing applies. */
  coverage: number | null;
  /** passed / assessed; null when nothing was assessed. */
  passRate: number | null;
}

export interface ComplianceResult {
  catalogue: ControlCatalogue;
  levelBased: boolean;
  unverified: number;
  sections: LevelSection[];
  totals: ComplianceTotals;
}

export function emptyStatusCounts(): StatusCounts {
  return { pass: 0, partial: 0, fail: 0, not_assessed: 0, not_applicable: 0, manual: 0 };
}
