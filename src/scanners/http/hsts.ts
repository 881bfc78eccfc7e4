import type { HttpHeaderFacts } from '../../core/model/observation.js';

export type HstsFacts = Pick<HttpHeaderFacts, 'hsts' | 'hstsMaxAge' | 'hstsIncludeSubDomains' | 'hstsPreload' | 'hstsInvalid'>;

/** RFC 2616 §14.9.3: a delta-seconds too large to represent is taken as 2^31. */
const DELTA_SECONDS_CAP = 2 ** 31;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ABSENT: HstsFacts = { hsts: false, hstsMaxAge: null, hstsIncludeSubDomains: false, hstsPreload: false, hstsInvalid: false };
const INVALID: HstsFacts = { ...ABSENT, hsts: true, hstsInvalid: true };

/**
 * Strict-Transport-Security as RFC 6797 §6.1 and §8.1 define it: a browser reads only the first header
 * field, needs max-age, accepts quoted values, and ignores the whole field when a directive repeats or
 * the syntax is broken. An invalid field protects nobody, so its values are reported as absent.
 */
export function hstsFacts(values: readonly string[]): { facts: HstsFacts; repeated: boolean } {
  const first = values[0];
  // Several lines, or one line holding a comma (several fields a proxy joined), is one header too many.
  const repeated = values.length > 1 || (first?.includes(',') ?? false);
  if (first === undefined) return { facts: ABSENT, repeated };
  const directives = parseDirectives(first);
  if (directives === null) return { facts: INVALID, repeated };
  const maxAge = directives.get('max-age');
  const includeSubDomains = directives.get('includesubdomains');
  const preload = directives.get('preload');
  if (maxAge === undefined || maxAge === null || !/^[0-9]+$/.test(maxAge)) return { facts: INVALID, repeated };
  if (typeof includeSubDomains === 'string' || typeof preload === 'string') return { facts: INVALID, repeated };
  return {
    facts: {
      hsts: true,
      hstsMaxAge: Math.min(Number(maxAge.length > 12 ? DELTA_SECONDS_CAP : maxAge), DELTA_SECONDS_CAP),
      hstsIncludeSubDomains: includeSubDomains === null,
      hstsPreload: preload === null,
      hstsInvalid: false,
    },
    repeated,
  };
}

/** Directive name (lower-case) → value (unquoted) or null when valueless; null for a field that breaks the grammar. */
function parseDirectives(field: string): Map<string, string | null> | null {
  const directives = new Map<string, string | null>();
  for (const part of splitOutsideQuotes(field)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    const name = (eq < 0 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
    if (!TOKEN.test(name) || directives.has(name)) return null;
    if (eq < 0) {
      directives.set(name, null);
      continue;
    }
    const value = unquote(trimmed.slice(eq + 1).trim());
    if (value === null) return null;
    directives.set(name, value);
  }
  return directives;
}

function splitOutsideQuotes(field: string): string[] {
  if (!field.includes('"')) return field.split(';');
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < field.length; i++) {
    const char = field[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (char === ';' && !quoted) {
      parts.push(field.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(field.slice(start));
  return parts;
}

/** A token as is, or a quoted-string without its quotes and escapes; null when it is neither. */
function unquote(value: string): string | null {
  if (TOKEN.test(value)) return value;
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return null;
  const inner = value.slice(1, -1);
  // indexOf rather than a regular expression: an alternation over megabytes overflows the regexp stack.
  let out = '';
  let from = 0;
  let quote = inner.indexOf('"');
  for (;;) {
    const slash = inner.indexOf('\\', from);
    if (quote >= 0 && quote < from) quote = inner.indexOf('"', from);
    if (quote >= 0 && (slash < 0 || quote < slash)) return null;
    if (slash < 0) return out + inner.slice(from);
    if (slash === inner.length - 1) return null;
    out += inner.slice(from, slash) + inner.charAt(slash + 1);
    from = slash + 2;
  }
}
