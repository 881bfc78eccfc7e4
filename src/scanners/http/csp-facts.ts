import type { HttpHeaderFacts } from '../../core/model/observation.js';
import { effectiveSources, hasNonceOrHash, isBroad, parseCsp, type CspPolicy } from './csp.js';
import { readCspAsObservatory } from './csp-observatory.js';

export type CspFacts = Pick<
  HttpHeaderFacts,
  | 'csp'
  | 'cspReportOnly'
  | 'cspUnsafeInline'
  | 'cspUnsafeEval'
  | 'cspWildcardScripts'
  | 'cspObjectSrcRestricted'
  | 'cspBaseUriRestricted'
  | 'cspFrameAncestors'
  | 'cspReporting'
  | 'cspDirectives'
  | 'cspObservatory'
>;

export interface CspJudgement {
  facts: CspFacts;
  /** Whether frame-ancestors decides framing (it overrides X-Frame-Options) and, if so, whether it restricts it. */
  frameAncestorsRestricts: boolean | null;
  /** The enforced policy could not be read cleanly (duplicate directives, non-ASCII, empty policies). */
  malformed: boolean;
}

const MAX_DIRECTIVES = 64;
const MAX_VALUE = 256;

/**
 * Judges the enforced policies as browsers enforce them: several policies are all enforced, so a
 * resource loads only if every policy allows it. "Allows inline scripts" therefore needs every policy
 * to allow them, while "restricts plugins" needs only one policy to restrict them. cspObservatory adds
 * Mozilla Observatory's own reading, which the Observatory-style score follows.
 */
export function judgeCsp(enforcedValues: readonly string[], reportOnlyValues: readonly string[]): CspJudgement {
  const enforced = parseCsp(enforcedValues);
  const reportOnly = parseCsp(reportOnlyValues);
  const policies = enforced.policies;
  const csp = policies.length > 0;
  const all = (test: (p: CspPolicy) => boolean) => csp && policies.every(test);
  const some = (test: (p: CspPolicy) => boolean) => policies.some(test);
  const withFrameAncestors = policies.filter((p) => p.directives.has('frame-ancestors'));
  const firstFrameAncestors = withFrameAncestors[0]?.directives.get('frame-ancestors');
  const reporting = (list: readonly CspPolicy[]) => list.some((p) => p.directives.has('report-uri') || p.directives.has('report-to'));

  const facts: CspFacts = {
    csp,
    cspReportOnly: !csp && reportOnly.policies.length > 0,
    cspUnsafeInline: all(allowsInlineScripts) && some((p) => hasKeyword(p, "'unsafe-inline'")),
    cspUnsafeEval: all(allowsEval) && some((p) => hasKeyword(p, "'unsafe-eval'")),
    cspWildcardScripts: all(allowsScriptsFromAnywhere),
    cspObjectSrcRestricted: some((p) => restricts(effectiveSources(p, 'object-src'))),
    cspBaseUriRestricted: some((p) => restricts(p.directives.get('base-uri') ?? null)),
    cspFrameAncestors: firstFrameAncestors ? cap(firstFrameAncestors.length > 0 ? firstFrameAncestors.join(' ') : "'none'") : null,
    cspReporting: csp ? reporting(policies) : reporting(reportOnly.policies),
    cspDirectives: [...new Set(policies.flatMap((p) => [...p.directives.keys()]))].slice(0, MAX_DIRECTIVES),
    cspObservatory: readCspAsObservatory(enforcedValues, reportOnlyValues),
  };
  return {
    facts,
    frameAncestorsRestricts: withFrameAncestors.length > 0 ? withFrameAncestors.some((p) => restricts(p.directives.get('frame-ancestors') ?? null)) : null,
    malformed: enforced.problems.length > 0,
  };
}

function scriptSources(policy: CspPolicy): readonly string[] | null {
  return effectiveSources(policy, 'script-src');
}

function hasKeyword(policy: CspPolicy, keyword: string): boolean {
  return scriptSources(policy)?.includes(keyword) ?? false;
}

// CSP3 "does a source list allow all inline behavior": a nonce, a hash or 'strict-dynamic' cancels 'unsafe-inline'.
function allowsInlineScripts(policy: CspPolicy): boolean {
  const sources = scriptSources(policy);
  if (sources === null) return true;
  return sources.includes("'unsafe-inline'") && !hasNonceOrHash(sources) && !sources.includes("'strict-dynamic'");
}

function allowsEval(policy: CspPolicy): boolean {
  const sources = scriptSources(policy);
  return sources === null || sources.includes("'unsafe-eval'");
}

// Under 'strict-dynamic' host and scheme sources are ignored, so a broad one no longer admits anything.
function allowsScriptsFromAnywhere(policy: CspPolicy): boolean {
  const sources = scriptSources(policy);
  if (sources === null) return true;
  if (sources.includes("'strict-dynamic'")) return false;
  return sources.some((s) => isBroad(s) || s === 'data:');
}

function restricts(sources: readonly string[] | null): boolean {
  return sources !== null && !sources.some((s) => isBroad(s) || s === 'data:');
}

function cap(value: string): string {
  return value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
}
