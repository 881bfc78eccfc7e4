import { createHash } from 'node:crypto';
import type { JsExtractor } from '../../core/model/knowledge.js';
import type { Hit } from './hits.js';

export interface CompiledExtractor {
  product: string;
  filename: RegExp[];
  uri: RegExp[];
  filecontent: RegExp[];
  hashes: Readonly<Record<string, string>>;
}

/** What retire.js writes for a version inside its expressions (jsrepository's own definition). */
const VERSION_PATTERN = '[0-9][0-9.a-z_\\-]+';
/** retire.js library names that differ from the product catalogue's ids. */
const PRODUCT_OF_LIBRARY: Readonly<Record<string, string>> = { 'moment.js': 'moment', tinyMCE: 'tinymce' };

const compiled = new WeakMap<readonly JsExtractor[], CompiledExtractor[]>();

/** retire.js extractors compiled once per list; an expression that does not compile is left out. */
export function compileExtractors(extractors: readonly JsExtractor[]): CompiledExtractor[] {
  let list = compiled.get(extractors);
  if (list) return list;
  list = extractors.map((e) => ({
    product: PRODUCT_OF_LIBRARY[e.library] ?? e.library.toLowerCase(),
    filename: e.filename.flatMap(regexOf),
    uri: e.uri.flatMap(regexOf),
    filecontent: e.filecontent.flatMap(regexOf),
    hashes: e.hashes,
  }));
  compiled.set(extractors, list);
  return list;
}

function regexOf(source: string): RegExp[] {
  try {
    return [new RegExp(source.replaceAll('§§version§§', VERSION_PATTERN))];
  } catch {
    return [];
  }
}

/** Versions the extractors read in a script's URL (`uri`) and its file name (`filename`). */
export function retireUrlHits(extractors: readonly CompiledExtractor[], url: string): Hit[] {
  const name = fileNameOf(url);
  const hits: Hit[] = [];
  for (const extractor of extractors) {
    const found = first(extractor.uri, url) ?? (name ? first(extractor.filename, name) : null);
    if (found) hits.push({ product: extractor.product, version: found.version, source: 'url', location: url, evidence: found.words, confidence: 'medium' });
  }
  return hits;
}

/** Versions the extractors read in a script's text, and the version its SHA-1 names (whole files only). */
export function retireContentHits(extractors: readonly CompiledExtractor[], body: Buffer, text: string, whole: boolean, url: string): Hit[] {
  const hits: Hit[] = [];
  const sha1 = whole && extractors.some((e) => Object.keys(e.hashes).length > 0) ? createHash('sha1').update(body).digest('hex') : null;
  for (const extractor of extractors) {
    const hashed = sha1 ? extractor.hashes[sha1] : undefined;
    if (hashed) hits.push({ product: extractor.product, version: hashed, source: 'hash', location: url, evidence: `sha1 ${sha1}`, confidence: 'high' });
    const found = first(extractor.filecontent, text);
    if (found) hits.push({ product: extractor.product, version: found.version, source: 'content', location: url, evidence: found.words, confidence: 'high' });
  }
  return hits;
}

/** retire.js puts the version in the first group of its expressions. */
function first(regexes: readonly RegExp[], text: string): { version: string; words: string } | null {
  for (const regex of regexes) {
    const found = regex.exec(text);
    const version = found?.[1] ? withoutFileSuffix(found[1]) : '';
    if (found && version) return { version, words: found[0] };
  }
  return null;
}

/** retire.js's version pattern takes dots and letters, so "jquery-1.12.4.min.js" gives "1.12.4.min": the build suffix is no part of the version. */
function withoutFileSuffix(version: string): string {
  return version.replace(/(?:\.(?:min|slim|pack|js))+$/i, '');
}

function fileNameOf(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || null;
  } catch {
    return null;
  }
}
