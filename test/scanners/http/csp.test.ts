import { describe, expect, it } from 'vitest';
import { effectiveSources, hasNonceOrHash, parseCsp } from '../../../src/scanners/http/csp.js';
import { judgeCsp } from '../../../src/scanners/http/csp-facts.js';

/** github.com's policy (2025), abridged only in its host lists. */
const GITHUB_CSP =
  "default-src 'none'; base-uri 'self'; child-src github.com/assets-cdn/worker/ github.com/webpack/ github.com/assets/ gist.github.com/assets-cdn/worker/; " +
  "connect-src 'self' uploads.github.com www.githubstatus.com api.github.com; font-src github.githubassets.com; form-action 'self' github.com gist.github.com; " +
  "frame-ancestors 'none'; frame-src viewscreen.githubusercontent.com notebooks.githubusercontent.com; img-src 'self' data: blob: github.githubassets.com; " +
  "manifest-src 'self'; media-src github.com user-images.githubusercontent.com; script-src github.githubassets.com; style-src 'unsafe-inline' github.githubassets.com; " +
  "upgrade-insecure-requests; worker-src github.com/assets-cdn/worker/ github.com/assets/ gist.github.com/assets-cdn/worker/";
/** www.google.com's report-only policy: a nonce with 'strict-dynamic', and fallbacks for old browsers. */
const GOOGLE_CSP =
  "object-src 'none';base-uri 'self';script-src 'nonce-QX1Hc2x4Zm9v' 'strict-dynamic' 'report-sample' 'unsafe-eval' 'unsafe-inline' https: http:;report-uri https://csp.withgoogle.com/csp/gws/other-hp";

describe('parseCsp', () => {
  it('reads directives case-insensitively, lower-cases sources and keeps the first of a repeated name', () => {
    const { policies, problems } = parseCsp(["Script-SRC 'self' HTTPS://CDN.Example; script-src *; IMG-src"]);
    expect(policies).toHaveLength(1);
    expect([...(policies[0]?.directives ?? [])]).toEqual([
      ['script-src', ["'self'", 'https://cdn.example']],
      ['img-src', []],
    ]);
    expect(problems).toEqual(['duplicate:script-src']);
  });

  it('treats every header line and every comma-separated member as its own policy', () => {
    const { policies } = parseCsp(["default-src 'self', script-src 'none'", "object-src 'none'"]);
    expect(policies.map((p) => [...p.directives.keys()])).toEqual([['default-src'], ['script-src'], ['object-src']]);
  });

  it('lets report-uri and report-to repeat without a problem', () => {
    expect(parseCsp(["default-src 'self'; report-uri /a; report-uri /b; report-to g; report-to h"]).problems).toEqual([]);
  });

  it('reports empty policies and skips non-ASCII directives', () => {
    const { policies, problems } = parseCsp([';;', "default-src 'self'; script-src 'sélf'"]);
    expect(policies).toHaveLength(1);
    expect([...(policies[0]?.directives.keys() ?? [])]).toEqual(['default-src']);
    expect([...problems].sort()).toEqual(['empty-policy', 'non-ascii']);
  });

  it('skips directive names outside the grammar without inventing one', () => {
    const { policies } = parseCsp(["scr!pt-src *; default-src 'none'"]);
    expect([...(policies[0]?.directives.keys() ?? [])]).toEqual(['default-src']);
  });

  it('falls back to default-src and recognises nonces and hashes', () => {
    const [policy] = parseCsp(["default-src 'self'; style-src 'nonce-abc'"]).policies;
    expect(policy && effectiveSources(policy, 'script-src')).toEqual(["'self'"]);
    expect(policy && effectiveSources(policy, 'style-src')).toEqual(["'nonce-abc'"]);
    expect(hasNonceOrHash(["'sha384-AbC='"])).toBe(true);
    expect(hasNonceOrHash(["'self'", "'unsafe-hashes'"])).toBe(false);
  });

  // Linear work: a backtracking parser would not finish within the test timeout (no timing assertion here).
  it('parses a 10 MB policy of garbage completely', () => {
    const { policies } = parseCsp([`script-src ${'x '.repeat(5 * 1024 * 1024)}`]);
    expect(policies[0]?.directives.get('script-src')).toHaveLength(5 * 1024 * 1024);
  });
});

describe('judgeCsp', () => {
  it("judges github.com's policy safe: default-src 'none', no unsafe script sources, framing denied", () => {
    const { facts, frameAncestorsRestricts, malformed } = judgeCsp([GITHUB_CSP], []);
    expect(facts).toMatchObject({
      csp: true,
      cspReportOnly: false,
      cspUnsafeInline: false,
      cspUnsafeEval: false,
      cspWildcardScripts: false,
      cspObjectSrcRestricted: true,
      cspBaseUriRestricted: true,
      cspFrameAncestors: "'none'",
      cspReporting: false,
    });
    expect(facts.cspDirectives).toContain('upgrade-insecure-requests');
    expect(facts.cspDirectives).toHaveLength(15);
    expect(frameAncestorsRestricts).toBe(true);
    expect(malformed).toBe(false);
  });

  it("reads Google's report-only policy as report-only, reporting, and nothing enforced", () => {
    const { facts } = judgeCsp([], [GOOGLE_CSP]);
    expect(facts).toMatchObject({ csp: false, cspReportOnly: true, cspReporting: true, cspUnsafeInline: false, cspDirectives: [] });
  });

  it("lets a nonce and 'strict-dynamic' cancel 'unsafe-inline' and broad schemes, but not 'unsafe-eval'", () => {
    const { facts } = judgeCsp([GOOGLE_CSP], []);
    expect(facts).toMatchObject({ cspUnsafeInline: false, cspWildcardScripts: false, cspUnsafeEval: true, cspObjectSrcRestricted: true, cspReporting: true });
  });

  it("counts 'unsafe-inline' without a nonce, hash or 'strict-dynamic', also through default-src", () => {
    expect(judgeCsp(["script-src 'self' 'unsafe-inline'; object-src 'none'"], []).facts.cspUnsafeInline).toBe(true);
    expect(judgeCsp(["default-src 'self' 'unsafe-inline' 'unsafe-eval'"], []).facts).toMatchObject({ cspUnsafeInline: true, cspUnsafeEval: true });
    expect(judgeCsp(["script-src 'unsafe-inline' 'sha256-AAAA'"], []).facts.cspUnsafeInline).toBe(false);
    expect(judgeCsp(["script-src 'unsafe-inline' 'strict-dynamic'"], []).facts.cspUnsafeInline).toBe(false);
  });

  it('finds wildcard script sources: *, http:, https:, data:, and no script restriction at all', () => {
    for (const policy of ['script-src *', 'script-src https:', "script-src 'self' http:", "script-src 'self' data:", 'default-src https://*', 'upgrade-insecure-requests']) {
      expect(judgeCsp([policy], []).facts.cspWildcardScripts, policy).toBe(true);
    }
    expect(judgeCsp(["script-src 'self' https://cdn.example.gov.vn"], []).facts.cspWildcardScripts).toBe(false);
  });

  it('restricts plugins and base-uri only with a list free of broad sources; base-uri has no fallback', () => {
    expect(judgeCsp(["default-src 'self'"], []).facts).toMatchObject({ cspObjectSrcRestricted: true, cspBaseUriRestricted: false });
    expect(judgeCsp(["default-src 'none'; base-uri 'none'"], []).facts).toMatchObject({ cspObjectSrcRestricted: true, cspBaseUriRestricted: true });
    expect(judgeCsp(["script-src 'self'; object-src *; base-uri https:"], []).facts).toMatchObject({ cspObjectSrcRestricted: false, cspBaseUriRestricted: false });
    expect(judgeCsp(["script-src 'self'"], []).facts.cspObjectSrcRestricted).toBe(false);
  });

  it('combines several policies as browsers do: each one must allow a script for it to run', () => {
    const both = judgeCsp(["script-src 'unsafe-inline' *", "script-src 'self'; object-src 'none'"], []).facts;
    expect(both).toMatchObject({ cspUnsafeInline: false, cspWildcardScripts: false, cspObjectSrcRestricted: true });
    const loose = judgeCsp(["script-src 'unsafe-inline' *", 'frame-ancestors *'], []).facts;
    expect(loose).toMatchObject({ cspUnsafeInline: true, cspWildcardScripts: true, cspFrameAncestors: '*' });
    expect(loose.cspDirectives).toEqual(['script-src', 'frame-ancestors']);
  });

  it('reports frame-ancestors as written and whether it restricts framing', () => {
    expect(judgeCsp(["frame-ancestors 'self' https://portal.example.gov.vn"], [])).toMatchObject({
      facts: { cspFrameAncestors: "'self' https://portal.example.gov.vn" },
      frameAncestorsRestricts: true,
    });
    expect(judgeCsp(['frame-ancestors https:'], []).frameAncestorsRestricts).toBe(false);
    expect(judgeCsp(['frame-ancestors'], []).facts.cspFrameAncestors).toBe("'none'");
    expect(judgeCsp(["default-src 'none'"], []).frameAncestorsRestricts).toBeNull();
  });

  it('marks a policy with repeated directives as malformed while still judging it', () => {
    const judged = judgeCsp(["script-src 'self'; script-src *"], []);
    expect(judged.malformed).toBe(true);
    expect(judged.facts.cspWildcardScripts).toBe(false);
  });

  it('gives the absent values when there is no policy at all', () => {
    expect(judgeCsp([], []).facts).toEqual({
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
    });
  });

  it('caps what it stores from a hostile policy', () => {
    const names = Array.from({ length: 500 }, (_, i) => `x${i}-src 'self'`).join(';');
    const { facts } = judgeCsp([`${names}; frame-ancestors ${'https://a.example '.repeat(1000)}`], []);
    expect(facts.cspDirectives).toHaveLength(64);
    expect(facts.cspFrameAncestors?.length).toBe(256);
  });
});
