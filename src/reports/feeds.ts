import type { AuditResult } from '../core/model/audit-result.js';
import type { FeedStatus } from '../core/model/knowledge.js';
import { staleFeeds, type StaleFeed } from '../core/model/stale-feeds.js';

/** The imported feeds that judged the audit's software, as the audit recorded them. */
export function feedsOf(result: AuditResult): FeedStatus[] {
  const feeds = result.audit.options.feeds;
  return Array.isArray(feeds) ? (feeds as FeedStatus[]) : [];
}

/**
 * Feeds that were already stale when the audit ran: its "no known vulnerability" verdicts may
 * miss what was published since. Judged at the audit's start, so the report needs no clock.
 */
export function staleFeedsOf(result: AuditResult): StaleFeed[] {
  return staleFeeds(feedsOf(result), Date.parse(result.audit.startedAt));
}

/** "osv debian.zip (45 days, limit 30)", for the notice every report carries. */
export function staleFeedList(stale: readonly StaleFeed[]): string {
  return stale.map((s) => `${s.feed.source} ${s.feed.name} (${s.ageDays}/${s.limitDays})`).join(', ');
}
