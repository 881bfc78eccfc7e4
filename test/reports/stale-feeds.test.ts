import { describe, expect, it } from 'vitest';
import { fixtureAudit } from '../../fixtures/reports/audit.js';
import type { AuditResult } from '../../src/core/model/audit-result.js';
import type { FeedStatus } from '../../src/core/model/knowledge.js';
import { renderReport } from '../../src/reports/index.js';
import { expectValid, options, schemaValidator } from './support.js';

const feed = (source: FeedStatus['source'], name: string, dataDate: string): FeedStatus => ({ source, name, version: null, dataDate, importedAt: '2026-02-01T00:00:00Z', records: 10, sha256: 'x' });

/** The fixture audit, judged with the feeds given (as `rasoat scan` records them). */
function judgedWith(feeds: FeedStatus[]): AuditResult {
  const result = fixtureAudit();
  return { ...result, audit: { ...result.audit, options: { ...result.audit.options, feeds } } };
}

describe('feeds that were stale when the audit ran', () => {
  const started = Date.parse(fixtureAudit().audit.startedAt);
  const daysBefore = (days: number) => new Date(started - days * 86_400_000).toISOString().slice(0, 10);
  const stale = judgedWith([feed('kev', 'kev.json', daysBefore(3)), feed('osv', 'debian.zip', daysBefore(45)), feed('endoflife', 'php.yaml', daysBefore(200))]);

  it('are named in the JSON report (by the audit date, not the report date), which the schema documents', () => {
    const doc = JSON.parse(renderReport('json', stale, options('en'))) as { staleFeeds?: Array<{ name: string; ageDays: number; limitDays: number }> };
    expect(doc.staleFeeds).toEqual([expect.objectContaining({ source: 'osv', name: 'debian.zip', ageDays: 45, limitDays: 30 })]);
    expectValid(schemaValidator('audit-report.schema.json'), doc);
  });

  it('make a notice in the HTML and Markdown reports, in both languages', () => {
    expect(renderReport('html', stale, options('en'))).toContain('Vulnerability data was out of date when this audit ran (source, file, days old / limit): osv debian.zip (45/30)');
    expect(renderReport('md', stale, options('vi'))).toContain('Dữ liệu lỗ hổng đã cũ khi chạy đợt rà soát này');
  });

  it('are not mentioned when every feed was current', () => {
    const fresh = judgedWith([feed('kev', 'kev.json', daysBefore(3))]);
    expect(JSON.parse(renderReport('json', fresh, options('en'))).staleFeeds).toBeUndefined();
    expect(renderReport('html', fresh, options('en'))).not.toContain('out of date');
  });
});
