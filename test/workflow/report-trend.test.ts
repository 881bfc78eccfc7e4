import { describe, expect, it } from 'vitest';
import { fixtureAudit, fixtureEarlierAudit } from '../../fixtures/reports/audit.js';
import type { AuditResult } from '../../src/core/model/audit-result.js';
import { isFailure } from '../../src/core/model/finding.js';
import { renderReport } from '../../src/reports/index.js';
import type { TrendInput } from '../../src/reports/trend.js';
import { asRead, expectValid, options, schemaValidator } from '../reports/support.js';

// Pure: the fixture audit #12 with the earlier audit #9 of the same scope as its history.
const earlier = fixtureEarlierAudit();
const history: TrendInput[] = [{ id: earlier.audit.id, startedAt: earlier.audit.startedAt, targets: earlier.targets, findings: earlier.findings }];
const current = asRead(fixtureAudit());

interface Series {
  agency: string | null;
  points: Array<{ audit: number; failures: Record<string, number>; score: number | null; grade: string | null; hosts: number }>;
}
const trendOf = (result: AuditResult) => (JSON.parse(renderReport('json', result, options('en', { history }))) as { trend?: Series[] }).trend;

describe('the trend series in reports', () => {
  it('JSON: a trend member, overall then per agency, oldest first, valid against the schema', () => {
    const doc = JSON.parse(renderReport('json', current, options('en', { history })));
    expectValid(schemaValidator('audit-report.schema.json'), doc);
    const trend = doc.trend as Series[];
    expect(trend.map((s) => s.agency)).toEqual([null, '-', 'Sở Tài chính', 'UBND huyện Thạch Thất']);
    const overall = trend[0]!.points;
    expect(overall.map((p) => p.audit)).toEqual([9, 12]);
    // Audit #9: MySQL, Telnet, SMB high and FTP medium; #12 as its summary says.
    expect(overall[0]!.failures).toMatchObject({ critical: 0, high: 3, medium: 1, low: 0 });
    expect(overall[1]!.failures).toEqual(doc.summary.failures);
    expect(overall[1]!.score).toBe(doc.summary.riskScore);
    expect(overall[1]!.grade).toBe(doc.summary.grade);
    expect(trend.find((s) => s.agency === '-')!.points.map((p) => p.audit)).toEqual([12]); // the IPv6 host is new in #12
    expect(JSON.parse(renderReport('json', current, options('en'))).trend).toBeUndefined();
  });

  it('counts earlier audits under the same decisions: an accepted risk does not look like a fix', () => {
    const mysql = current.findings.filter(isFailure).find((f) => f.ruleId === 'ports.service.database-exposed')!;
    const decision = { fingerprint: mysql.fingerprint, status: 'accepted-risk' as const, reason: 'replica behind firewall', actor: 'an.nv', at: '2026-11-25T00:00:00.000Z', auditId: 12 };
    const judged = trendOf({ ...current, triage: { at: '2026-12-01T00:00:00.000Z', decisions: { [mysql.fingerprint]: decision } } })!;
    const plain = trendOf(current)!;
    expect(judged[0]!.points.map((p) => p.failures.high)).toEqual(plain[0]!.points.map((p) => p.failures.high! - 1));
  });

  it('HTML: a Trend section with an inline SVG chart and a table per series, in the contents', () => {
    const html = renderReport('html', current, options('en', { history }));
    expect(html).toContain('<li><a href="#trend">Trend over audits of the same scope</a></li>');
    const section = html.slice(html.indexOf('<section id="trend"'), html.indexOf('</section>', html.indexOf('<section id="trend"')));
    expect(section).toMatch(/<svg class="chart-svg" role="img" aria-labelledby="chart-trend-severity-t chart-trend-severity-d"/);
    expect(section).toContain('#9 (14 Aug 2026): 0/3/1/0, ');
    expect(section).toMatch(/<h3>All targets<\/h3>[\s\S]*<th scope="row">#9<\/th>[\s\S]*<th scope="row">#12<\/th>/);
    expect(section).toContain('<h3>Agency: Sở Tài chính</h3>');
    expect(section).toContain('<h3>No agency group</h3>');
    expect(section).not.toMatch(/<(script|img|link)\b|https?:\/\/(?!www\.w3\.org\/2000\/svg)/); // nothing fetched when opened offline
    // The score line of the summary is drawn from the same points.
    expect(html).toContain('aria-labelledby="chart-trend-t chart-trend-d"');
    expect(renderReport('html', current, options('en'))).not.toContain('id="trend"');
  });

  it('Markdown: a Trend section with the grade of each audit', () => {
    const md = renderReport('md', current, options('en', { history }));
    expect(md).toMatch(/## Trend over audits of the same scope\n\nThis audit and the 1 earlier audit\(s\)/);
    expect(md).toMatch(/### All targets\n\n\| Audit \| Date \| Hosts \| Critical \| High \| Medium \| Low \| Risk score \| Grade \|\n\|---\|---\|---\|---\|---\|---\|---\|---\|---\|\n\| #9 \| 14 Aug 2026 \| 4 \| 0 \| 3 \| 1 \| 0 \|/);
    expect(md).toContain('### Agency: UBND huyện Thạch Thất');
  });
});
