import { z } from 'zod';
import type { ProductRelease } from '../core/model/knowledge.js';
import { emptyRecords } from '../core/model/feed-records.js';
import type { Decoded } from './decode.js';
import { productOf } from './endoflife.js';
import { invalidFeed } from './errors.js';
import { newestOf, type ParsedFeed } from './parsed-feed.js';

const releaseData = z.object({
  versions: z.record(
    z.string(),
    z.object({
      name: z.union([z.string(), z.number()]).transform(String).optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date as YYYY-MM-DD').nullish(),
    }),
  ),
});

/** endoflife.date release-data (releases/PRODUCT.json): every released version with its date. */
export function parseEndOfLifeReleases(doc: Decoded, file: string): ParsedFeed {
  const parsed = releaseData.safeParse(doc.value);
  if (!parsed.success) throw invalidFeed(file, 'endoflife-releases', parsed.error.issues[0], doc.lineOf);
  const product = productOf(file);
  const releases: ProductRelease[] = Object.entries(parsed.data.versions).map(([key, v]) => ({ product, version: v.name ?? key, date: v.date?.slice(0, 10) ?? null }));
  return { source: 'endoflife-releases', version: null, dataDate: newestOf(releases.map((r) => r.date)), records: { ...emptyRecords(), releases } };
}
