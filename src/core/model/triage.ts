/**
 * A person's decision about a failing finding. Keyed by the finding's fingerprint (stable across
 * audits), so a risk accepted once stays accepted in the next audit of the same asset.
 */
export const TRIAGE_STATUSES = ['open', 'accepted-risk', 'false-positive'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export interface TriageDecision {
  fingerprint: string;
  /** 'open' withdraws an earlier decision (the log keeps both). */
  status: TriageStatus;
  reason: string;
  /** Who decided and when (ISO-8601 UTC): what an auditor must be able to show. */
  actor: string;
  at: string;
  /** The audit the finding was looked at in, when known. */
  auditId: number | null;
  /** An accepted risk holds until this time (ISO-8601); after it the finding counts again. */
  until?: string;
}

/** Whether a failure is hidden by a person's decision (accepted risk or false positive) at time `now`. */
export function isSuppressed(decision: TriageDecision | undefined, now: string): boolean {
  if (decision === undefined || decision.status === 'open') return false;
  return decision.until === undefined || Date.parse(decision.until) > Date.parse(now);
}
