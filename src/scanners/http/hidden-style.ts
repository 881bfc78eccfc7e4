/**
 * CSS that hides content from visitors while search engines still read it: the tricks injected link
 * farms use (display:none, visibility:hidden, font-size:0, far off-screen positioning, zero height with
 * overflow hidden). Not every hiding is meant here: opacity and clip (screen-reader text, carousels)
 * hide legitimate content too often to count.
 */
export function hidesByStyle(style: string): boolean {
  if (style === '') return false;
  const d = declarations(style);
  const get = (name: string) => d.get(name) ?? '';
  if (get('display') === 'none') return true;
  if (get('visibility') === 'hidden' || get('visibility') === 'collapse') return true;
  if (isZero(get('font-size'))) return true;
  if (isFarOff(get('text-indent'))) return true;
  const positioned = get('position') === 'absolute' || get('position') === 'fixed';
  if (positioned && ['left', 'top', 'right', 'bottom', 'margin-left', 'margin-top'].some((p) => isFarOff(get(p)))) return true;
  const clipped = ['overflow', 'overflow-x', 'overflow-y'].some((p) => get(p) === 'hidden' || get(p) === 'clip');
  return clipped && ['height', 'max-height', 'width', 'max-width'].some((p) => isZero(get(p)));
}

/**
 * Selectors of simple top-level rules whose declarations hide (".seo-links{display:none}"). Rules inside
 * @media and other at-rule blocks are skipped: print and small-screen layouts hide menus on purpose.
 */
export function hidingSelectors(css: string, limit = 200): string[] {
  const selectors: string[] = [];
  const text = stripComments(css);
  let from = 0;
  while (selectors.length < limit) {
    const open = text.indexOf('{', from);
    if (open < 0) break;
    // A stray "}" (from a broken sheet) ends whatever came before it.
    const prelude = text.slice(from, open).split('}').at(-1) ?? '';
    const close = blockEnd(text, open);
    if (!prelude.includes('@') && hidesByStyle(text.slice(open + 1, close))) {
      for (const selector of prelude.split(',')) {
        const trimmed = selector.trim();
        if (trimmed !== '' && trimmed.length <= 200) selectors.push(trimmed);
      }
    }
    from = close + 1;
  }
  return selectors.slice(0, limit);
}

export interface ElementLike {
  name: string;
  id: string | undefined;
  classes: readonly string[];
}

const COMPOUND = /^([a-z][a-z0-9-]*)?((?:[.#][A-Za-z0-9_-]+)*)$/i;

/**
 * A matcher for one compound selector ("div", ".seo", "#links", "div.a.b"); null for anything with
 * combinators, attributes or pseudo-classes, whose match this module does not claim to know.
 */
export function compileSelector(selector: string): ((element: ElementLike) => boolean) | null {
  const match = COMPOUND.exec(selector);
  if (!match || selector === '') return null;
  const tag = match[1]?.toLowerCase();
  const parts = (match[2] ?? '').match(/[.#][A-Za-z0-9_-]+/g) ?? [];
  const classes = parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1));
  const ids = parts.filter((p) => p.startsWith('#')).map((p) => p.slice(1));
  return (element) => {
    if (tag !== undefined && element.name !== tag) return false;
    return ids.every((id) => element.id === id) && classes.every((c) => element.classes.includes(c));
  };
}

/** The index of the brace closing the block opened at `open` (nested blocks included), or the end. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

const FAR_OFF_PX = -500;

function declarations(style: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    map.set(name, value);
  }
  return map;
}

// Real lengths are short; the length check keeps a hostile value from making the patterns backtrack.
function isZero(value: string): boolean {
  return value.length <= 16 && /^[+-]?0*\.?0+(px|em|rem|pt|%|vh|vw)?$/.test(value);
}

/** A negative offset that puts content beyond any screen: -500px or more, or the same in other units. */
function isFarOff(value: string): boolean {
  const match = value.length <= 16 ? /^(-\d+(?:\.\d+)?)(px|pt|em|rem|%|vw|vh)?$/.exec(value) : null;
  if (!match) return false;
  const n = Number(match[1]);
  const unit = match[2] ?? 'px';
  if (unit === 'px' || unit === 'pt') return n <= FAR_OFF_PX;
  if (unit === 'em' || unit === 'rem') return n <= FAR_OFF_PX / 16;
  return n <= -100;
}

function stripComments(css: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = css.indexOf('/*', from);
    if (start < 0) return out + css.slice(from);
    out += css.slice(from, start);
    const end = css.indexOf('*/', start + 2);
    if (end < 0) return out;
    from = end + 2;
  }
}
