import type { FeedSource, FeedStatus } from './knowledge.js';

/** Days after which a feed's data counts as stale, by source. */
export type FeedAgeLimits = Record<FeedSource, number>;

/**
 * Vulnerability data changes daily, so a month-old copy misses what matters most; lifecycle data
 * (release cycles and end-of-life dates) changes a few times a year.
 */
export const DEFAULT_FEED_AGE_LIMITS: FeedAgeLimits = { kev: 30, osv: 30, retirejs: 30, endoflife: 365, 'endoflife-releases': 365, builtin: 365 };

export interface StaleFeed {
  feed: FeedStatus;
  ageDays: number;
  limitDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Whole days since the feed's newest data (its data date), or since its import when the data
 * carries no date (retire.js): how old what rasoat knows from it is.
 */
export function feedAgeDays(feed: FeedStatus, nowMs: number): number {
  const since = Date.parse(feed.dataDate ?? feed.importedAt);
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((nowMs - since) / DAY_MS));
}

/** The feeds whose data is older than their source's limit, oldest first. */
export function staleFeeds(feeds: readonly FeedStatus[], nowMs: number, limits: FeedAgeLimits = DEFAULT_FEED_AGE_LIMITS): StaleFeed[] {
  return feeds
    .map((feed) => ({ feed, ageDays: feedAgeDays(feed, nowMs), limitDays: limits[feed.source] }))
    .filter((s) => s.ageDays > s.limitDays)
    .sort((a, b) => b.ageDays - a.ageDays);
}
