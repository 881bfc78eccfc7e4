import { isDetailed, type Finding, type Verdict } from '../core/model/finding.js';
import { severityRank, type Severity } from '../core/model/severity.js';
import { cvssOf, isKev } from './evidence.js';

/** One check's failures across the audit: the unit of "what to fix first". */
export interface Issue {
  ruleId: string;
  severity: Severity;
  kev: boolean;
  cvss: number | null;
  hosts: string[];
  findings: Finding[];
}

/**
 * Priority order, most urgent first: known exploited (KEV), then severity, then CVSS (a missing
 * score after any score), then how many hosts are affected, then the rule id for a stable order.
 */
export function compareIssues(a: Issue, b: Issue): number {
  return (
    Number(b.kev) - Number(a.kev) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (b.cvss ?? -1) - (a.cvss ?? -1) ||
    b.hosts.length - a.hosts.length ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** The same order for single findings; then host (numeric-aware), port and rule. Bare verdicts have no KEV or CVSS. */
export function compareFindings(a: Verdict, b: Verdict): number {
  const da = isDetailed(a) ? a : null;
  const db = isDetailed(b) ? b : null;
  return (
    Number(db !== null && isKev(db)) - Number(da !== null && isKev(da)) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    ((db && cvssOf(db)) ?? -1) - ((da && cvssOf(da)) ?? -1) ||
    compareHosts(a.host, b.host) ||
    (a.port ?? 0) - (b.port ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (da?.fingerprint ?? '').localeCompare(db?.fingerprint ?? '')
  );
}

/** Host order: IPv4 numerically, then names and IPv6 as text. */
export function compareHosts(a: string, b: string): number {
  const ka = ipv4Key(a);
  const kb = ipv4Key(b);
  if (ka !== null && kb !== null) return ka - kb;
  if (ka !== null) return -1;
  if (kb !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort keys by host: a sort of 10,000 findings compares hosts some 300,000 times. */
const IPV4_KEYS = new Map<string, number | null>();
const IPV4_KEYS_KEPT = 65_536;

function ipv4Key(host: string): number | null {
  let key = IPV4_KEYS.get(host);
  if (key === undefined) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    key = m ? ((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4]) : null;
    if (IPV4_KEYS.size >= IPV4_KEYS_KEPT) IPV4_KEYS.clear();
    IPV4_KEYS.set(host, key);
  }
  return key;
}

/** Failing findings grouped by rule, in priority order. */
export function issuesOf(findings: readonly Finding[]): Issue[] {
  const byRule = new Map<string, Issue>();
  for (const f of findings) {
    if (f.outcome !== 'fail') continue;
    let issue = byRule.get(f.ruleId);
    if (!issue) byRule.set(f.ruleId, (issue = { ruleId: f.ruleId, severity: f.severity, kev: false, cvss: null, hosts: [], findings: [] }));
    issue.findings.push(f);
    if (isKev(f)) issue.kev = true;
    const cvss = cvssOf(f);
    if (cvss !== null && (issue.cvss === null || cvss > issue.cvss)) issue.cvss = cvss;
    if (severityRank(f.severity) > severityRank(issue.severity)) issue.severity = f.severity;
  }
  for (const issue of byRule.values()) {
    issue.hosts = [...new Set(issue.findings.map((f) => f.host))].sort(compareHosts);
    issue.findings.sort(compareFindings);
  }
  return [...byRule.values()].sort(compareIssues);
}
