import type { AuditResult } from '../../core/model/audit-result.js';
import { isFailure, type Finding, type Verdict } from '../../core/model/finding.js';
import type { Lang } from '../../core/model/text.js';
import { evidenceLine } from '../evidence.js';
import { compareFindings } from '../priority.js';
import { unknownRule, type RuleText } from '../rule-text.js';
import { verdictReason } from '../verdict-reason.js';
import { summariseChecks } from './mapping.js';
import type { EvidenceItem, RuleRef } from './types.js';

/** When each fact was seen: the latest observation per host and port, and per host. */
export class ObservationTimes {
  private readonly byEndpoint = new Map<string, string>();
  private readonly byHost = new Map<string, string>();
  private readonly fallback: string;

  constructor(result: AuditResult) {
    this.fallback = result.audit.endedAt ?? result.audit.startedAt;
    for (const o of result.lastSeen ?? result.observations) {
      const hostKey = o.host;
      if ((this.byHost.get(hostKey) ?? '') < o.at) this.byHost.set(hostKey, o.at);
      if (o.port === undefined) continue;
      const key = `${o.host}\u0000${o.port}`;
      if ((this.byEndpoint.get(key) ?? '') < o.at) this.byEndpoint.set(key, o.at);
    }
  }

  of(host: string, port?: number): string {
    return (port === undefined ? undefined : this.byEndpoint.get(`${host}\u0000${port}`)) ?? this.byHost.get(host) ?? this.fallback;
  }
}

/**
 * One check's verdicts over the targets of one section (protection level), summed up once: a
 * check evidences several controls, and every row of the section shows the same sums.
 */
export interface CheckVerdicts {
  /** Failing findings, in the order they were stored. */
  failing: Finding[];
  /** Targets where the check passed (and failed nowhere). */
  passed: number;
  /** Targets where it could not be assessed, and why, reasons in the order first met. */
  unresolvedTargets: number;
  unresolved: Map<string, number>;
}

/** Sums up one check's verdicts (by host) over the hosts in scope; null when the check gave none. */
export function checkVerdicts(byHost: ReadonlyMap<string, readonly Verdict[]> | undefined, inScope: ReadonlySet<string>, lang: Lang): CheckVerdicts | null {
  if (!byHost) return null;
  const sums: CheckVerdicts = { failing: [], passed: 0, unresolvedTargets: 0, unresolved: new Map() };
  for (const [host, found] of byHost) {
    if (!inScope.has(host)) continue;
    const fails = found.filter(isFailure);
    if (fails.length > 0) sums.failing.push(...fails);
    else if (found.some((f) => f.outcome === 'pass')) sums.passed++;
    else if (found.some((f) => f.outcome === 'not-assessed' || f.outcome === 'error')) {
      sums.unresolvedTargets++;
      for (const f of found) {
        if (f.outcome === 'not-applicable') continue;
        const reason = verdictReason(f.reason ?? f.outcome, lang);
        sums.unresolved.set(reason, (sums.unresolved.get(reason) ?? 0) + 1);
      }
    }
  }
  return sums;
}

/**
 * Evidence of one control row: every failing finding (check, target, time, observed vs expected,
 * proof), then one summary line per check for the targets it passed and for those it could not
 * assess, with the reasons. `verdictsOf` gives each check's sums over the row's targets.
 */
export function evidenceFor(
  result: AuditResult,
  lang: Lang,
  mapped: readonly RuleRef[],
  verdictsOf: (ruleId: string) => CheckVerdicts | null,
  times: ObservationTimes,
  texts: Map<string, RuleText>,
): EvidenceItem[] {
  const failing: Finding[] = [];
  const items: EvidenceItem[] = [];
  const end = result.audit.endedAt ?? result.audit.startedAt;
  // Passes and unresolved verdicts are summarised: checks with the same outcome, number of
  // targets and reasons share one line ("ports.* (22): passed on 40 targets").
  const summaries = new Map<string, { outcome: EvidenceItem['outcome']; ids: string[]; targets: number; proof: string; expected: string }>();
  const summarise = (outcome: EvidenceItem['outcome'], id: string, targets: number, proof: string, expected: string) => {
    const key = `${outcome}\u0000${targets}\u0000${proof}`;
    const entry = summaries.get(key);
    if (entry) entry.ids.push(id);
    else summaries.set(key, { outcome, ids: [id], targets, proof, expected });
  };
  for (const rule of mapped) {
    const sums = verdictsOf(rule.id);
    if (!sums) continue;
    const text = texts.get(rule.id) ?? unknownRule(rule.id);
    for (const f of sums.failing) failing.push(f);
    if (sums.passed > 0) summarise('pass', rule.id, sums.passed, '', text.title[lang]);
    if (sums.unresolvedTargets > 0) summarise('not-assessed', rule.id, sums.unresolvedTargets, [...sums.unresolved].map(([reason, n]) => `${reason} × ${n}`).join(', '), text.title[lang]);
  }
  for (const s of summaries.values()) {
    const expected = s.ids.length === 1 ? s.expected : '';
    items.push({ ruleId: summariseChecks(s.ids), outcome: s.outcome, host: null, port: null, targets: s.targets, at: end, observed: s.outcome === 'pass' ? expected : '-', expected, proof: s.proof, fingerprint: null });
  }
  const failures = failing.sort(compareFindings).map((f): EvidenceItem => {
    const text = texts.get(f.ruleId) ?? unknownRule(f.ruleId);
    return { ruleId: f.ruleId, outcome: 'fail', host: f.host, port: f.port ?? null, targets: 1, at: times.of(f.host, f.port), observed: f.title[lang], expected: text.title[lang], proof: evidenceLine(f.evidence), fingerprint: f.fingerprint };
  });
  return [...failures, ...items];
}
