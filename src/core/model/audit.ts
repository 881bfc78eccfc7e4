import type { Severity } from './severity.js';

export const AUDIT_STATUSES = ['running', 'complete', 'interrupted', 'failed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** What was asked of the run: recorded with the audit so it can be repeated and defended. */
export interface AuditScopeRecord {
  targets: string[];
  targetFiles: string[];
  exclude: string[];
  excludePorts: string;
  resolve: Record<string, string[]>;
}

export interface AuditMeta {
  uuid: string;
  startedAt: string;
  auditor: string;
  machine: string;
  pid: number;
  /** Number of the document approving the test (Law 116/2025 Art. 7 forbids unapproved intrusion). */
  authorization: string | null;
  profile: string;
  scope: AuditScopeRecord;
  options: Record<string, unknown>;
  toolVersion: string;
  rulesVersion: string;
  scanners: string[];
  /** The command line that started it (for the audit trail; not stored with the audit). */
  command?: string;
}

export interface AuditStats {
  hosts: number;
  hostsUp: number;
  hostsDown: number;
  tasks: number;
  tasksFailed: number;
  observations: number;
  /** Failing findings by severity. */
  failures: Record<Severity, number>;
  outcomes: Record<string, number>;
}

export interface AuditRecord extends AuditMeta {
  id: number;
  status: AuditStatus;
  endedAt: string | null;
  stats: AuditStats | null;
}
