import type { HttpCookieFacts, HttpHeaderFacts, ObservationData } from '../../core/model/observation.js';

/**
 * Mozilla HTTP Observatory's tests, each giving one result id and its score modifier, judged from
 * rasoat's facts. Ids and modifiers are Mozilla's (algorithm version 6):
 * https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring
 * https://github.com/mdn/mdn-http-observatory/blob/main/src/grader/charts.js
 */
export interface TestResult {
  id: string;
  modifier: number;
}

type Headers = HttpHeaderFacts;
type Scheme = 'http' | 'https';

/** Observatory's "six months": 15552000 s, a "white lie" below 15768000 because many sites send 180 days. */
const SIX_MONTHS = 15_552_000;
const SECURE_COOP: ReadonlySet<string> = new Set(['same-origin', 'same-origin-allow-popups', 'noopener-allow-popups']);

/**
 * Mozilla's CSP test on its own reading of the policy (cspObservatory): the first check that applies
 * decides, in its order. The insecure-scheme checks apply only to a page served over https. A policy
 * that passes (+10, +5, 0, or -10 for passive content) but repeats report-uri or report-to scores 0.
 */
export function cspTest(h: Headers, scheme: Scheme): TestResult {
  const o = h.cspObservatory;
  if (o.policy === 'invalid') return { id: 'csp-header-invalid', modifier: -25 };
  if (o.policy !== 'parsed') {
    return o.reportOnly ? { id: 'csp-not-implemented-but-reporting-enabled', modifier: -25 } : { id: 'csp-not-implemented', modifier: -25 };
  }
  const https = scheme === 'https';
  if (o.strictDynamicWithoutNonce) return { id: 'csp-header-invalid', modifier: -25 };
  if (o.unsafeInline) return { id: 'csp-implemented-with-unsafe-inline', modifier: -20 };
  if (https && o.insecureSchemeActive) return { id: 'csp-implemented-with-insecure-scheme', modifier: -20 };
  if (o.unsafeEval) return { id: 'csp-implemented-with-unsafe-eval', modifier: -10 };
  if (o.duplicateReportDirectives) return { id: 'csp-implemented-but-duplicate-directives', modifier: 0 };
  if (https && o.insecureSchemePassive) return { id: 'csp-implemented-with-insecure-scheme-in-passive-content-only', modifier: -10 };
  if (o.unsafeInlineStyle) return { id: 'csp-implemented-with-unsafe-inline-in-style-src-only', modifier: 0 };
  if (o.defaultSrcNone) return { id: 'csp-implemented-with-no-unsafe-default-src-none', modifier: 10 };
  return { id: 'csp-implemented-with-no-unsafe', modifier: 5 };
}

/** Least to most severe as Mozilla ranks them (its onlyIfWorse), which is not the order of the modifiers. */
const COOKIE_RANK: readonly TestResult[] = [
  { id: 'cookies-without-secure-flag-but-protected-by-hsts', modifier: -5 },
  { id: 'cookies-without-secure-flag', modifier: -20 },
  { id: 'cookies-session-without-secure-flag-but-protected-by-hsts', modifier: -10 },
  { id: 'cookies-samesite-flag-invalid', modifier: -20 },
  { id: 'cookies-anticsrf-without-samesite-flag', modifier: -20 },
  { id: 'cookies-session-without-httponly-flag', modifier: -30 },
  { id: 'cookies-session-without-secure-flag', modifier: -40 },
];

/** A browser drops the Secure flag's promise on plain http (and a Secure cookie set there), so none counts. */
export function cookiesTest(cookies: readonly HttpCookieFacts[], scheme: Scheme, hstsProtects: boolean): TestResult {
  if (cookies.length === 0) return { id: 'cookies-not-found', modifier: 0 };
  let worst = -1;
  const note = (id: string) => {
    worst = Math.max(worst, COOKIE_RANK.findIndex((r) => r.id === id));
  };
  for (const cookie of cookies) {
    const secure = cookie.secure && scheme === 'https';
    const csrf = /csrf/i.test(cookie.name);
    // Mozilla reads the raw Set-Cookie lines for a SameSite without a usable value, and the cookie jar for SameSite=None.
    if (cookie.sameSiteInvalid || (!secure && cookie.sameSite === 'None')) note('cookies-samesite-flag-invalid');
    if (!secure) note(hstsProtects ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag');
    if (csrf && cookie.sameSite === null) note('cookies-anticsrf-without-samesite-flag');
    if (cookie.session && !secure) note(hstsProtects ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag');
    if (cookie.session && !cookie.httpOnly) note('cookies-session-without-httponly-flag');
  }
  const found = COOKIE_RANK[worst];
  if (found) return found;
  return cookies.every((c) => c.sameSite !== null)
    ? { id: 'cookies-secure-with-httponly-sessions-and-samesite', modifier: 5 }
    : { id: 'cookies-secure-with-httponly-sessions', modifier: 0 };
}

export function coepTest(h: Headers): TestResult {
  if (h.malformed.includes('cross-origin-embedder-policy')) return { id: 'coep-header-invalid', modifier: -5 };
  switch (h.crossOriginEmbedderPolicy) {
    case null:
      return { id: 'coep-not-implemented', modifier: 0 };
    case 'require-corp':
    case 'credentialless':
      return { id: `coep-implemented-with-${h.crossOriginEmbedderPolicy}`, modifier: 10 };
    case 'unsafe-none':
      return { id: 'coep-implemented-with-unsafe-none', modifier: 0 };
    default:
      return { id: 'coep-header-invalid', modifier: -5 };
  }
}

export function coopTest(h: Headers): TestResult {
  if (h.malformed.includes('cross-origin-opener-policy')) return { id: 'coop-header-invalid', modifier: -5 };
  const value = h.crossOriginOpenerPolicy;
  if (value === null) return { id: 'coop-not-implemented', modifier: 0 };
  if (SECURE_COOP.has(value)) return { id: `coop-implemented-with-${value}`, modifier: 10 };
  return value === 'unsafe-none' ? { id: 'coop-implemented-with-unsafe-none', modifier: 0 } : { id: 'coop-header-invalid', modifier: -5 };
}

export function corsTest(cors: ObservationData['http.cors'] | null): TestResult {
  if (cors === null || cors.allowOrigin === null) return { id: 'cross-origin-resource-sharing-not-implemented', modifier: 0 };
  if (cors.wildcard) return { id: 'cross-origin-resource-sharing-implemented-with-public-access', modifier: 0 };
  if (cors.reflectsOrigin && cors.allowCredentials) return { id: 'cross-origin-resource-sharing-implemented-with-universal-access', modifier: -50 };
  return { id: 'cross-origin-resource-sharing-implemented-with-restricted-access', modifier: 0 };
}

/**
 * `redirect` describes the plain-http origin; null means no plain-http answer is judged with this page
 * (an https site scored on its own), which Mozilla scores 0 as "not needed".
 */
export function redirectionTest(redirect: ObservationData['http.redirect'] | null, scheme: Scheme): TestResult {
  if (redirect === null) return scheme === 'https' ? { id: 'redirection-not-needed-no-http', modifier: 0 } : { id: 'redirection-missing', modifier: -20 };
  if (redirect.firstLocation === null) return { id: 'redirection-missing', modifier: -20 };
  if (!redirect.finalHttps) return { id: 'redirection-not-to-https', modifier: -20 };
  if (redirect.firstHopHttps) return { id: 'redirection-to-https', modifier: 0 };
  return redirect.firstLocation.startsWith('https:')
    ? { id: 'redirection-off-host-from-http', modifier: -5 }
    : { id: 'redirection-not-to-https-on-initial-redirection', modifier: -10 };
}

export function referrerTest(h: Headers): TestResult {
  if (h.referrerPolicy === null) {
    return h.malformed.includes('referrer-policy') ? { id: 'referrer-policy-header-invalid', modifier: -5 } : { id: 'referrer-policy-not-implemented', modifier: 0 };
  }
  return h.referrerPolicySafe ? { id: 'referrer-policy-private', modifier: 5 } : { id: 'referrer-policy-unsafe', modifier: -5 };
}

/** The HSTS preload list is not consulted, so hsts-preloaded (+5) is never given. */
export function hstsTest(h: Headers, scheme: Scheme): TestResult {
  if (scheme === 'http') return { id: 'hsts-not-implemented-no-https', modifier: -20 };
  if (!h.hsts) return { id: 'hsts-not-implemented', modifier: -20 };
  // Mozilla reads the first field and calls a comma (fields joined by a proxy) invalid.
  if (h.hstsInvalid || h.hstsMaxAge === null || h.malformed.includes('strict-transport-security')) return { id: 'hsts-header-invalid', modifier: -20 };
  if (h.hstsMaxAge < SIX_MONTHS) return { id: 'hsts-implemented-max-age-less-than-six-months', modifier: -10 };
  return { id: 'hsts-implemented-max-age-at-least-six-months', modifier: 0 };
}

export function contentTypeOptionsTest(h: Headers): TestResult {
  if (h.xContentTypeOptions) return { id: 'x-content-type-options-nosniff', modifier: 0 };
  return h.malformed.includes('x-content-type-options')
    ? { id: 'x-content-type-options-header-invalid', modifier: -5 }
    : { id: 'x-content-type-options-not-implemented', modifier: -5 };
}

/** Any frame-ancestors directive counts for Mozilla, whatever its sources, once its CSP test could read the policy. */
export function frameOptionsTest(h: Headers): TestResult {
  if (h.cspObservatory.policy === 'parsed' && h.cspObservatory.frameAncestors) return { id: 'x-frame-options-implemented-via-csp', modifier: 5 };
  if (h.xFrameOptions === null) return { id: 'x-frame-options-not-implemented', modifier: -20 };
  const value = h.xFrameOptions.trim().toLowerCase();
  if (value === 'deny' || value === 'sameorigin') return { id: 'x-frame-options-sameorigin-or-deny', modifier: 5 };
  if (value.startsWith('allow-from')) return { id: 'x-frame-options-allow-from-origin', modifier: 0 };
  return { id: 'x-frame-options-header-invalid', modifier: -20 };
}

/**
 * Mozilla compares the value case-insensitively (browsers do not: for them "Same-Origin" is no policy);
 * repeated headers, joined by ", ", are invalid.
 */
export function corpTest(h: Headers): TestResult {
  const value = h.crossOriginResourcePolicy?.toLowerCase() ?? null;
  if (value === null) return { id: 'corp-not-implemented', modifier: 0 };
  if (value === 'same-origin' || value === 'same-site') return { id: `corp-implemented-with-${value}`, modifier: 10 };
  if (value === 'cross-origin') return { id: 'corp-implemented-with-cross-origin', modifier: 0 };
  return { id: 'corp-header-invalid', modifier: -5 };
}

/**
 * Not a Mozilla test: the SRI test, which rasoat does not run, gives -50 to a page loading scripts over
 * plain http; rasoat gives that to any active mixed content (scripts, frames, style sheets, plugins).
 */
export function mixedContentTest(mixed: { activeCount: number; passiveCount: number } | null, scheme: Scheme): TestResult | null {
  if (scheme !== 'https' || mixed === null || mixed.activeCount === 0) return null;
  return { id: 'mixed-content-active', modifier: -50 };
}

/** HSTS protects cookies only when its own test passes (Mozilla's cookies test asks the HSTS test). */
export function hstsProtects(h: Headers, scheme: Scheme): boolean {
  return hstsTest(h, scheme).id === 'hsts-implemented-max-age-at-least-six-months';
}
