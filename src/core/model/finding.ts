import { createHash } from 'node:crypto';
import type { Severity } from './severity.js';
import type { Text } from './text.js';

/**
 * Five outcomes, never a false pass: a rule whose evidence was never gathered is `not-assessed`,
 * one whose evidence failed to be gathered is `error`.
 */
export const OUTCOMES = ['fail', 'pass', 'not-applicable', 'not-assessed', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A rule's verdict on one host: all that scores, coverage and compliance status need. */
export interface VerdictCore {
  ruleId: string;
  outcome: Outcome;
  severity: Severity;
  category: string;
  host: string;
  port?: number;
  /** Why a rule could not be judged (not-assessed / error / not-applicable). */
  reason?: string;
}

/**
 * A verdict read without its evidence and texts: reports that list only failures read the other
 * verdicts this way (a large audit has several passes per failure, and their details cost most of the reading).
 */
export interface BareVerdict extends VerdictCore {
  outcome: Exclude<Outcome, 'fail'>;
}

/** What a report reads of an audit's verdicts: failures always in full, the others in full or bare. */
export type Verdict = Finding | BareVerdict;

export function isDetailed(verdict: Verdict): verdict is Finding {
  return 'evidence' in verdict;
}

export function isFailure(verdict: Verdict): verdict is Finding {
  return verdict.outcome === 'fail';
}

export interface Finding extends VerdictCore {
  fingerprint: string;
  /** What distinguishes two failures of one rule on one host (e.g. the port); '' for host-level. */
  evidenceKey: string;
  evidence: Record<string, unknown>;
  title: Text;
  controls: Record<string, string[]>;
}

/** The same problem on the same asset is one identity across audits: what diff and verify rely on. */
export function fingerprint(ruleId: string, host: string, evidenceKey: string): string {
  return createHash('sha256').update(`${ruleId}\0${host}\0${evidenceKey}`).digest('hex').slice(0, 32);
}
