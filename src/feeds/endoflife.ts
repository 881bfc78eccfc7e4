import { basename, extname } from 'node:path';
import { z } from 'zod';
import type { LifecycleCycle } from '../core/model/knowledge.js';
import { emptyRecords } from '../core/model/feed-records.js';
import type { Decoded } from './decode.js';
import { invalidFeed } from './errors.js';
import { newestOf, type ParsedFeed } from './parsed-feed.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** A milestone: its date, or only whether it has passed. */
const milestone = z.union([date, z.boolean()]).nullish();
/** Unquoted YAML numbers (releaseCycle: 10, latest: 8.4) are numbers: read them as the text they were. */
const text = z.union([z.string(), z.number()]).transform(String);

/** products/*.md front matter (or the YAML of it): endoflife.date's own source form. */
const productFile = z.object({
  releases: z.array(
    z.object({
      releaseCycle: text,
      releaseDate: date.nullish(),
      eol: milestone,
      eoas: milestone,
      support: milestone,
      eoes: milestone,
      extendedSupport: milestone,
      latest: text.nullish(),
      latestReleaseDate: date.nullish(),
      lts: milestone,
    }),
  ),
});

/** The public API's form, /api/PRODUCT.json: a bare array of cycles. */
const apiFile = z.array(
  z.object({
    cycle: text,
    releaseDate: date.nullish(),
    eol: milestone,
    support: milestone,
    extendedSupport: milestone,
    latest: text.nullish(),
    latestReleaseDate: date.nullish(),
    lts: milestone,
  }),
);

/** The product id is the file's name, as on endoflife.date (products/nginx.md is /nginx). */
export function productOf(file: string): string {
  return basename(file, extname(file));
}

/** endoflife.date release cycles of one product, from its YAML, its Markdown front matter or the API's JSON. */
export function parseEndOfLife(doc: Decoded, file: string): ParsedFeed {
  const product = productOf(file);
  const rows = Array.isArray(doc.value) ? fromApi(doc, file) : fromProductFile(doc, file);
  const lifecycles: LifecycleCycle[] = rows.map((r) => ({
    product,
    cycle: r.cycle,
    releaseDate: r.releaseDate ?? null,
    eol: r.eol ?? null,
    support: r.support ?? null,
    extendedSupport: r.extendedSupport ?? null,
    latest: r.latest ?? null,
    // An LTS date means the cycle became LTS then.
    lts: r.lts !== undefined && r.lts !== null && r.lts !== false,
  }));
  return {
    source: 'endoflife',
    version: null,
    dataDate: newestOf(rows.flatMap((r) => [r.releaseDate, r.latestReleaseDate])),
    records: { ...emptyRecords(), lifecycles },
  };
}

type Row = Omit<z.infer<typeof apiFile>[number], 'cycle'> & { cycle: string };

function fromApi(doc: Decoded, file: string): Row[] {
  const parsed = apiFile.safeParse(doc.value);
  if (!parsed.success) throw invalidFeed(file, 'endoflife', parsed.error.issues[0], doc.lineOf);
  return parsed.data;
}

function fromProductFile(doc: Decoded, file: string): Row[] {
  const parsed = productFile.safeParse(doc.value);
  if (!parsed.success) throw invalidFeed(file, 'endoflife', parsed.error.issues[0], doc.lineOf);
  return parsed.data.releases.map(({ releaseCycle, eoas, eoes, support, extendedSupport, ...rest }) => ({
    ...rest,
    cycle: releaseCycle,
    support: support ?? eoas,
    extendedSupport: extendedSupport ?? eoes,
  }));
}
