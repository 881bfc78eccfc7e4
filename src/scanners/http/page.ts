import { createHash } from 'node:crypto';
import { load } from 'cheerio/slim';
import { contentSignature } from './content-signature.js';
import { walkPage, type DomNode, type PageWalk } from './dom-walk.js';
import { limitNesting } from './nesting.js';
import { registrableDomain } from './site-domain.js';
import { findTerms } from './term-match.js';

export interface PageFacts {
  title: string | null;
  generator: string | null;
  /** What an https page loads or posts over plain http (all zero for an http page). */
  mixedContent: { activeCount: number; passiveCount: number; insecureFormCount: number; examples: string[] };
  /** Links to other sites that visitors cannot see. */
  hiddenLinks: string[];
  spamTerms: string[];
  /** Distinct other registrable domains the page links to. */
  externalDomains: number;
  /** sha256 of the normalised visible text, stable across clocks and counters. */
  fingerprint: string;
  /** MinHash of the same text, to measure how much it changed since an earlier audit. */
  signature: string;
  textLength: number;
}

const MAX_HIDDEN_LINKS = 50;
const MAX_EXAMPLES = 5;
const MAX_URL = 512;
const MAX_TEXT = 256;

/**
 * Reads one HTML page: what it discloses, what it loads insecurely, and signs of injected spam.
 * cheerio's htmlparser2 build parses (parse5 slows down far more on hostile nesting); selectors are not
 * used, the tree is walked directly.
 */
export function analysePage(html: string, pageUrl: string, vocabulary: readonly string[]): PageFacts {
  const page = new URL(pageUrl);
  const walk = walkPage(load(limitNesting(html)).root()[0] as DomNode);
  const base = resolve(walk.base ?? '', page) ?? page;
  const siteDomain = registrableDomain(page.hostname);

  const external = new Set<string>();
  const hiddenLinks = new Set<string>();
  for (const anchor of walk.anchors) {
    const url = resolve(anchor.href, base);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    const domain = registrableDomain(url.hostname);
    if (domain === siteDomain) continue;
    external.add(domain);
    if (anchor.hidden && hiddenLinks.size < MAX_HIDDEN_LINKS) hiddenLinks.add(url.href.slice(0, MAX_URL));
  }

  const title = oneLine(walk.title ?? '');
  const text = normalise(walk.visibleText.join(' '));
  return {
    title,
    generator: oneLine(walk.generator ?? ''),
    mixedContent: mixedContent(walk, base, page),
    hiddenLinks: [...hiddenLinks],
    spamTerms: findTerms([...walk.anchors.map((a) => a.text.join(' ')), title ?? '', ...walk.hiddenText], vocabulary),
    externalDomains: external.size,
    fingerprint: createHash('sha256').update(text).digest('hex'),
    signature: contentSignature(text),
    textLength: text.length,
  };
}

function mixedContent(walk: PageWalk, base: URL, page: URL): PageFacts['mixedContent'] {
  const counts = { active: 0, passive: 0, form: 0 };
  const examples = new Set<string>();
  if (page.protocol === 'https:') {
    for (const resource of walk.resources) {
      const url = resolve(resource.url, base);
      if (url?.protocol !== 'http:') continue;
      counts[resource.kind]++;
      if (examples.size < MAX_EXAMPLES) examples.add(url.href.slice(0, MAX_URL));
    }
  }
  return { activeCount: counts.active, passiveCount: counts.passive, insecureFormCount: counts.form, examples: [...examples] };
}

function resolve(href: string, base: URL): URL | null {
  try {
    return href.trim() === '' ? null : new URL(href.trim(), base);
  } catch {
    return null;
  }
}

// Digit runs become one 0 so a clock, a visitor counter or today's date does not change the fingerprint.
function normalise(text: string): string {
  return text.normalize('NFC').replace(/\p{Nd}+/gu, '0').replace(/\s+/gu, ' ').trim();
}

function oneLine(text: string): string | null {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line === '' ? null : line.slice(0, MAX_TEXT);
}
