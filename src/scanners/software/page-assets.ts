import { load } from 'cheerio/slim';
import type { DomNode } from '../http/dom-walk.js';
import { limitNesting } from '../http/nesting.js';

export interface PageAssets {
  /** Every `<meta name=... content=...>`, the name in lower case, in page order. */
  metas: Array<{ name: string; content: string }>;
  /** Absolute URLs of external scripts, in page order, each once. */
  scripts: string[];
  /** Absolute URLs of style sheets (and preloaded scripts and styles), in page order, each once. */
  styles: string[];
}

const STYLE_RELS: ReadonlySet<string> = new Set(['stylesheet', 'preload', 'modulepreload']);
const MAX_ASSETS = 1000;

/**
 * What a page tells about the software behind it: its meta tags and the scripts and style sheets
 * it loads. The tree is walked without recursion and without selectors, as the HTTP scanner does,
 * so a hostile page cannot overflow the stack or stall the walk.
 */
export function pageAssets(html: string, pageUrl: string): PageAssets {
  const root = load(limitNesting(html)).root()[0] as DomNode;
  const metas: PageAssets['metas'] = [];
  const scripts: string[] = [];
  const styles: string[] = [];
  let base: string | null = null;
  const stack: DomNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const name = node.type === 'text' ? undefined : node.name?.toLowerCase();
    const attribs = node.attribs ?? {};
    if (name === 'meta' && attribs.name !== undefined && attribs.content !== undefined) metas.push({ name: attribs.name.toLowerCase(), content: attribs.content });
    if (name === 'base' && base === null && attribs.href !== undefined) base = attribs.href;
    if (name === 'script' && attribs.src) scripts.push(attribs.src);
    if (name === 'link' && attribs.href && (attribs.rel ?? '').toLowerCase().split(/\s+/).some((rel) => STYLE_RELS.has(rel))) {
      (/\.m?js(?:[?#]|$)/i.test(attribs.href) ? scripts : styles).push(attribs.href);
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) if (children[i]?.type !== 'text') stack.push(children[i]!);
  }
  const baseUrl = resolve(base ?? '', pageUrl) ?? pageUrl;
  return { metas, scripts: absolute(scripts, baseUrl), styles: absolute(styles, baseUrl) };
}

function absolute(hrefs: readonly string[], base: string): string[] {
  const urls = new Set<string>();
  for (const href of hrefs) {
    const url = resolve(href, base);
    if (url && /^https?:/.test(url) && urls.size < MAX_ASSETS) urls.add(url);
  }
  return [...urls];
}

function resolve(href: string, base: string): string | null {
  try {
    return href.trim() === '' ? null : new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}
