/**
 * Content-Security-Policy parsing as CSP Level 3 §2.2 describes it: each header line, and each
 * comma-separated member of a line, is its own policy; directives are separated by ";", their names
 * are case-insensitive and the first occurrence of a name wins.
 */

export interface CspPolicy {
  /** Directive name (lower-case) → source expressions (lower-case; keywords keep their quotes). */
  readonly directives: ReadonlyMap<string, readonly string[]>;
}

export interface ParsedCsp {
  readonly policies: readonly CspPolicy[];
  /** What a browser would skip or warn about: "duplicate:<name>", "non-ascii", "empty-policy". */
  readonly problems: readonly string[];
}

/** Sources that admit any host (Mozilla Observatory's "dangerously broad" list). */
export const BROAD_SOURCES: ReadonlySet<string> = new Set([
  '*',
  'http:',
  'https:',
  'ftp:',
  'http://*',
  'https://*',
  'http://*.*',
  'https://*.*',
]);

const NONCE_OR_HASH = /^'(?:nonce|sha256|sha384|sha512)-/;
// Repeated report-uri/report-to are harmless; browsers and Observatory only warn about the rest.
const HARMLESS_DUPLICATES: ReadonlySet<string> = new Set(['report-uri', 'report-to']);
const ASCII_WHITESPACE = /[\t\n\f\r ]+/;

export function parseCsp(headerValues: readonly string[]): ParsedCsp {
  const policies: CspPolicy[] = [];
  const problems = new Set<string>();
  for (const value of headerValues) {
    for (const serialized of value.split(',')) {
      const policy = parsePolicy(serialized, problems);
      if (policy.directives.size === 0) problems.add('empty-policy');
      else policies.push(policy);
    }
  }
  return { policies, problems: [...problems] };
}

function parsePolicy(serialized: string, problems: Set<string>): CspPolicy {
  const directives = new Map<string, string[]>();
  for (const raw of serialized.split(';')) {
    const token = raw.trim();
    if (token === '') continue;
    // CSP3 skips a directive that is not ASCII, so a policy cannot smuggle look-alike characters.
    if (!/^[\x20-\x7e\t]*$/.test(token)) {
      problems.add('non-ascii');
      continue;
    }
    const [rawName = '', ...sources] = token.split(ASCII_WHITESPACE);
    const name = rawName.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name)) continue;
    if (directives.has(name)) {
      if (!HARMLESS_DUPLICATES.has(name)) problems.add(`duplicate:${name}`);
      continue;
    }
    directives.set(name, sources.filter((s) => s !== '').map((s) => s.toLowerCase()));
  }
  return { directives };
}

/** The source list that governs a fetch of this kind: the directive itself, else default-src; null when neither. */
export function effectiveSources(policy: CspPolicy, directive: string): readonly string[] | null {
  return policy.directives.get(directive) ?? policy.directives.get('default-src') ?? null;
}

export function hasNonceOrHash(sources: readonly string[]): boolean {
  return sources.some((s) => NONCE_OR_HASH.test(s));
}

export function isBroad(source: string): boolean {
  return BROAD_SOURCES.has(source);
}
