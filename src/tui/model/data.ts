import type { AuditRecord, AuditStatus } from '../../core/model/audit.js';
import type { Finding } from '../../core/model/finding.js';
import type { Severity } from '../../core/model/severity.js';
import type { TriageDecision, TriageStatus } from '../../core/model/triage.js';
import type { AuditDiff } from '../../reports/diff.js';
import type { RuleText } from '../../reports/rule-text.js';
import type { Grade } from '../../reports/risk.js';

/** One row of the history screen: what the audit list shows without opening the audit. */
export interface AuditSummary {
  id: number;
  startedAt: string;
  status: AuditStatus;
  auditor: string;
  hosts: number;
  failures: Record<Severity, number>;
  /** Mean risk score and grade (src/reports/risk.ts); null when nothing could be graded. */
  score: number | null;
  grade: Grade | null;
  /** Same value for audits of the same scope (the grade trend compares those only). */
  scopeKey: string;
  targets: string;
}

/** An audit opened in the explorer: its failures in full and the texts of the rules it ran. */
export interface OpenedAudit {
  audit: AuditRecord;
  failures: Finding[];
  rules: ReadonlyMap<string, RuleText>;
  /** The agency (or unit) each host belongs to, when the targets file said. */
  agencies: ReadonlyMap<string, string>;
}

/**
 * Everything the TUI reads or writes, injected by the CLI (which owns the store). The TUI never
 * opens a database: it only sees this interface, which is also what its tests fake.
 */
export interface TuiData {
  /** Newest first. */
  audits(): Promise<AuditSummary[]>;
  open(auditId: number): Promise<OpenedAudit>;
  /** Exactly `rasoat diff before after`. */
  compare(beforeId: number, afterId: number): Promise<AuditDiff>;
  triage(fingerprints: readonly string[]): Promise<Map<string, TriageDecision>>;
  /** Stores a decision (who and when are filled in by the data layer) and returns it as stored. */
  decide(fingerprint: string, status: TriageStatus, reason: string, auditId: number | null): Promise<TriageDecision>;
}

/** The running scan, as the live view controls it. */
export interface ScanControl {
  auditId: number;
  pause(): void;
  resume(): void;
  /** Stops the scan cleanly: what was found is kept and the audit marked interrupted. */
  stop(): void;
}
