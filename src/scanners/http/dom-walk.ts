import { compileSelector, hidesByStyle, hidingSelectors, type ElementLike } from './hidden-style.js';

/** The part of a parsed node this module reads; domhandler's nodes (what cheerio builds) have this shape. */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export interface PageWalk {
  title: string | null;
  generator: string | null;
  visibleText: string[];
  hiddenText: string[];
  anchors: Array<{ href: string; hidden: boolean; text: string[] }>;
  resources: Array<{ kind: 'active' | 'passive' | 'form'; url: string }>;
  base: string | null;
}

interface Frame {
  node: DomNode;
  hidden: boolean;
  anchor: number;
  inHead: boolean;
}

const SKIPPED: ReadonlySet<string> = new Set(['style', 'noscript', 'template']);
const ACTIVE_SRC: ReadonlySet<string> = new Set(['script', 'iframe', 'frame', 'embed']);
const PASSIVE_SRC: ReadonlySet<string> = new Set(['img', 'audio', 'video', 'source']);
const MAX_STYLE_SHEET = 262_144;

/**
 * Two passes over the tree, both without recursion (a deep page must not overflow the stack) and without
 * CSS-selector queries (their cost grows with the square of the elements on some pages). The first pass
 * collects style sheets outside <head>, the second walks with the rules they hide things by.
 */
export function walkPage(root: DomNode): PageWalk {
  const sheets: string[] = [];
  let size = 0;
  traverse(root, (node, inHead) => {
    if (node.name === 'style' && !inHead && size < MAX_STYLE_SHEET) {
      const css = textOf(node);
      sheets.push(css);
      size += css.length;
    }
  });
  // Only style sheets outside <head>: an injected block brings its own, a theme's menus live in <head> or files.
  const matchers = hidingSelectors(sheets.join('\n').slice(0, MAX_STYLE_SHEET)).flatMap((s) => compileSelector(s) ?? []);

  const walk: PageWalk = { title: null, generator: null, visibleText: [], hiddenText: [], anchors: [], resources: [], base: null };
  const stack: Frame[] = [{ node: root, hidden: false, anchor: -1, inHead: false }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node } = frame;
    if (node.type === 'text') {
      const data = node.data ?? '';
      (frame.hidden ? walk.hiddenText : walk.visibleText).push(data);
      if (frame.anchor >= 0) walk.anchors[frame.anchor]?.text.push(data);
      continue;
    }
    let { hidden, anchor } = frame;
    const name = node.name?.toLowerCase();
    const attribs = node.attribs ?? {};
    if (name !== undefined && node.type !== 'directive') {
      hidden ||= 'hidden' in attribs || hidesByStyle(attribs.style ?? '') || (matchers.length > 0 && matchesAny(matchers, name, attribs));
      if (SKIPPED.has(name)) continue;
      noteElement(name, attribs, node, walk);
      if (name === 'a' && attribs.href !== undefined) anchor = walk.anchors.push({ href: attribs.href, hidden, text: [] }) - 1;
    }
    const inHead = frame.inHead || name === 'head';
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && !(name === 'script' && child.type === 'text')) stack.push({ node: child, hidden, anchor, inHead });
    }
  }
  return walk;
}

function matchesAny(matchers: ReadonlyArray<(element: ElementLike) => boolean>, name: string, attribs: Record<string, string>): boolean {
  const element: ElementLike = { name, id: attribs.id, classes: (attribs.class ?? '').split(/\s+/) };
  return matchers.some((matches) => matches(element));
}

function noteElement(name: string, attribs: Record<string, string>, node: DomNode, walk: PageWalk): void {
  const src = attribs.src;
  if (name === 'title' && walk.title === null) walk.title = textOf(node);
  if (name === 'meta' && walk.generator === null && attribs.name?.toLowerCase() === 'generator') walk.generator = attribs.content ?? '';
  if (name === 'base' && walk.base === null && attribs.href !== undefined) walk.base = attribs.href;
  if (ACTIVE_SRC.has(name) && src) walk.resources.push({ kind: 'active', url: src });
  if (name === 'object' && attribs.data) walk.resources.push({ kind: 'active', url: attribs.data });
  const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
  if (name === 'link' && rel.includes('stylesheet') && attribs.href) walk.resources.push({ kind: 'active', url: attribs.href });
  if (PASSIVE_SRC.has(name) && src) walk.resources.push({ kind: 'passive', url: src });
  if (name === 'video' && attribs.poster) walk.resources.push({ kind: 'passive', url: attribs.poster });
  if (name === 'form' && attribs.action) walk.resources.push({ kind: 'form', url: attribs.action });
}

function traverse(root: DomNode, visit: (node: DomNode, inHead: boolean) => void): void {
  const stack: Array<[DomNode, boolean]> = [[root, false]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, inHead] = item;
    visit(node, inHead);
    for (const child of node.children ?? []) stack.push([child, inHead || node.name === 'head']);
  }
}

/** The text directly inside a raw-text element (title, style): one level is all such elements hold. */
function textOf(node: DomNode): string {
  return (node.children ?? []).map((c) => (c.type === 'text' ? (c.data ?? '') : '')).join('');
}
