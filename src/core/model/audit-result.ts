import type { AuditRecord } from './audit.js';
import type { Finding } from './finding.js';
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

/** Everything known about one audit, as reports and `--json` consume it. */
export interface AuditResult {
  audit: AuditRecord;
  targets: ReportTarget[];
  observations: Observation[];
  findings: Finding[];
  rules: ReportRule[];
}
