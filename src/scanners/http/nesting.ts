/**
 * HTML parsers slow down with the depth of open elements (every new element looks through the stack
 * of open ones), so a page of a few hundred thousand nested <div>s stalls them for minutes. Browsers
 * cap the depth (Chromium: 512) and attach deeper elements to the deepest allowed one; this does the
 * same in one linear pass over the text, before parsing: an element beyond the cap is closed right after
 * its start tag (its own end tag is dropped), so its contents become its siblings. Pages within the cap
 * come back unchanged.
 */
export const MAX_NESTING = 512;

// Elements that never contain anything, and those that htmlparser2 (the parser used) closes when the
// same element starts again: neither deepens the tree, so counting them would flatten ordinary pages.
const NOT_NESTING: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'select', 'button', 'tr', 'td', 'th', 'tbody', 'tfoot', 'rt', 'rp',
]);
// Inside SVG and MathML, "<x/>" closes itself; in HTML the slash is ignored and the element stays open.
const FOREIGN: ReadonlySet<string> = new Set(['svg', 'math']);
// The elements whose contents htmlparser2 reads as text up to their end tag.
const RAW_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

export function limitNesting(html: string, max = MAX_NESTING): string {
  const out: string[] = [];
  // Open elements as the parser will see them, and end tags to drop (of elements closed at once).
  const open: string[] = [];
  const closedEarly = new Map<string, number>();
  let foreign = 0;
  let copied = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? -1 : html.indexOf('<', end + 3);
      continue;
    }
    const closing = html[i + 1] === '/';
    const nameStart = closing ? i + 2 : i + 1;
    const name = tagName(html, nameStart);
    if (name === '') {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const end = tagEnd(html, nameStart + name.length);
    if (end < 0) break;
    const nests = !NOT_NESTING.has(name) && !RAW_TEXT.has(name);
    if (closing && nests) {
      const early = closedEarly.get(name) ?? 0;
      if (early > 0) {
        closedEarly.set(name, early - 1);
        out.push(html.slice(copied, i));
        copied = end + 1;
      } else {
        // Like the parser: an end tag closes its element and everything opened inside it; a stray one does nothing.
        const at = open.lastIndexOf(name);
        if (at >= 0) {
          foreign -= open.slice(at).filter((n) => FOREIGN.has(n)).length;
          open.length = at;
        }
      }
    } else if (!closing && nests && !(foreign > 0 && html[end - 1] === '/')) {
      if (open.length >= max) {
        // Closed at once: the element stays, with its attributes, and what follows becomes its sibling.
        closedEarly.set(name, (closedEarly.get(name) ?? 0) + 1);
        out.push(html.slice(copied, end + 1), `</${name}>`);
        copied = end + 1;
      } else {
        open.push(name);
        if (FOREIGN.has(name)) foreign++;
      }
    }
    let next = end + 1;
    if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = next;
      next = close.exec(html)?.index ?? html.length;
    }
    i = html.indexOf('<', next);
  }
  if (copied === 0) return html;
  out.push(html.slice(copied));
  return out.join('');
}

function tagName(html: string, from: number): string {
  let end = from;
  while (end < html.length && /[A-Za-z0-9-]/.test(html[end] ?? '')) end++;
  const name = html.slice(from, end).toLowerCase();
  return /^[a-z]/.test(name) ? name : '';
}

/** The index of the ">" ending a tag, skipping quoted attribute values; -1 when the tag never ends. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  let afterEquals = false;
  for (let j = from; j < html.length; j++) {
    const char = html[j];
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === '>') return j;
    // A quote opens a value only right after "="; elsewhere it is an ordinary character, as in browsers.
    if ((char === '"' || char === "'") && afterEquals) quote = char;
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r' && char !== '\f') afterEquals = char === '=';
  }
  return -1;
}
