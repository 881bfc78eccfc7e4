import type { Finding } from '../core/model/finding.js';
import type { Severity } from '../core/model/severity.js';
import { isSuppressed, type TriageDecision } from '../core/model/triage.js';
import { diffAudits, type AuditSide } from './diff.js';

export const LIFECYCLE_STATUSES = ['open', 'reopened', 'fixed', 'accepted-risk', 'false-positive'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** Days to fix by severity (null: no deadline). Defaults: critical 7, high 30, medium 90, low 180. */
export type SlaDays = Record<Severity, number | null>;
export const DEFAULT_SLA: SlaDays = { critical: 7, high: 30, medium: 90, low: 180, info: null };

export interface FindingHistory {
  finding: Finding;
  status: LifecycleStatus;
  firstSeen: string;
  lastSeen: string;
  firstAudit: number;
  lastAudit: number;
  /** The audit that proved it fixed (re-checked and no longer failing). */
  fixedBy: number | null;
  fixedAt: string | null;
  /** How many times it came back after being fixed. */
  reopened: number;
  /** Since when the current open period runs (first seen, or the audit that reopened it). */
  openSince: string;
  daysOpen: number;
  slaDays: number | null;
  overdue: boolean;
  /** The person's current decision, if any; `expired` when an accepted risk's date has passed. */
  decision: TriageDecision | null;
  expired: boolean;
}

interface Entry {
  finding: Finding;
  open: boolean;
  firstSeen: string;
  lastSeen: string;
  firstAudit: number;
  lastAudit: number;
  fixedBy: number | null;
  fixedAt: string | null;
  reopened: number;
  openSince: string;
}

const DAY = 86_400_000;

/**
 * Each finding's story across audits, by fingerprint: fed audits oldest first, it decides fixed,
 * still open and reopened exactly as `rasoat diff` does (a failure is fixed only when a later audit
 * checked that very thing again). Pure: the caller reads the audits and the triage log.
 */
export class LifecycleBuilder {
  private readonly entries = new Map<string, Entry>();

  add(audit: { id: number; startedAt: string }, side: AuditSide): void {
    const open = [...this.entries.values()].filter((e) => e.open).map((e) => e.finding);
    const diff = diffAudits({ findings: open, observations: [] }, side);
    for (const f of diff.new) {
      const entry = this.entries.get(f.fingerprint);
      if (!entry) {
        this.entries.set(f.fingerprint, { finding: f, open: true, firstSeen: audit.startedAt, lastSeen: audit.startedAt, firstAudit: audit.id, lastAudit: audit.id, fixedBy: null, fixedAt: null, reopened: 0, openSince: audit.startedAt });
        continue;
      }
      Object.assign(entry, { finding: f, open: true, lastSeen: audit.startedAt, lastAudit: audit.id, fixedBy: null, fixedAt: null, reopened: entry.reopened + 1, openSince: audit.startedAt });
    }
    for (const f of diff.unchanged) Object.assign(this.entries.get(f.fingerprint)!, { finding: f, lastSeen: audit.startedAt, lastAudit: audit.id });
    for (const f of diff.fixed) Object.assign(this.entries.get(f.fingerprint)!, { open: false, fixedBy: audit.id, fixedAt: audit.startedAt });
  }

  fingerprints(): string[] {
    return [...this.entries.keys()];
  }

  build(now: string, decisions: ReadonlyMap<string, TriageDecision>, sla: SlaDays = DEFAULT_SLA): FindingHistory[] {
    return [...this.entries.values()].map((e) => {
      const decision = decisions.get(e.finding.fingerprint) ?? null;
      const suppressed = e.open && isSuppressed(decision ?? undefined, now);
      const status: LifecycleStatus = !e.open ? 'fixed' : suppressed ? (decision!.status as LifecycleStatus) : e.reopened > 0 ? 'reopened' : 'open';
      const end = e.open ? Date.parse(now) : Date.parse(e.fixedAt!);
      const daysOpen = Math.max(0, Math.floor((end - Date.parse(e.openSince)) / DAY));
      const slaDays = sla[e.finding.severity];
      return {
        finding: e.finding,
        status,
        firstSeen: e.firstSeen,
        lastSeen: e.lastSeen,
        firstAudit: e.firstAudit,
        lastAudit: e.lastAudit,
        fixedBy: e.fixedBy,
        fixedAt: e.fixedAt,
        reopened: e.reopened,
        openSince: e.openSince,
        daysOpen,
        slaDays,
        overdue: (status === 'open' || status === 'reopened') && slaDays !== null && daysOpen > slaDays,
        decision: decision && decision.status !== 'open' ? decision : null,
        expired: decision !== null && decision.status !== 'open' && e.open && !suppressed,
      };
    });
  }
}
