import { PortSet } from '../core/model/port-set.js';
import type { Finding } from '../core/model/finding.js';
import type { Observation } from '../core/model/observation.js';

export interface AuditSide {
  findings: readonly Finding[];
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
 * actually judged that rule on that host — and, for a port, probed that port — so a narrower
 * rescan never passes for a fix.
 */
export function diffAudits(before: AuditSide, after: AuditSide): AuditDiff {
  const failing = (side: AuditSide) => new Map(side.findings.filter((f) => f.outcome === 'fail').map((f) => [f.fingerprint, f]));
  const beforeFails = failing(before);
  const afterFails = failing(after);
  const judged = new Set(after.findings.filter((f) => f.outcome === 'pass' || f.outcome === 'fail').map((f) => `${f.ruleId}\0${f.host}`));
  const scanned = new Map<string, PortSet>();
  for (const o of after.observations) {
    if (o.kind === 'port.summary') scanned.set(o.host, (scanned.get(o.host) ?? PortSet.EMPTY).union(PortSet.parse(o.data.scanned)));
  }

  const result: AuditDiff = { new: [], fixed: [], unchanged: [], notRechecked: [] };
  for (const [print, finding] of afterFails) (beforeFails.has(print) ? result.unchanged : result.new).push(finding);
  for (const [print, finding] of beforeFails) {
    if (afterFails.has(print)) continue;
    const ruleJudged = judged.has(`${finding.ruleId}\0${finding.host}`);
    const ports = scanned.get(finding.host);
    const portChecked = finding.port === undefined || ports === undefined || ports.has(finding.port);
    (ruleJudged && portChecked ? result.fixed : result.notRechecked).push(finding);
  }
  return result;
}
