import { userInfo } from 'node:os';
import type { Clock } from '../core/clock.js';
import { isFailure } from '../core/model/finding.js';
import type { TriageDecision } from '../core/model/triage.js';
import { scopeKey } from '../reports/change.js';
import { diffAudits } from '../reports/diff.js';
import { ruleTexts } from '../reports/rule-text.js';
import { hostRisks, overallRisk, severityCounts } from '../reports/risk.js';
import type { Store } from '../store/store.js';
import type { AuditSummary, TuiData } from '../tui/model/data.js';
import { readAuditResult } from './audit-result.js';

/** Audits the history screen lists (and grades: each grade reads the audit's pass and fail verdicts). */
const LISTED = 30;

/** The TUI's window on the store: it reads through this, and writes only triage decisions. */
export function storeTuiData(store: Store, actor: string, clock: Clock): TuiData {
  return {
    async audits() {
      const audits = await store.listAudits(LISTED);
      const summaries: AuditSummary[] = [];
      for (const a of audits) {
        // Pass and fail verdicts are all a score needs (as in the report's trend chart).
        const [targets, verdicts] = await Promise.all([store.targets(a.id), store.verdicts(a.id, { outcomes: ['fail', 'pass'], detail: 'failures' })]);
        const overall = overallRisk(hostRisks(targets, verdicts));
        summaries.push({
          id: a.id,
          startedAt: a.startedAt,
          status: a.status,
          auditor: a.auditor,
          hosts: a.stats?.hosts ?? targets.length,
          failures: a.stats?.failures ?? severityCounts(verdicts),
          score: overall.score,
          grade: overall.grade,
          scopeKey: scopeKey(a),
          targets: [...a.scope.targets, ...a.scope.targetFiles].join(' '),
        });
      }
      return summaries;
    },

    async open(auditId) {
      const result = await readAuditResult(store, String(auditId), { outcomes: ['fail'], observations: 'none' });
      const agencies = new Map<string, string>();
      for (const target of result.targets) {
        const group = [target.group?.agency, target.group?.unit].filter(Boolean).join(' / ');
        if (group) agencies.set(target.host, group);
      }
      return { audit: result.audit, failures: result.findings.filter(isFailure), rules: ruleTexts(result.rules), agencies };
    },

    async compare(beforeId, afterId) {
      // What `rasoat diff` reads; of the observations the diff needs only what was probed.
      const side = async (id: number) => ({ findings: await store.findings(id), observations: await store.observations(id, { kinds: ['port.summary'] }) });
      return diffAudits(await side(beforeId), await side(afterId));
    },

    triage: (fingerprints) => store.triage.current(fingerprints),

    async decide(fingerprint, status, reason, auditId) {
      const decision: TriageDecision = { fingerprint, status, reason, actor, at: new Date(clock.now()).toISOString(), auditId };
      await store.triage.record(decision);
      return decision;
    },
  };
}

/** Who triages: the configured auditor, else the system user. */
export function triageActor(configured: string | undefined): string {
  if (configured) return configured;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
