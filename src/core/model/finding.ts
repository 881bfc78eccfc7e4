import { createHash } from 'node:crypto';
import type { Severity } from './severity.js';
import type { Text } from './text.js';

/**
 * Five outcomes, never a false pass: a rule whose evidence was never gathered is `not-assessed`,
 * one whose evidence failed to be gathered is `error`.
 */
export const OUTCOMES = ['fail', 'pass', 'not-applicable', 'not-assessed', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Finding {
  fingerprint: string;
  ruleId: string;
  outcome: Outcome;
  severity: Severity;
  category: string;
  host: string;
  port?: number;
  /** What distinguishes two failures of one rule on one host (e.g. the port); '' for host-level. */
  evidenceKey: string;
  evidence: Record<string, unknown>;
  title: Text;
  /** Why a rule could not be judged (not-assessed / error / not-applicable). */
  reason?: string;
  controls: Record<string, string[]>;
}

/** The same problem on the same asset is one identity across audits: what diff and verify rely on. */
export function fingerprint(ruleId: string, host: string, evidenceKey: string): string {
  return createHash('sha256').update(`${ruleId}\0${host}\0${evidenceKey}`).digest('hex').slice(0, 32);
}
