import type { Advisory, FeedSource, JsExtractor, KevEntry, LifecycleCycle, ProductRelease } from './knowledge.js';

/** The kinds of feed `rasoat feeds import` reads (rasoat's own 'builtin' data is never imported). */
export type FeedType = Exclude<FeedSource, 'builtin'>;

export const FEED_TYPES: readonly FeedType[] = ['kev', 'osv', 'retirejs', 'endoflife', 'endoflife-releases'];

/** Everything one feed holds, by kind: what the store keeps for it and replaces on re-import. */
export interface FeedRecords {
  advisories: Advisory[];
  kev: KevEntry[];
  lifecycles: LifecycleCycle[];
  releases: ProductRelease[];
  jsExtractors: JsExtractor[];
}

export function emptyRecords(): FeedRecords {
  return { advisories: [], kev: [], lifecycles: [], releases: [], jsExtractors: [] };
}

/** Rows the feed stores, all kinds together: the `records` of its FeedStatus. */
export function countRecords(records: FeedRecords): number {
  return records.advisories.length + records.kev.length + records.lifecycles.length + records.releases.length + records.jsExtractors.length;
}
