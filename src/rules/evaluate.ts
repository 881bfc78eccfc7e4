import type { HostCoverage, Judge } from '../core/model/coverage.js';
import { fingerprint, type Finding, type Outcome } from '../core/model/finding.js';
import type { Observation, ObservationKind } from '../core/model/observation.js';
import type { HostTarget } from '../core/model/target.js';
import type { Text } from '../core/model/text.js';
import { interpolate } from '../i18n/t.js';
import { fieldValue, holds, matching } from './match.js';
import { indexKnowledge } from '../derive/software/knowledge-index.js';
import { withSoftwareFacts, type SoftwareJudgeData } from './software-facts.js';
import type { Rule } from './schema.js';

/**
 * One rule's verdicts on one host. Each rule sees only the kinds it declares in `reads`. Evidence
 * that failed to be gathered gives `error`, evidence never gathered gives `not-assessed`; neither
 * is ever turned into `pass`. A failure found in partial evidence is still a failure.
 */
export function evaluateRule(rule: Rule, host: string, observations: readonly Observation[], coverage: HostCoverage, now: number): Finding[] {
  const reads = new Set<ObservationKind>(rule.reads);
  const visible = observations.filter((o) => reads.has(o.kind));
  const verdict = (outcome: Outcome, reason?: string): Finding[] => [judged(rule, host, outcome, reason)];

  if (coverage.unreachable) return verdict('not-assessed', coverage.unreachable);
  if (rule.appliesTo && rule.reads.every((k) => coverage.assessed.has(k)) && !holds(rule.appliesTo, visible, now)) {
    return verdict('not-applicable', 'condition');
  }

  // Observations sharing a key make one finding; their other evidence is gathered into lists
  // (five RC4 suites on one port are one finding naming the five).
  const failures = new Map<string, { observation: Observation; evidence: Record<string, unknown[]> }>();
  for (const observation of matching(rule.match, visible, now)) {
    const evidenceKey = rule.key.map((field) => String(fieldValue(observation, field) ?? '')).join('|');
    let entry = failures.get(evidenceKey);
    if (!entry) failures.set(evidenceKey, (entry = { observation, evidence: {} }));
    for (const field of rule.evidence) {
      const value = fieldValue(observation, field);
      const values = (entry.evidence[field] ??= []);
      if (!values.some((v) => JSON.stringify(v) === JSON.stringify(value))) values.push(value);
    }
  }
  if (failures.size > 0) {
    return [...failures].map(([evidenceKey, { observation, evidence: gathered }]) => {
      const evidence: Record<string, unknown> = { host };
      for (const field of rule.key) evidence[field] = fieldValue(observation, field);
      for (const [field, values] of Object.entries(gathered)) evidence[field] = values.length === 1 ? values[0] : values;
      const finding = judged(rule, host, 'fail', undefined, evidenceKey, evidence);
      if (observation.port !== undefined) finding.port = observation.port;
      return finding;
    });
  }

  const failedKind = rule.reads.find((k) => coverage.failed.has(k));
  if (failedKind) return verdict('error', `${failedKind}: ${coverage.failed.get(failedKind)}`);
  if (rule.reads.some((k) => coverage.notApplicable.has(k))) return verdict('not-applicable', 'scanner');
  const missing = rule.reads.find((k) => !coverage.assessed.has(k));
  if (missing) return verdict('not-assessed', `${missing}: ${coverage.notGathered?.get(missing) ?? 'not gathered'}`);
  if (rule.assessable && !holds(rule.assessable, visible, now)) return verdict('not-assessed', 'coverage');
  return verdict('pass');
}

/**
 * The judge the engine calls per host. With version knowledge, the host's software facts are first
 * judged against it (software.vulnerable, software.lifecycle), so the rules read them like any fact.
 */
export function createJudge(rules: readonly Rule[], now: () => number, software?: SoftwareJudgeData): Judge {
  const active = rules.filter((r) => !r.deprecated);
  const index = software ? indexKnowledge(software.knowledge, software.builtin, software.products) : null;
  return (target: HostTarget, observations: readonly Observation[], coverage: HostCoverage) => {
    const at = now();
    const [facts, judgedCoverage] = index ? withSoftwareFacts(observations, coverage, index, at) : [observations, coverage];
    return active.flatMap((rule) => evaluateRule(rule, target.host, facts, judgedCoverage, at));
  };
}

function judged(rule: Rule, host: string, outcome: Outcome, reason?: string, evidenceKey = '', evidence: Record<string, unknown> = { host }): Finding {
  const finding: Finding = {
    fingerprint: fingerprint(rule.id, host, evidenceKey),
    ruleId: rule.id,
    outcome,
    severity: rule.severity,
    category: rule.category,
    host,
    evidenceKey,
    evidence,
    title: outcome === 'fail' ? fill(rule.failureTitle, { ...rule.params, ...evidence }) : fill(rule.title, rule.params),
    controls: rule.controls as Record<string, string[]>,
  };
  if (reason !== undefined) finding.reason = reason;
  return finding;
}

function fill(text: Text, values: Record<string, unknown>): Text {
  const shown = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Array.isArray(value) ? listForTitle(value) : value]));
  return { vi: interpolate(text.vi, shown), en: interpolate(text.en, shown) };
}

/** A title names a few of many matches; the evidence keeps them all. */
function listForTitle(values: readonly unknown[]): string {
  const SHOWN = 4;
  if (values.length <= SHOWN) return values.join(', ');
  return `${values.slice(0, SHOWN - 1).join(', ')} (+${values.length - SHOWN + 1})`;
}
