import { countRecords, emptyRecords, type FeedRecords, type FeedType } from '../core/model/feed-records.js';

/** What a parser makes of one document: the records and how current they are. */
export interface ParsedFeed {
  source: FeedType;
  /** The feed's own version (KEV catalogVersion, newest OSV `modified`), null when it has none. */
  version: string | null;
  /** The newest date in the data, YYYY-MM-DD. */
  dataDate: string | null;
  records: FeedRecords;
}

/** The later of two ISO dates or versions compared as text (both forms sort by time). */
export function newest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}

/** The newest of many dates; null when none is given. */
export function newestOf(values: Iterable<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const value of values) if (value) best = newest(best, value);
  return best;
}

/** Several documents of one type (a directory, a zip) as one feed: records together, newest version and date. */
export function mergeFeeds(source: FeedType, parts: readonly ParsedFeed[]): ParsedFeed {
  const merged: ParsedFeed = { source, version: null, dataDate: null, records: emptyRecords() };
  for (const part of parts) appendFeed(merged, part);
  return merged;
}

/** Adds a document's records to a feed gathered so far (in place: a dump has tens of thousands). */
export function appendFeed(into: ParsedFeed, part: ParsedFeed): void {
  for (const key of Object.keys(into.records) as Array<keyof FeedRecords>) {
    const target = into.records[key] as unknown[];
    for (const record of part.records[key]) target.push(record);
  }
  into.version = newest(into.version, part.version);
  into.dataDate = newest(into.dataDate, part.dataDate);
}

export function recordCount(feed: ParsedFeed): number {
  return countRecords(feed.records);
}
