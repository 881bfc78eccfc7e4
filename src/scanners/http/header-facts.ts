import type { HttpHeaderFacts } from '../../core/model/observation.js';
import { judgeCsp } from './csp-facts.js';
import { headerList, type HeaderMap } from './headers.js';
import { hstsFacts } from './hsts.js';
import { structuredFieldToken } from './structured-field.js';

const REFERRER_POLICIES: ReadonlySet<string> = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);
/** Mozilla Observatory's "private" set: none of these sends a full URL to another origin. */
const SAFE_REFERRER_POLICIES: ReadonlySet<string> = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const COOP_VALUES: ReadonlySet<string> = new Set(['same-origin', 'same-origin-allow-popups', 'noopener-allow-popups', 'unsafe-none']);
const COEP_VALUES: ReadonlySet<string> = new Set(['require-corp', 'credentialless', 'unsafe-none']);
const CORP_VALUES: ReadonlySet<string> = new Set(['same-origin', 'same-site', 'cross-origin']);
const MAX_VALUE = 256;

/** Parses the security headers of one response. Absent headers give null / false. */
export function headerFacts(headers: HeaderMap): HttpHeaderFacts {
  const malformed = new Set<string>();
  const hsts = hstsFacts(headers.get('strict-transport-security') ?? []);
  if (hsts.repeated || hsts.facts.hstsInvalid) malformed.add('strict-transport-security');

  const csp = judgeCsp(headers.get('content-security-policy') ?? [], headers.get('content-security-policy-report-only') ?? []);
  if (csp.malformed || (headers.has('content-security-policy') && !csp.facts.csp)) malformed.add('content-security-policy');

  const xfo = frameOptions(headers);
  if (xfo.malformed) malformed.add('x-frame-options');

  const nosniff = contentTypeOptions(headers);
  if (nosniff.malformed) malformed.add('x-content-type-options');

  const referrer = referrerPolicy(headers);
  if (referrer === null && headers.has('referrer-policy')) malformed.add('referrer-policy');

  const coop = tokenPolicy(headers, 'cross-origin-opener-policy', COOP_VALUES);
  if (coop.malformed) malformed.add('cross-origin-opener-policy');

  const coep = tokenPolicy(headers, 'cross-origin-embedder-policy', COEP_VALUES);
  if (coep.malformed) malformed.add('cross-origin-embedder-policy');

  const corp = resourcePolicy(headers);
  if (corp.malformed) malformed.add('cross-origin-resource-policy');

  const permissions = headers.get('permissions-policy') ?? [];
  return {
    ...hsts.facts,
    ...csp.facts,
    xFrameOptions: xfo.value,
    // HTML §7.1: a frame-ancestors directive makes the browser ignore X-Frame-Options altogether.
    framingRestricted: csp.frameAncestorsRestricts ?? xfo.restricts,
    xContentTypeOptions: nosniff.nosniff,
    referrerPolicy: referrer,
    referrerPolicySafe: referrer !== null && SAFE_REFERRER_POLICIES.has(referrer),
    permissionsPolicy: permissions.some((v) => v.trim() !== ''),
    crossOriginOpenerPolicy: coop.value,
    crossOriginEmbedderPolicy: coep.value,
    crossOriginResourcePolicy: corp.value,
    malformed: [...malformed].sort(),
  };
}

/**
 * HTML "check a navigation response's adherence to X-Frame-Options": the values are a comma list;
 * one distinct value of deny or sameorigin restricts; several distinct values that include deny,
 * sameorigin or allowall block every frame, which restricts too, but is a mistake worth reporting.
 */
function frameOptions(headers: HeaderMap): { value: string | null; restricts: boolean; malformed: boolean } {
  if (!headers.has('x-frame-options')) return { value: null, restricts: false, malformed: false };
  const members = headerList(headers, 'x-frame-options');
  const distinct = new Set(members.map((m) => m.toLowerCase()));
  const value = cap(members.join(', ')) || null;
  if (distinct.size > 1) {
    const blocks = ['deny', 'sameorigin', 'allowall'].some((v) => distinct.has(v));
    return { value, restricts: blocks, malformed: true };
  }
  const only = [...distinct][0] ?? '';
  const restricts = only === 'deny' || only === 'sameorigin';
  const known = restricts || only.startsWith('allow-from');
  return { value, restricts, malformed: !known || members.length > 1 };
}

/** Fetch "determine nosniff": the first member of the list decides. */
function contentTypeOptions(headers: HeaderMap): { nosniff: boolean; malformed: boolean } {
  if (!headers.has('x-content-type-options')) return { nosniff: false, malformed: false };
  const members = headerList(headers, 'x-content-type-options');
  const nosniff = members[0]?.toLowerCase() === 'nosniff';
  return { nosniff, malformed: !nosniff || members.length > 1 };
}

/** Referrer Policy §8.1: the last member that names a policy wins; unknown members are skipped. */
function referrerPolicy(headers: HeaderMap): string | null {
  let policy: string | null = null;
  for (const member of headerList(headers, 'referrer-policy')) {
    const token = member.toLowerCase();
    if (REFERRER_POLICIES.has(token)) policy = token;
  }
  return policy;
}

/**
 * HTML's reading of COOP and COEP: one structured-field item whose value is a token, parameters (e.g.
 * report-to) allowed. An empty header counts as absent; a second header, a value that is not a
 * well-formed item or an unknown token is malformed (browsers then fall back to unsafe-none).
 */
function tokenPolicy(headers: HeaderMap, name: string, known: ReadonlySet<string>): { value: string | null; malformed: boolean } {
  const raw = headers.get(name) ?? [];
  // Observatory reads at most 1024 characters, and so bounds the parsing.
  const first = (raw[0] ?? '').slice(0, 1024).trim();
  if (first === '' && raw.length <= 1) return { value: null, malformed: false };
  const token = structuredFieldToken(first);
  const valid = token !== null && known.has(token);
  return { value: valid ? token : cap(first) || null, malformed: !valid || raw.length > 1 };
}

/** Fetch reads Cross-Origin-Resource-Policy as one value (lines joined by ", "), which must be exactly one of three. */
function resourcePolicy(headers: HeaderMap): { value: string | null; malformed: boolean } {
  const value = cap((headers.get('cross-origin-resource-policy') ?? []).join(', ')).trim();
  if (value === '') return { value: null, malformed: false };
  return { value, malformed: !CORP_VALUES.has(value) };
}

function cap(value: string): string {
  return value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
}
