import { PortSet } from '../core/model/port-set.js';
import { isFailure, type Finding, type Verdict } from '../core/model/finding.js';
import type { Observation } from '../core/model/observation.js';

export interface AuditSide {
  /** Every verdict; failures in full. */
  findings: readonly Verdict[];
  /** The port.summary observations at least (what was probed). */
  observations: readonly Observation[];
}

export interface AuditDiff {
  /** Failing now, not before. */
  new: Finding[];
  /** Failing before; checked again and no longer failing. */
  fixed: Finding[];
  /** Failing in both. */
  unchanged: Finding[];
  /** Failing before, but the later audit did not check it (other ports, host down, rule not run). */
  notRechecked: Finding[];
}

/**
 * Compares two audits by finding fingerprint. A failure only counts as fixed when the later audit
 * checked that very thing again: for a finding about a port, the port was probed again (whatever
 * the rule's other ports); otherwise the rule reached a pass or fail verdict on the host. So a
 * narrower rescan, or a host that did not answer, never passes for a fix.
 */
export function diffAudits(before: AuditSide, after: AuditSide): AuditDiff {
  const failing = (side: AuditSide) => new Map(side.findings.filter(isFailure).map((f) => [f.fingerprint, f]));
  const beforeFails = failing(before);
  const afterFails = failing(after);
  const verdicts = new Map<string, Set<string>>();
  for (const f of after.findings) {
    const key = `${f.ruleId}\0${f.host}`;
    verdicts.set(key, (verdicts.get(key) ?? new Set()).add(f.outcome));
  }
  const probed = new Map<string, PortSet>();
  // Most hosts of an audit were probed on the same list: parse each distinct list once.
  const parsed = new Map<string, PortSet>();
  for (const o of after.observations) {
    if (o.kind !== 'port.summary') continue;
    let ports = parsed.get(o.data.scanned);
    if (!ports) parsed.set(o.data.scanned, (ports = PortSet.parse(o.data.scanned)));
    const earlier = probed.get(o.host);
    probed.set(o.host, earlier ? earlier.union(ports) : ports);
  }
  const checkedAgain = (finding: Finding): boolean => {
    const outcomes = verdicts.get(`${finding.ruleId}\0${finding.host}`);
    if (!outcomes) return false;
    if (finding.port !== undefined) return (probed.get(finding.host)?.has(finding.port) ?? false) && !outcomes.has('error');
    return outcomes.has('pass') || outcomes.has('fail');
  };

  const result: AuditDiff = { new: [], fixed: [], unchanged: [], notRechecked: [] };
  for (const [print, finding] of afterFails) (beforeFails.has(print) ? result.unchanged : result.new).push(finding);
  for (const [print, finding] of beforeFails) {
    if (afterFails.has(print)) continue;
    (checkedAgain(finding) ? result.fixed : result.notRechecked).push(finding);
  }
  return result;
}
