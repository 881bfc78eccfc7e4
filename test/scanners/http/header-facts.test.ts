import { describe, expect, it } from 'vitest';
import type { HttpHeaderFacts } from '../../../src/core/model/observation.js';
import { headerFacts } from '../../../src/scanners/http/header-facts.js';
import { headerMap } from '../../../src/scanners/http/headers.js';
import { SAMPLES } from './header-samples.js';

const facts = (...raw: string[]): HttpHeaderFacts => headerFacts(headerMap(raw));

describe('headerFacts on real responses', () => {
  it('github.com: HSTS preload, a strict CSP, framing denied, a private referrer policy', () => {
    expect(headerFacts(SAMPLES.github)).toEqual({
      hsts: true,
      hstsMaxAge: 31536000,
      hstsIncludeSubDomains: true,
      hstsPreload: true,
      hstsInvalid: false,
      csp: true,
      cspReportOnly: false,
      cspUnsafeInline: false,
      cspUnsafeEval: false,
      cspWildcardScripts: false,
      cspObjectSrcRestricted: true,
      cspBaseUriRestricted: true,
      cspFrameAncestors: "'none'",
      cspReporting: false,
      cspDirectives: ['default-src', 'base-uri', 'frame-ancestors', 'img-src', 'script-src', 'style-src', 'upgrade-insecure-requests'],
      cspObservatory: {
        policy: 'parsed',
        reportOnly: false,
        strictDynamicWithoutNonce: false,
        unsafeInline: false,
        insecureSchemeActive: false,
        unsafeEval: false,
        insecureSchemePassive: false,
        // style-src 'unsafe-inline': Observatory's "unsafe-inline in style-src only" (0), not default-src 'none' (+10).
        unsafeInlineStyle: true,
        defaultSrcNone: true,
        duplicateReportDirectives: false,
        frameAncestors: true,
      },
      xFrameOptions: 'deny',
      framingRestricted: true,
      xContentTypeOptions: true,
      referrerPolicy: 'strict-origin-when-cross-origin',
      referrerPolicySafe: true,
      permissionsPolicy: false,
      crossOriginOpenerPolicy: null,
      crossOriginEmbedderPolicy: null,
      crossOriginResourcePolicy: null,
      malformed: [],
    });
  });

  it('www.google.com: CSP in report-only mode only, SAMEORIGIN framing, Permissions-Policy', () => {
    expect(headerFacts(SAMPLES.google)).toMatchObject({
      hsts: false,
      csp: false,
      cspReportOnly: true,
      cspReporting: true,
      cspUnsafeInline: false,
      xFrameOptions: 'SAMEORIGIN',
      framingRestricted: true,
      xContentTypeOptions: false,
      referrerPolicy: null,
      permissionsPolicy: true,
      crossOriginOpenerPolicy: null,
      malformed: [],
    });
  });

  it('a bare nginx: nothing set, nothing malformed', () => {
    expect(headerFacts(SAMPLES.nginx)).toEqual({
      hsts: false,
      hstsMaxAge: null,
      hstsIncludeSubDomains: false,
      hstsPreload: false,
      hstsInvalid: false,
      csp: false,
      cspReportOnly: false,
      cspUnsafeInline: false,
      cspUnsafeEval: false,
      cspWildcardScripts: false,
      cspObjectSrcRestricted: false,
      cspBaseUriRestricted: false,
      cspFrameAncestors: null,
      cspReporting: false,
      cspDirectives: [],
      cspObservatory: {
        policy: 'absent',
        reportOnly: false,
        strictDynamicWithoutNonce: false,
        unsafeInline: false,
        insecureSchemeActive: false,
        unsafeEval: false,
        insecureSchemePassive: false,
        unsafeInlineStyle: false,
        defaultSrcNone: false,
        duplicateReportDirectives: false,
        frameAncestors: false,
      },
      xFrameOptions: null,
      framingRestricted: false,
      xContentTypeOptions: false,
      referrerPolicy: null,
      referrerPolicySafe: false,
      permissionsPolicy: false,
      crossOriginOpenerPolicy: null,
      crossOriginEmbedderPolicy: null,
      crossOriginResourcePolicy: null,
      malformed: [],
    });
  });

  it('a WordPress portal: a CSP that only upgrades requests restricts no scripts; no-referrer-when-downgrade is not safe', () => {
    expect(headerFacts(SAMPLES.wordpress)).toMatchObject({
      hsts: true,
      hstsMaxAge: 31536000,
      csp: true,
      cspWildcardScripts: true,
      cspUnsafeInline: false,
      cspObjectSrcRestricted: false,
      cspDirectives: ['upgrade-insecure-requests'],
      xFrameOptions: 'SAMEORIGIN',
      framingRestricted: true,
      xContentTypeOptions: true,
      referrerPolicy: 'no-referrer-when-downgrade',
      referrerPolicySafe: false,
      malformed: [],
    });
  });

  it('ASP.NET on IIS: headers added twice (web.config and IIS) are reported, the first HSTS still read', () => {
    expect(headerFacts(SAMPLES.aspnet)).toMatchObject({
      hsts: true,
      hstsMaxAge: 31536000,
      hstsInvalid: false,
      xFrameOptions: 'SAMEORIGIN, SAMEORIGIN',
      framingRestricted: true,
      xContentTypeOptions: false,
      malformed: ['strict-transport-security', 'x-frame-options'],
    });
  });
});

describe('headerFacts: framing', () => {
  it('restricts framing with DENY or SAMEORIGIN, in any case', () => {
    expect(facts('X-Frame-Options', 'deny').framingRestricted).toBe(true);
    expect(facts('X-Frame-Options', 'SameOrigin').framingRestricted).toBe(true);
    expect(facts('X-Frame-Options', 'ALLOW-FROM https://a.example/')).toMatchObject({ framingRestricted: false, malformed: [] });
    expect(facts('X-Frame-Options', 'ALLOWALL')).toMatchObject({ framingRestricted: false, malformed: ['x-frame-options'] });
  });

  it('treats conflicting values as HTML does: they block framing, and are reported', () => {
    expect(facts('X-Frame-Options', 'DENY, SAMEORIGIN')).toMatchObject({ framingRestricted: true, malformed: ['x-frame-options'] });
    expect(facts('X-Frame-Options', 'ALLOW-FROM a, ALLOW-FROM b')).toMatchObject({ framingRestricted: false, malformed: ['x-frame-options'] });
  });

  it('lets CSP frame-ancestors override X-Frame-Options either way', () => {
    expect(facts('X-Frame-Options', 'DENY', 'Content-Security-Policy', 'frame-ancestors *').framingRestricted).toBe(false);
    expect(facts('X-Frame-Options', 'ALLOWALL', 'Content-Security-Policy', "frame-ancestors 'self'").framingRestricted).toBe(true);
  });

  it('ignores frame-ancestors in a report-only policy', () => {
    expect(facts('Content-Security-Policy-Report-Only', "frame-ancestors 'none'").framingRestricted).toBe(false);
  });

  it('reports an empty X-Frame-Options as malformed, not as a value', () => {
    expect(facts('X-Frame-Options', '')).toMatchObject({ xFrameOptions: null, framingRestricted: false, malformed: ['x-frame-options'] });
  });
});

describe('headerFacts: other headers', () => {
  it('needs nosniff as the first member of X-Content-Type-Options', () => {
    expect(facts('X-Content-Type-Options', 'NoSniff')).toMatchObject({ xContentTypeOptions: true, malformed: [] });
    expect(facts('X-Content-Type-Options', 'nosniff, nosniff')).toMatchObject({ xContentTypeOptions: true, malformed: ['x-content-type-options'] });
    expect(facts('X-Content-Type-Options', 'sniff')).toMatchObject({ xContentTypeOptions: false, malformed: ['x-content-type-options'] });
  });

  it('takes the last valid Referrer-Policy token, skipping unknown ones', () => {
    expect(facts('Referrer-Policy', 'unsafe-url, no-referrer, made-up').referrerPolicy).toBe('no-referrer');
    expect(facts('Referrer-Policy', 'no-referrer', 'Referrer-Policy', 'Unsafe-URL')).toMatchObject({ referrerPolicy: 'unsafe-url', referrerPolicySafe: false });
    for (const safe of ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']) {
      expect(facts('Referrer-Policy', safe).referrerPolicySafe, safe).toBe(true);
    }
    for (const unsafe of ['no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'unsafe-url']) {
      expect(facts('Referrer-Policy', unsafe).referrerPolicySafe, unsafe).toBe(false);
    }
  });

  it('reports a Referrer-Policy with no valid token as malformed', () => {
    expect(facts('Referrer-Policy', 'never')).toMatchObject({ referrerPolicy: null, referrerPolicySafe: false, malformed: ['referrer-policy'] });
  });

  it('reads COOP as a structured-field token with parameters, and reports a wrong or repeated one', () => {
    expect(facts('Cross-Origin-Opener-Policy', 'same-origin; report-to="coop"')).toMatchObject({ crossOriginOpenerPolicy: 'same-origin', malformed: [] });
    expect(facts('Cross-Origin-Opener-Policy', 'same-origin-allow-popups;report-to')).toMatchObject({ crossOriginOpenerPolicy: 'same-origin-allow-popups', malformed: [] });
    // Tokens are case-sensitive (HTML compares them exactly), and a quoted string or a broken parameter is no token.
    for (const wrong of ['Same-Origin-Allow-Popups', '"same-origin"', 'same-origin;', 'same-origin; report-to=coop endpoint', 'same-origin, unsafe-none']) {
      expect(facts('Cross-Origin-Opener-Policy', wrong), wrong).toMatchObject({ crossOriginOpenerPolicy: wrong, malformed: ['cross-origin-opener-policy'] });
    }
    expect(facts('Cross-Origin-Opener-Policy', '')).toMatchObject({ crossOriginOpenerPolicy: null, malformed: [] });
    expect(facts('Cross-Origin-Opener-Policy', 'same-site')).toMatchObject({ crossOriginOpenerPolicy: 'same-site', malformed: ['cross-origin-opener-policy'] });
    expect(facts('Cross-Origin-Opener-Policy', 'same-origin', 'Cross-Origin-Opener-Policy', 'unsafe-none')).toMatchObject({
      crossOriginOpenerPolicy: 'same-origin',
      malformed: ['cross-origin-opener-policy'],
    });
  });

  it('reads COEP like COOP: require-corp, credentialless, unsafe-none', () => {
    expect(facts('Cross-Origin-Embedder-Policy', 'require-corp')).toMatchObject({ crossOriginEmbedderPolicy: 'require-corp', malformed: [] });
    expect(facts('Cross-Origin-Embedder-Policy', 'credentialless; report-to="coep-endpoint"')).toMatchObject({ crossOriginEmbedderPolicy: 'credentialless', malformed: [] });
    expect(facts('Cross-Origin-Embedder-Policy', 'REQUIRE-CORP')).toMatchObject({ crossOriginEmbedderPolicy: 'REQUIRE-CORP', malformed: ['cross-origin-embedder-policy'] });
    expect(facts('Cross-Origin-Embedder-Policy', 'require-corp', 'Cross-Origin-Embedder-Policy', 'require-corp')).toMatchObject({
      crossOriginEmbedderPolicy: 'require-corp',
      malformed: ['cross-origin-embedder-policy'],
    });
  });

  it('reads CORP as one value, repeated headers joined, exactly one of three', () => {
    expect(facts('Cross-Origin-Resource-Policy', 'same-site')).toMatchObject({ crossOriginResourcePolicy: 'same-site', malformed: [] });
    expect(facts('Cross-Origin-Resource-Policy', 'Same-Origin')).toMatchObject({ crossOriginResourcePolicy: 'Same-Origin', malformed: ['cross-origin-resource-policy'] });
    expect(facts('Cross-Origin-Resource-Policy', 'same-origin', 'Cross-Origin-Resource-Policy', 'cross-origin')).toMatchObject({
      crossOriginResourcePolicy: 'same-origin, cross-origin',
      malformed: ['cross-origin-resource-policy'],
    });
    expect(facts('Cross-Origin-Resource-Policy', '').crossOriginResourcePolicy).toBeNull();
  });

  it('sees Permissions-Policy only when it has a value', () => {
    expect(facts('Permissions-Policy', 'geolocation=(), camera=()').permissionsPolicy).toBe(true);
    expect(facts('Permissions-Policy', '  ').permissionsPolicy).toBe(false);
  });

  it('reports a Content-Security-Policy header that holds no directive', () => {
    expect(facts('Content-Security-Policy', '')).toMatchObject({ csp: false, malformed: ['content-security-policy'] });
    expect(facts('Content-Security-Policy', "script-src 'self'; script-src *")).toMatchObject({ csp: true, malformed: ['content-security-policy'] });
  });
});

describe('headerFacts on hostile input', () => {
  it('survives 10 MB values and garbage and stores nothing longer than 256 characters', () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    const result = facts('X-Frame-Options', huge, 'Cross-Origin-Opener-Policy', huge, 'Referrer-Policy', huge, 'Strict-Transport-Security', huge, 'Content-Security-Policy', `frame-ancestors ${huge}`);
    expect(result.xFrameOptions?.length).toBe(256);
    expect(result.crossOriginOpenerPolicy?.length).toBe(256);
    expect(result.cspFrameAncestors?.length).toBe(256);
    expect(result.malformed).toEqual(['cross-origin-opener-policy', 'referrer-policy', 'strict-transport-security', 'x-frame-options']);
  });

  it('does not throw on binary garbage', () => {
    const garbage = '\u0000\u00ff\ufffd;;==""\\';
    expect(() => facts('Strict-Transport-Security', garbage, 'Content-Security-Policy', garbage, 'X-Content-Type-Options', garbage)).not.toThrow();
    expect(facts('Strict-Transport-Security', garbage).hstsInvalid).toBe(true);
  });
});
