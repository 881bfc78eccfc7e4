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
  /** Failures a person accepted as a risk (not yet expired) or marked false positive, by fingerprint: listed, not scored. */
  suppressed?: Record<string, TriageDecision>;
}
