import type { TriageDecision } from './triage.js';
import type { AuditRecord } from './audit.js';
import type { Verdict } from './finding.js';
import type { Observation } from './observation.js';
import type { HostTarget } from './target.js';

export interface ReportTarget extends HostTarget {
  up: boolean;
}

export interface ReportRule {
  id: string;
  severity: string;
  category: string;
  meta: Record<string, unknown>;
}

/** When a host (and port) was last observed: what a compliance report dates its evidence with. */
export interface LastSeen {
  host: string;
  port?: number;
  at: string;
}

/** Everything known about one audit, as reports and `--json` consume it. */
export interface AuditResult {
  audit: AuditRecord;
  targets: ReportTarget[];
  /** The observations the report needs (every one for JSON; a report may read only some kinds). */
  observations: Observation[];
  /** Every verdict of the audit, failures in full (see Verdict). */
  findings: Verdict[];
  /** Latest observation time per host and port, read instead of the observations when only times are needed. */
  lastSeen?: LastSeen[];
  rules: ReportRule[];
  /**
   * People's decisions about the failures (accepted risk, false positive; the current one per
   * fingerprint, 'open' ones left out) and the time reports judge them at: a decision in force then
   * is listed apart and not counted; an acceptance whose date has passed counts again. Absent: every
   * failure counts, as if no decision existed.
   */
  triage?: TriageInput;
}

export interface TriageInput {
  /** ISO-8601: when the report is made (reports read no clock). */
  at: string;
  decisions: Record<string, TriageDecision>;
}
