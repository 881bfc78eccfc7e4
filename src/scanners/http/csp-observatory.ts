import type { CspObservatoryReading } from '../../core/model/observation.js';
import { hasNonceOrHash, isBroad } from './csp.js';

/**
 * Reads Content-Security-Policy headers the way Mozilla HTTP Observatory's CSP test does (algorithm
 * version 6; its src/analyzer/cspParser.js and src/analyzer/tests/csp.js), so that the Observatory-style
 * score reaches each CSP result exactly when Observatory would. Where that reading is not a browser's,
 * rasoat's own facts (csp-facts.ts) keep the browser's:
 * - a repeated directive (other than report-uri / report-to) or a policy shorter than six characters
 *   makes the whole header invalid, where a browser uses the first occurrence;
 * - several policies are merged into one: the first policy's directives stand, and a directive that a
 *   later policy also has keeps only the sources the two have in common (compared neighbour to
 *   neighbour in sorted order, a path covering a longer one); a directive only a later policy has
 *   becomes 'none';
 * - 'unsafe-inline' is cancelled only by a nonce or hash, and 'strict-dynamic' without either makes the
 *   policy invalid; with one, the script sources lose 'self', 'unsafe-inline' and every source starting
 *   with a broad one (http:, https:, ftp:, *), but keep data:. When the script sources are default-src's,
 *   that removal changes default-src for every directive falling back to it;
 * - 'unsafe-eval' counts in style sources as well as script sources;
 * - data: counts as unsafe in script and style sources but not in object sources.
 */
export function readCspAsObservatory(enforcedValues: readonly string[], reportOnlyValues: readonly string[]): CspObservatoryReading {
  const reading: CspObservatoryReading = {
    policy: 'absent',
    // Observatory asks for the report-only header's value as one string (Node joins repeated lines with ", ").
    reportOnly: reportOnlyValues.length > 1 || (reportOnlyValues[0] ?? '').trim() !== '',
    strictDynamicWithoutNonce: false,
    unsafeInline: false,
    insecureSchemeActive: false,
    unsafeEval: false,
    insecureSchemePassive: false,
    unsafeInlineStyle: false,
    defaultSrcNone: false,
    duplicateReportDirectives: false,
    frameAncestors: false,
  };
  if (enforcedValues.length === 0) return reading;
  if (enforcedValues.reduce((total, v) => total + v.length, 0) > MAX_POLICY_TEXT) return { ...reading, policy: 'invalid' };
  const merged = mergePolicies(enforcedValues.flatMap((value) => value.split(',')));
  if (merged === null) return { ...reading, policy: 'invalid' };
  const { directives, repeatedReports } = merged;
  if (directives.size === 0) return { ...reading, policy: 'empty' };

  // The lists below are the directives' own sets (or a fallback of "anything"), so a removal from the
  // script sources shows wherever default-src is read, as it does at Observatory.
  const governing = (name: string): Set<string> => directives.get(name) ?? directives.get('default-src') ?? new Set(['*']);
  const scripts = governing('script-src');
  const styles = governing('style-src');
  const objects = governing('object-src');
  for (const list of [scripts, styles]) {
    if (hasNonceOrHash([...list])) list.delete("'unsafe-inline'");
  }
  let strictDynamicWithoutNonce = false;
  if (scripts.has("'strict-dynamic'")) {
    if (hasNonceOrHash([...scripts])) {
      for (const source of [...scripts]) {
        if (source === "'self'" || source === "'unsafe-inline'" || startsBroad(source)) scripts.delete(source);
      }
    } else {
      strictDynamicWithoutNonce = true;
    }
  }

  const active = [...directives].filter(([name]) => !PASSIVE.has(name) && name !== 'script-src').flatMap(([, sources]) => [...sources]);
  active.push(...scripts);
  const passive = [...PASSIVE].flatMap((name) => [...(directives.get(name) ?? directives.get('default-src') ?? [])]);
  const defaultSrc = directives.get('default-src');
  return {
    ...reading,
    policy: 'parsed',
    strictDynamicWithoutNonce,
    unsafeInline: [...scripts].some(unsafe) || [...objects].some(isBroad),
    insecureSchemeActive: active.some(insecureScheme),
    unsafeEval: scripts.has("'unsafe-eval'") || styles.has("'unsafe-eval'"),
    insecureSchemePassive: passive.some(insecureScheme),
    unsafeInlineStyle: [...styles].some(unsafe),
    defaultSrcNone: defaultSrc !== undefined && defaultSrc.size === 1 && defaultSrc.has("'none'"),
    duplicateReportDirectives: repeatedReports,
    frameAncestors: directives.has('frame-ancestors'),
  };
}

/**
 * Node refuses response headers larger than 16 KiB in all, so no fetched page reaches this bound; it
 * keeps the sorting below cheap on hostile input handed over some other way.
 */
const MAX_POLICY_TEXT = 64 * 1024;
const PASSIVE: ReadonlySet<string> = new Set(['img-src', 'media-src']);
const REPEATABLE: ReadonlySet<string> = new Set(['report-uri', 'report-to']);
/** Observatory rejects a policy shorter than its shortest meaningful one less a character ("img-src" is 7). */
const MIN_POLICY_LENGTH = 6;
const BROAD_PREFIXES = ['ftp:', 'http:', 'https:', '*'];
const collate = new Intl.Collator('en').compare;

function unsafe(source: string): boolean {
  return isBroad(source) || source === "'unsafe-inline'" || source === 'data:';
}

function startsBroad(source: string): boolean {
  return BROAD_PREFIXES.some((prefix) => source.startsWith(prefix));
}

function insecureScheme(source: string): boolean {
  return source.startsWith('http:') || source.startsWith('ftp:');
}

interface Source {
  value: string;
  policy: number;
  keep: boolean;
}

/** Observatory's merge of the policies into one directive map; null when it finds the header invalid. */
export function mergePolicies(rawPolicies: readonly string[]): { directives: Map<string, Set<string>>; repeatedReports: boolean } | null {
  const policies = rawPolicies.map((p) => p.replace(/[\r\n]/g, '').trim());
  if (policies.some((p) => p.length < MIN_POLICY_LENGTH)) return null;
  const kept = new Map<string, Source[]>();
  let repeatedReports = false;
  try {
    policies.forEach((policy, index) => {
      const first = index === 0;
      const seen = new Set<string>();
      for (const entry of policy.split(';')) {
        const [rawName = '', ...rawSources] = entry.trim().split(/\s+/);
        if (rawName === '') continue;
        const name = rawName.toLowerCase();
        if (seen.has(name)) {
          if (!REPEATABLE.has(name)) throw new InvalidPolicy();
          repeatedReports = true;
        }
        seen.add(name);
        const values = rawSources.map((s) => s.toLowerCase());
        // A source directive without sources allows nothing.
        if (values.length === 0 && name.endsWith('-src')) values.push("'none'");
        const added = values.map((value) => ({ value, policy: index, keep: first }));
        // Within the first policy a later occurrence replaces the earlier one; later policies add to it.
        const combined = first ? added : [...(kept.get(name) ?? []), ...added];
        combined.sort((a, b) => collate(a.value, b.value));
        for (let i = 1; i < combined.length; i++) {
          const previous = combined[i - 1];
          const current = combined[i];
          if (!previous || !current) continue;
          if (previous.policy === current.policy) {
            // The longer of two sources from one policy that start alike adds nothing.
            if (current.value.startsWith(previous.value)) current.keep = false;
          } else if (pathCovers(previous.value, current.value)) {
            current.keep = true;
          }
        }
        const survivors = combined.filter((s) => s.keep);
        kept.set(name, survivors);
        // From the second policy on, a source survives only by matching one of another policy.
        if (first && policies.length > 1) for (const s of survivors) s.keep = false;
      }
    });
  } catch (error) {
    // decodeURIComponent's URIError on a malformed %-escape is as fatal there as a repeated directive.
    if (error instanceof InvalidPolicy || error instanceof URIError) return null;
    throw error;
  }
  const directives = new Map<string, Set<string>>();
  for (const [name, sources] of kept) directives.set(name, new Set(sources.length > 0 ? sources.map((s) => s.value) : ["'none'"]));
  return { directives, repeatedReports };
}

class InvalidPolicy extends Error {}

/**
 * Whether the "path" a (split at "/") covers b: equal piece by piece, or, when a ends with "/", a
 * prefix of b's pieces. Applied by Observatory to whole sources, which it treats as paths.
 */
function pathCovers(a: string, b: string): boolean {
  if (a === '') return true;
  if (a === '/' && b === '') return true;
  const directory = a.endsWith('/');
  const aPieces = a.split('/');
  const bPieces = b.split('/');
  if (aPieces.length > bPieces.length) return false;
  if (!directory && aPieces.length !== bPieces.length) return false;
  if (directory) aPieces.pop();
  return aPieces.every((piece, i) => {
    const other = bPieces[i];
    return other !== undefined && decodeURIComponent(piece) === decodeURIComponent(other);
  });
}
