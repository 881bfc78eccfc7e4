import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../src/core/model/knowledge.js';
import { DEFAULT_FEED_AGE_LIMITS, feedAgeDays, staleFeeds } from '../../src/core/model/stale-feeds.js';

const feed = (source: FeedStatus['source'], dataDate: string | null, importedAt = '2026-06-01T00:00:00.000Z'): FeedStatus => ({ source, name: `${source}.json`, version: null, dataDate, importedAt, records: 1, sha256: '0'.repeat(64) });
const NOW = Date.parse('2026-07-01T12:00:00.000Z');

describe('staleFeeds', () => {
  it('counts whole days from the data date, or from the import when the data has none', () => {
    expect(feedAgeDays(feed('kev', '2026-06-01'), NOW)).toBe(30);
    expect(feedAgeDays(feed('retirejs', null, '2026-06-21T00:00:00.000Z'), NOW)).toBe(10);
    expect(feedAgeDays(feed('kev', '2026-07-02'), NOW)).toBe(0);
  });

  it('flags vulnerability data past 30 days and lifecycle data past 365, oldest first', () => {
    const feeds = [feed('kev', '2026-06-01'), feed('osv', '2026-05-31'), feed('retirejs', null, '2026-01-01T00:00:00.000Z'), feed('endoflife', '2025-07-01'), feed('endoflife-releases', '2025-06-30')];
    expect(staleFeeds(feeds, NOW).map((s) => [s.feed.source, s.ageDays, s.limitDays])).toEqual([
      ['endoflife-releases', 366, 365],
      ['retirejs', 181, 30],
      ['osv', 31, 30],
    ]);
  });

  it('takes other limits', () => {
    const limits = { ...DEFAULT_FEED_AGE_LIMITS, kev: 7 };
    expect(staleFeeds([feed('kev', '2026-06-20')], NOW, limits).map((s) => s.ageDays)).toEqual([11]);
    expect(staleFeeds([feed('kev', '2026-06-20')], NOW)).toEqual([]);
  });
});
