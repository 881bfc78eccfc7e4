import { createHash } from 'node:crypto';
import { load, type CheerioAPI } from 'cheerio/slim';
import { hidesByStyle, hidingSelectors } from './hidden-style.js';
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
  textLength: number;
}

/** The part of a parsed node this module reads; domhandler's nodes have this shape. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

interface Frame {
  node: DomNode;
  hidden: boolean;
  anchor: number;
}

interface Walk {
  visible: string[];
  hiddenText: string[];
  anchors: Array<{ href: string; hidden: boolean; text: string[] }>;
  resources: Array<{ kind: 'active' | 'passive' | 'form'; url: string }>;
  base: string | null;
}

const NO_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template']);
const ACTIVE_SRC: ReadonlySet<string> = new Set(['script', 'iframe', 'frame', 'embed']);
const PASSIVE_SRC: ReadonlySet<string> = new Set(['img', 'audio', 'video', 'source']);
const MAX_HIDDEN_LINKS = 50;
const MAX_EXAMPLES = 5;
const MAX_URL = 512;
const MAX_TEXT = 256;
const MAX_STYLE_SHEET = 262_144;

/** Reads one HTML page: what it discloses, what it loads insecurely, and signs of injected spam. */
export function analysePage(html: string, pageUrl: string, vocabulary: readonly string[]): PageFacts {
  const $ = load(limitNesting(html));
  const page = new URL(pageUrl);
  const walk = walkDocument($);
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

  const title = oneLine($('title').first().text());
  const text = normalise(walk.visible.join(' '));
  const linkTexts = walk.anchors.map((a) => a.text.join(' '));
  return {
    title,
    generator: oneLine($('meta[name="generator" i]').first().attr('content') ?? ''),
    mixedContent: mixedContent(walk, base, page),
    hiddenLinks: [...hiddenLinks],
    spamTerms: findTerms([...linkTexts, title ?? '', ...walk.hiddenText], vocabulary),
    externalDomains: external.size,
    fingerprint: createHash('sha256').update(text).digest('hex'),
    textLength: text.length,
  };
}

/** One pass over the tree without recursion: a deeply nested page must not overflow the stack. */
function walkDocument($: CheerioAPI): Walk {
  const hiddenByCss = cssHiddenNodes($);
  const walk: Walk = { visible: [], hiddenText: [], anchors: [], resources: [], base: null };
  const root: DomNode = $.root()[0] as DomNode;
  const stack: Frame[] = [{ node: root, hidden: false, anchor: -1 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node } = frame;
    if (node.type === 'text') {
      const data = node.data ?? '';
      (frame.hidden ? walk.hiddenText : walk.visible).push(data);
      if (frame.anchor >= 0) walk.anchors[frame.anchor]?.text.push(data);
      continue;
    }
    let { hidden, anchor } = frame;
    const name = node.name?.toLowerCase();
    const attribs = node.attribs ?? {};
    if (name !== undefined) {
      hidden ||= 'hidden' in attribs || hidesByStyle(attribs.style ?? '') || hiddenByCss.has(node);
      if (NO_TEXT.has(name) && name !== 'script') continue;
      noteResources(name, attribs, walk);
      if (name === 'a' && attribs.href !== undefined) {
        anchor = walk.anchors.push({ href: attribs.href, hidden, text: [] }) - 1;
      }
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && !(name === 'script' && child.type === 'text')) stack.push({ node: child, hidden, anchor });
    }
  }
  return walk;
}

function noteResources(name: string, attribs: Record<string, string>, walk: Walk): void {
  const src = attribs.src;
  if (name === 'base' && walk.base === null && attribs.href !== undefined) walk.base = attribs.href;
  if (ACTIVE_SRC.has(name) && src) walk.resources.push({ kind: 'active', url: src });
  if (name === 'object' && attribs.data) walk.resources.push({ kind: 'active', url: attribs.data });
  const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
  if (name === 'link' && rel.includes('stylesheet') && attribs.href) walk.resources.push({ kind: 'active', url: attribs.href });
  if (PASSIVE_SRC.has(name) && src) walk.resources.push({ kind: 'passive', url: src });
  if (name === 'video' && attribs.poster) walk.resources.push({ kind: 'passive', url: attribs.poster });
  if (name === 'form' && attribs.action) walk.resources.push({ kind: 'form', url: attribs.action });
}

function mixedContent(walk: Walk, base: URL, page: URL): PageFacts['mixedContent'] {
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

function cssHiddenNodes($: CheerioAPI): Set<DomNode> {
  const nodes = new Set<DomNode>();
  // Only style sheets in the body: an injected block brings its own, while a theme's menus live in <head> or files.
  const css = $('body style')
    .map((_, el) => $(el).text())
    .get()
    .join('\n')
    .slice(0, MAX_STYLE_SHEET);
  for (const selector of hidingSelectors(css)) {
    try {
      for (const el of $(selector).toArray()) nodes.add(el as DomNode);
    } catch {
      // A selector cheerio cannot read is one the browser may read differently: no claim either way.
    }
  }
  return nodes;
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
