import type { AuditResult, TriageInput } from '../core/model/audit-result.js';
import { isFailure, type BareVerdict, type Finding, type Verdict } from '../core/model/finding.js';
import { isSuppressed, type TriageDecision } from '../core/model/triage.js';
import { compareFindings } from './priority.js';

/** A failure and the person's decision about it. */
export interface Suppression {
  finding: Finding;
  decision: TriageDecision;
}

export interface Suppressions {
  /** When the decisions are judged (ISO-8601); null when the report was given none. */
  at: string | null;
  /** Decisions in force: these failures are listed apart and not counted. Most urgent first. */
  active: Suppression[];
  /** Accepted risks whose date has passed: these failures count again, and are shown as expired. */
  expired: Suppression[];
  /** The verdicts that count: the audit's, each suppressed failure turned into a pass of its check. */
  counted: Verdict[];
  /** The decision about one failure, if any, and whether it has expired. */
  of(fingerprint: string): (Suppression & { expired: boolean }) | undefined;
}

const cache = new WeakMap<AuditResult, Suppressions>();

/**
 * Splits the audit's failures by the triage decisions it was given: in force (not counted), expired
 * (counted again) or none. Every report reads the same split, so scores, totals and compliance
 * status agree across formats. Pure: the time comes with the input.
 */
export function suppressionsOf(result: AuditResult): Suppressions {
  let found = cache.get(result);
  if (!found) cache.set(result, (found = split(result)));
  return found;
}

function split(result: AuditResult): Suppressions {
  const triage = result.triage;
  const active: Suppression[] = [];
  const expired: Suppression[] = [];
  const byPrint = new Map<string, Suppression & { expired: boolean }>();
  if (triage) {
    for (const finding of result.findings.filter(isFailure).sort(compareFindings)) {
      const decision = triage.decisions[finding.fingerprint];
      if (!decision || decision.status === 'open') continue;
      const inForce = isSuppressed(decision, triage.at);
      (inForce ? active : expired).push({ finding, decision });
      byPrint.set(finding.fingerprint, { finding, decision, expired: !inForce });
    }
  }
  return {
    at: triage?.at ?? null,
    active,
    expired,
    counted: active.length === 0 ? result.findings : countedVerdicts(result.findings, triage),
    of: (fingerprint) => byPrint.get(fingerprint),
  };
}

/**
 * The verdicts that count under the decisions given: a failure whose decision is in force becomes a
 * pass of its check (a false positive is one; an accepted risk is excluded from the tally by the
 * person named), so the host stays graded and the check assessed. Used for earlier audits too.
 */
export function countedVerdicts(findings: readonly Verdict[], triage: TriageInput | undefined): Verdict[] {
  if (!triage) return [...findings];
  return findings.map((f) => {
    if (!isFailure(f) || !isSuppressed(triage.decisions[f.fingerprint], triage.at)) return f;
    const pass: BareVerdict = { ruleId: f.ruleId, outcome: 'pass', severity: f.severity, category: f.category, host: f.host, reason: 'suppressed' };
    if (f.port !== undefined) pass.port = f.port;
    return pass;
  });
}

/** Whether a report has any decision to show (in force or expired). */
export function hasDecisions(suppressions: Suppressions): boolean {
  return suppressions.active.length + suppressions.expired.length > 0;
}
