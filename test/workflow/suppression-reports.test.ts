import { describe, expect, it } from 'vitest';
import { fixtureAudit } from '../../fixtures/reports/audit.js';
import type { AuditResult } from '../../src/core/model/audit-result.js';
import { isFailure, type Finding } from '../../src/core/model/finding.js';
import type { TriageDecision } from '../../src/core/model/triage.js';
import { renderComplianceReport, renderReport } from '../../src/reports/index.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { asRead, expectValid, options, sarifValidator, schemaValidator } from '../reports/support.js';

// Pure: the fixture audit #12 (2026-11-20) with decisions judged at a given time. No network.
const NOW = '2026-12-01T00:00:00.000Z';
const LATER = '2027-02-01T00:00:00.000Z'; // the SSH acceptance (until 2027-01-31) has expired by then

const base = asRead(fixtureAudit());
const failure = (ruleId: string): Finding => base.findings.filter(isFailure).find((f) => f.ruleId === ruleId)!;
const ssh = failure('ports.service.ssh-exposed');
const docker = failure('ports.service.docker-api-exposed');
const telnet = failure('ports.service.telnet-exposed');

function decision(f: Finding, status: TriageDecision['status'], reason: string, until?: string): TriageDecision {
  const d: TriageDecision = { fingerprint: f.fingerprint, status, reason, actor: 'an.nv', at: '2026-11-25T03:00:00.000Z', auditId: 12 };
  if (until) d.until = until;
  return d;
}

/** SSH accepted until 31 January 2027, Docker a false positive, Telnet accepted until 1 October 2026 (already past). */
function withDecisions(at: string): AuditResult {
  const decisions = [
    decision(ssh, 'accepted-risk', 'jump host behind the VPN', '2027-01-31T23:59:59.999Z'),
    decision(docker, 'false-positive', 'registry mirror, API bound to a test namespace'),
    decision(telnet, 'accepted-risk', 'legacy switch, replaced in Q3', '2026-10-01T23:59:59.999Z'),
  ];
  return { ...base, triage: { at, decisions: Object.fromEntries(decisions.map((d) => [d.fingerprint, d])) } };
}

interface JsonReport {
  summary: { riskScore: number | null; failures: Record<string, number>; hosts: Array<{ host: string; grade: string | null }> };
  suppressed?: Array<{ fingerprint: string; status: string; reason: string; until: string | null }>;
  expiredSuppressions?: Array<{ fingerprint: string }>;
}
const json = (result: AuditResult) => JSON.parse(renderReport('json', result, options('en'))) as JsonReport;

describe('suppressions in the JSON report', () => {
  it('leave suppressed failures out of the counts and grades, and list both kinds of decision', () => {
    const plain = json(base);
    const judged = json(withDecisions(NOW));
    expectValid(schemaValidator('audit-report.schema.json'), judged);
    expect(judged.summary.failures).toEqual({ ...plain.summary.failures, critical: plain.summary.failures.critical! - 1, low: plain.summary.failures.low! - 1 });
    // The IPv6 host's only failure was the Docker API: a false positive, so it is graded A, not F.
    expect(plain.summary.hosts.find((h) => h.host === docker.host)?.grade).toBe('F');
    expect(judged.summary.hosts.find((h) => h.host === docker.host)?.grade).toBe('A');
    expect(judged.suppressed?.map((s) => s.fingerprint).sort()).toEqual([ssh.fingerprint, docker.fingerprint].sort());
    expect(judged.expiredSuppressions?.map((s) => s.fingerprint)).toEqual([telnet.fingerprint]);
    expect(plain.suppressed).toBeUndefined();
  });

  it('count an acceptance again once its date has passed', () => {
    const later = json(withDecisions(LATER));
    expect(later.suppressed?.map((s) => s.fingerprint)).toEqual([docker.fingerprint]);
    expect(later.expiredSuppressions?.map((s) => s.fingerprint).sort()).toEqual([ssh.fingerprint, telnet.fingerprint].sort());
    expect(later.summary.failures.low).toBe(json(base).summary.failures.low);
  });
});

describe('suppressions in HTML, Markdown and CSV', () => {
  it('HTML: not in the findings by host, listed in a Suppressed section with who, why and until when', () => {
    const html = renderReport('html', withDecisions(NOW), options('en'));
    const [counted, suppressed] = html.split('<section id="suppressed"');
    expect(suppressed).toBeDefined();
    expect(counted).not.toContain(ssh.title.en);
    expect(counted).not.toContain(docker.title.en);
    expect(counted).toContain('<a href="#suppressed">2 failure(s) suppressed by a decision (accepted risk or false positive) and not counted; 1 acceptance(s) expired');
    expect(suppressed).toMatch(/Suppressed findings \(2\)/);
    expect(suppressed).toMatch(new RegExp(`${ssh.title.en}[\\s\\S]*?Accepted risk</td><td>jump host behind the VPN</td><td>an\\.nv, 25 Nov 2026</td><td>31 Jan 2027</td>`));
    expect(suppressed).toMatch(/False positive<\/td><td>registry mirror, API bound to a test namespace<\/td><td>an\.nv, [^<]+<\/td><td>-<\/td>/);
    // Telnet's acceptance expired: counted with the others, marked, and listed as expired.
    expect(counted).toContain(`${telnet.title.en} <span class="badge sev-info">acceptance expired 1 Oct 2026</span>`);
    expect(suppressed).toMatch(/Expired acceptances \(1\)[\s\S]*legacy switch, replaced in Q3/);
    expect(html).toContain('<a href="#suppressed">Suppressed findings</a>');
  });

  it('HTML after the SSH acceptance expired: the SSH failure is back among the counted ones', () => {
    const [counted, suppressed] = renderReport('html', withDecisions(LATER), options('en')).split('<section id="suppressed"');
    expect(counted).toContain(ssh.title.en);
    expect(counted).not.toContain(docker.title.en);
    expect(suppressed).toMatch(/Expired acceptances \(2\)/);
  });

  it('HTML without decisions has no Suppressed section', () => {
    expect(renderReport('html', base, options('en'))).not.toContain('id="suppressed"');
  });

  it('Markdown: counts without them, a Suppressed section, expired acceptances marked', () => {
    const md = renderReport('md', withDecisions(NOW), options('en'));
    const plain = renderReport('md', base, options('en'));
    const severities = (text: string) => /\*\*Failures by severity:\*\* (.*)/.exec(text)?.[1];
    expect(severities(plain)).toMatch(/Critical 1, .*Low 1/);
    expect(severities(md)).toMatch(/Critical 0, .*Low 0/);
    const [counted, suppressed] = md.split('## Suppressed findings (2)');
    expect(suppressed).toContain('| Low | portal.stc.example.gov.vn:22 | SSH administration reachable on port 22 (ports.service.ssh-exposed) | Accepted risk | jump host behind the VPN | an.nv, 25 Nov 2026 | 31 Jan 2027 |');
    expect(suppressed).toContain('| False positive | registry mirror, API bound to a test namespace |');
    expect(suppressed).toMatch(/### Expired acceptances \(1\)/);
    expect(counted).toMatch(/Telnet reachable on port 23 \(ports\.service\.telnet-exposed\) — acceptance expired/);
    expect(counted).not.toContain(ssh.title.en);
  });

  it('CSV: Suppressed, Why, Decided by and Until columns, the suppressed rows last', () => {
    const lines = renderReport('csv', withDecisions(NOW), options('en')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-4)).toEqual(['Suppressed', 'Why', 'Decided by', 'Until']);
    const rows = lines.slice(1);
    expect(rows).toHaveLength(base.findings.filter(isFailure).length);
    const last = rows.slice(-2).join('\n');
    expect(last).toContain(`,Accepted risk,jump host behind the VPN,"an.nv,`);
    expect(last).toContain(',False positive,"registry mirror, API bound to a test namespace",');
    expect(rows.find((r) => r.includes(telnet.fingerprint))).toMatch(/,acceptance expired 1 Oct 2026,"legacy switch, replaced in Q3","an\.nv, 25 Nov 2026",1 Oct 2026$/);
    expect(renderReport('csv', base, options('en'))).not.toContain('Suppressed');
  });
});

describe('suppressions in SARIF', () => {
  it('are external suppressions: accepted while in force, rejected once expired, an empty list for the others', () => {
    const log = JSON.parse(renderReport('sarif', withDecisions(NOW), options('en'))) as {
      runs: Array<{ properties: { riskScore: number }; results: Array<{ partialFingerprints: Record<string, string>; suppressions?: Array<Record<string, unknown>> }> }>;
    };
    expectValid(sarifValidator(), log);
    const run = log.runs[0]!;
    const of = (f: Finding) => run.results.find((r) => r.partialFingerprints['rasoatFingerprint/v1'] === f.fingerprint)!.suppressions;
    expect(of(ssh)).toEqual([
      { kind: 'external', status: 'accepted', justification: 'jump host behind the VPN', properties: { decision: 'accepted-risk', decidedBy: 'an.nv', decidedAt: '2026-11-25T03:00:00.000Z', until: '2027-01-31T23:59:59.999Z', expiryUtc: '2027-01-31T23:59:59.999Z' } },
    ]);
    expect(of(docker)).toEqual([{ kind: 'external', status: 'accepted', justification: 'registry mirror, API bound to a test namespace', properties: { decision: 'false-positive', decidedBy: 'an.nv', decidedAt: '2026-11-25T03:00:00.000Z', until: null } }]);
    expect(of(telnet)).toMatchObject([{ kind: 'external', status: 'rejected', properties: { expired: true } }]);
    const others = run.results.filter((r) => ![ssh, docker, telnet].some((f) => f.fingerprint === r.partialFingerprints['rasoatFingerprint/v1']));
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect(r.suppressions).toEqual([]);
    // The run's score is the one the other formats give.
    expect(run.properties.riskScore).toBe(json(withDecisions(NOW)).summary.riskScore);
    expect(JSON.parse(renderReport('sarif', base, options('en'))).runs[0].results[0].suppressions).toBeUndefined();
  });
});

describe('suppressions in compliance reports', () => {
  const book = loadRules([builtinRulesDir()]);
  const catalogue = book.catalogues.find((c) => c.framework === 'tcvn14423:2026')!;
  const compliance = { ...options('en'), catalogue, defaultLevel: 3 };
  /** Every failure of the audit accepted until the end of 2026. */
  const allAccepted = (at: string): AuditResult => {
    const decisions = base.findings.filter(isFailure).map((f) => decision(f, 'accepted-risk', `accepted ${f.ruleId}`, '2026-12-31T23:59:59.999Z'));
    return { ...base, triage: { at, decisions: Object.fromEntries(decisions.map((d) => [d.fingerprint, d])) } };
  };
  interface ComplianceJson {
    totals: { counts: Record<string, number> };
    sections: Array<{ controls: Array<{ status: string; reasons: Array<{ code: string }> }> }>;
    suppressed?: Array<{ fingerprint: string }>;
    expiredSuppressions?: Array<{ fingerprint: string }>;
  }
  const render = (result: AuditResult) => JSON.parse(renderComplianceReport('json', result, compliance)) as ComplianceJson;

  it('a control failed only by suppressed failures is not failed; the row says what was taken out', () => {
    const plain = render(base);
    const judged = render(allAccepted(NOW));
    expectValid(schemaValidator('compliance-report.schema.json'), judged);
    expect(plain.totals.counts.fail! + plain.totals.counts.partial!).toBeGreaterThan(0);
    expect(judged.totals.counts.fail! + judged.totals.counts.partial!).toBe(0);
    const noted = judged.sections.flatMap((s) => s.controls).filter((c) => c.reasons.some((r) => r.code === 'suppressed'));
    expect(noted.length).toBeGreaterThan(0);
    expect(judged.suppressed).toHaveLength(base.findings.filter(isFailure).length);
  });

  it('after the acceptances expire, the status is what it was without them, and they are listed as expired', () => {
    const later = render(allAccepted(LATER));
    expect(later.totals.counts).toEqual(render(base).totals.counts);
    expect(later.suppressed).toBeUndefined();
    expect(later.expiredSuppressions).toHaveLength(base.findings.filter(isFailure).length);
  });

  it('HTML, Markdown and CSV list the suppressed failures', () => {
    const html = renderComplianceReport('html', allAccepted(NOW), compliance);
    expect(html).toMatch(/<section id="suppressed"[\s\S]*accepted ports\.service\.ssh-exposed/);
    expect(html).toContain('suppressed by a decision (accepted risk or false positive) and not counted');
    const md = renderComplianceReport('md', allAccepted(NOW), compliance);
    expect(md).toMatch(/## Suppressed findings \(\d+\)[\s\S]*\| Accepted risk \| accepted ports\.service\.telnet-exposed \|/);
    const csv = renderComplianceReport('csv', allAccepted(NOW), compliance).split('\r\n');
    expect(csv[0]!.endsWith(',Suppressed')).toBe(true);
    expect(csv.some((line) => /10\.20\.0\.5:23 \[ports\.service\.telnet-exposed\] Accepted risk: accepted ports\.service\.telnet-exposed/.test(line))).toBe(true);
    expect(renderComplianceReport('csv', base, compliance)).not.toContain('Suppressed');
  });
});
