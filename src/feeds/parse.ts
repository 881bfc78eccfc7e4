import { InputError } from '../core/errors.js';
import type { FeedType } from '../core/model/feed-records.js';
import { decodeDocument, type Decoded } from './decode.js';
import { detectFeedType } from './detect.js';
import { parseEndOfLifeReleases } from './endoflife-releases.js';
import { parseEndOfLife } from './endoflife.js';
import { parseKev } from './kev.js';
import { parseOsv } from './osv.js';
import type { ParsedFeed } from './parsed-feed.js';
import { parseRetireJs } from './retirejs.js';

type Parser = (doc: Decoded, file: string) => ParsedFeed;

export const PARSERS: Record<FeedType, Parser> = {
  kev: parseKev,
  osv: parseOsv,
  retirejs: parseRetireJs,
  endoflife: parseEndOfLife,
  'endoflife-releases': parseEndOfLifeReleases,
};

/** A decoded document as the given type, or as the type its content shows; null when it shows none. */
export function parseDecoded(doc: Decoded, file: string, type?: FeedType): ParsedFeed | null {
  const chosen = type ?? detectFeedType(doc.value);
  return chosen ? PARSERS[chosen](doc, file) : null;
}

/** One feed file's text to its records (pure). Throws a one-line InputError naming the file. */
export function parseFeedText(text: string, file: string, type?: FeedType): ParsedFeed {
  const parsed = parseDecoded(decodeDocument(text, file), file, type);
  if (!parsed) throw new InputError('feeds.unknown', { file });
  return parsed;
}
