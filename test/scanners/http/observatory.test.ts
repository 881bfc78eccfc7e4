import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HttpCookieFacts, HttpHeaderFacts } from '../../../src/core/model/observation.js';
import { headerFacts } from '../../../src/scanners/http/header-facts.js';
import { headerMap } from '../../../src/scanners/http/headers.js';
import { gradeOf, observatoryScore, type ObservatoryInput } from '../../../src/scanners/http/observatory.js';
import { cookieFacts } from '../../../src/scanners/http/cookies.js';
import { cookiesTest, redirectionTest } from '../../../src/scanners/http/observatory-tests.js';
import { cors, redirect, SITE_FIXTURES } from './observatory-fixtures.js';

const headers = (...raw: string[]): HttpHeaderFacts => headerFacts(headerMap(raw));
const cookie = (overrides: Partial<HttpCookieFacts>): HttpCookieFacts => ({
  name: 'pref',
  secure: true,
  httpOnly: false,
  sameSite: 'Lax',
  sameSiteInvalid: false,
  prefix: null,
  prefixValid: false,
  session: false,
  persistent: false,
  domain: null,
  path: '/',
  ...overrides,
});
const GOOD = headers(
  'Strict-Transport-Security', 'max-age=31536000',
  'Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options', 'nosniff',
);
const input = (overrides: Partial<ObservatoryInput> = {}): ObservatoryInput => ({ scheme: 'https', headers: GOOD, cookies: [], redirect: null, cors: null, mixedContent: null, ...overrides });
const modifierOf = (result: { modifiers: string[] }, prefix: string) => result.modifiers.find((m) => m.startsWith(prefix));

describe('observatoryScore on whole sites', () => {
  it.each(SITE_FIXTURES.map((f) => [f.name, f] as const))('%s', (_, fixture) => {
    expect(observatoryScore(fixture.input)).toEqual({ score: fixture.score, grade: fixture.grade, modifiers: fixture.modifiers });
  });

  it('has at least five fixtures, and docs/observatory-scores.md shows each with its score and reasons', () => {
    expect(SITE_FIXTURES.length).toBeGreaterThanOrEqual(5);
    const doc = readFileSync(new URL('../../../docs/observatory-scores.md', import.meta.url), 'utf8');
    for (const fixture of SITE_FIXTURES) {
      const row = `| ${fixture.name} | ${fixture.score} | ${fixture.grade} | ${fixture.modifiers.map((m) => `\`${m}\``).join('<br>')} |`;
      expect(doc, fixture.name).toContain(row);
    }
  });

  it('always explains the score: 100 plus the modifiers, floored at 0', () => {
    for (const fixture of SITE_FIXTURES) {
      const sum = fixture.modifiers.reduce((total, m) => total + Number(m.split(':').at(-1)), 100);
      expect(Math.max(0, sum), fixture.name).toBe(fixture.score);
    }
  });
});

describe('observatoryScore: the two rounds', () => {
  it('adds bonuses only when the penalties leave 90 or more', () => {
    const safeReferrer = { referrerPolicy: 'strict-origin', referrerPolicySafe: true };
    const ninety = observatoryScore(input({ headers: { ...GOOD, ...safeReferrer, hstsMaxAge: 86400 } }));
    expect(ninety).toMatchObject({ score: 100 - 10 + 5 + 5 + 5, grade: 'A+' });
    expect(ninety.modifiers.some((m) => m.startsWith('extra-credit-withheld'))).toBe(false);
    const eightyFive = observatoryScore(input({ headers: { ...GOOD, ...safeReferrer, hstsMaxAge: 86400, xContentTypeOptions: false } }));
    expect(eightyFive).toMatchObject({ score: 85, grade: 'A-' });
    expect(eightyFive.modifiers.at(-1)).toBe('extra-credit-withheld:-15');
  });

  it('never goes below 0', () => {
    const worst = observatoryScore(input({ scheme: 'http', headers: headers(), cookies: [cookie({ session: true, secure: false })], cors: cors('https://rasoat-cors-probe.invalid', true), mixedContent: { activeCount: 9, passiveCount: 0 } }));
    expect(worst).toMatchObject({ score: 0, grade: 'F' });
  });
});

describe('gradeOf', () => {
  it.each([
    [135, 'A+'], [100, 'A+'], [99, 'A'], [90, 'A'], [89, 'A-'], [85, 'A-'], [84, 'B+'], [80, 'B+'], [79, 'B'], [70, 'B'],
    [69, 'B-'], [65, 'B-'], [64, 'C+'], [60, 'C+'], [59, 'C'], [50, 'C'], [49, 'C-'], [45, 'C-'], [44, 'D+'], [40, 'D+'],
    [39, 'D'], [30, 'D'], [29, 'D-'], [25, 'D-'], [24, 'F'], [0, 'F'],
  ] as const)('%i → %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});

describe('observatoryScore: single tests', () => {
  const cspOf = (policy: string | string[], scheme: 'http' | 'https' = 'https', ...more: string[]) => {
    const lines = (Array.isArray(policy) ? policy : [policy]).flatMap((p) => ['Content-Security-Policy', p]);
    return modifierOf(observatoryScore(input({ scheme, headers: headers(...lines, ...more) })), 'csp');
  };

  it.each([
    // default-src 'none' and nothing unsafe: Mozilla's best CSP result.
    ["default-src 'none'; img-src 'self'", 'csp-implemented-with-no-unsafe-default-src-none:+10'],
    ["default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'", 'csp-implemented-with-no-unsafe-default-src-none:+10'],
    ["default-src 'self'; object-src 'none'", 'csp-implemented-with-no-unsafe:+5'],
    ["default-src 'none' 'self'", 'csp-implemented-with-no-unsafe:+5'],
    // Unsafe style sources only: 0, and so is a policy that leaves styles unrestricted.
    ["script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'", 'csp-implemented-with-unsafe-inline-in-style-src-only:0'],
    ["default-src 'none'; script-src 'self'; style-src 'self' https:", 'csp-implemented-with-unsafe-inline-in-style-src-only:0'],
    ["script-src 'self'; object-src 'none'", 'csp-implemented-with-unsafe-inline-in-style-src-only:0'],
    // A nonce or hash cancels 'unsafe-inline' (the fallback for old browsers), in scripts and in styles.
    ["default-src 'self'; script-src 'nonce-r4nd0m' 'unsafe-inline'", 'csp-implemented-with-no-unsafe:+5'],
    ["default-src 'none'; script-src 'self'; style-src 'sha256-AbCdEf0123=' 'unsafe-inline'", 'csp-implemented-with-no-unsafe-default-src-none:+10'],
    // Unsafe script sources, or plugins unrestricted (no object-src and no default-src).
    ["script-src 'unsafe-inline' 'nonce-abc'", 'csp-implemented-with-unsafe-inline:-20'],
    ["default-src 'self'; script-src 'self' 'unsafe-inline'", 'csp-implemented-with-unsafe-inline:-20'],
    ["default-src 'self'; script-src 'self' data:", 'csp-implemented-with-unsafe-inline:-20'],
    ["default-src 'self'; object-src https:", 'csp-implemented-with-unsafe-inline:-20'],
    ['script-src http://cdn.example.vn', 'csp-implemented-with-unsafe-inline:-20'],
    ['upgrade-insecure-requests', 'csp-implemented-with-unsafe-inline:-20'],
    // http: (or ftp:) sources on an https page: active content -20, images and media only -10.
    ["default-src 'self'; script-src 'self' http://cdn.example.vn", 'csp-implemented-with-insecure-scheme:-20'],
    ["default-src http://portal.example.gov.vn", 'csp-implemented-with-insecure-scheme:-20'],
    ["default-src 'self'; report-uri http://csp.example.gov.vn/report", 'csp-implemented-with-insecure-scheme:-20'],
    ["default-src 'self'; img-src http:", 'csp-implemented-with-insecure-scheme-in-passive-content-only:-10'],
    ["default-src 'none'; img-src 'self' data: http://anh.example.gov.vn; media-src 'self'; style-src 'self' 'unsafe-inline'", 'csp-implemented-with-insecure-scheme-in-passive-content-only:-10'],
    // 'unsafe-eval' counts in script and in style sources (here default-src, which style-src falls back to).
    ["default-src 'self'; script-src 'self' 'unsafe-eval'", 'csp-implemented-with-unsafe-eval:-10'],
    ["default-src 'self' 'unsafe-eval'; script-src 'self'", 'csp-implemented-with-unsafe-eval:-10'],
    // 'strict-dynamic': without a nonce or hash the policy is invalid; with one, host and scheme sources go.
    ["default-src 'self'; script-src 'strict-dynamic'", 'csp-header-invalid:-25'],
    ["default-src 'self'; script-src 'strict-dynamic' 'unsafe-inline' https:", 'csp-header-invalid:-25'],
    ["object-src 'none'; base-uri 'self'; script-src 'nonce-QX1Hc2x4' 'strict-dynamic' 'unsafe-inline' https: http:; style-src 'self'", 'csp-implemented-with-no-unsafe:+5'],
    ["object-src 'none'; script-src 'sha256-AbCdEf0123=' 'strict-dynamic' data:; style-src 'self'", 'csp-implemented-with-unsafe-inline:-20'],
    // Repeated report-uri / report-to: a passing policy scores 0.
    ["default-src 'none'; report-uri /csp; report-uri https://report.example.gov.vn/csp", 'csp-implemented-but-duplicate-directives:0'],
    ["default-src 'self'; img-src http:; report-to a; report-to b", 'csp-implemented-but-duplicate-directives:0'],
    ["default-src 'self'; script-src 'unsafe-inline'; report-uri /a; report-uri /b", 'csp-implemented-with-unsafe-inline:-20'],
    // What Observatory cannot parse.
    ["default-src 'self'; default-src *", 'csp-header-invalid:-25'],
    ["default-src 'none'; img-src 'self'; DEFAULT-SRC 'none'", 'csp-header-invalid:-25'],
    ['defa', 'csp-header-invalid:-25'],
    [';', 'csp-header-invalid:-25'],
    ["default-src 'none',", 'csp-header-invalid:-25'],
    ['; ; ; ;', 'csp-not-implemented:-25'],
  ] as const)('CSP %s → %s', (policy, expected) => {
    expect(cspOf(policy)).toBe(expected);
  });

  it('CSP: http: sources cost nothing on a page served over plain http', () => {
    expect(cspOf("default-src 'self'; script-src 'self' http://cdn.example.vn", 'http')).toBe('csp-implemented-with-no-unsafe:+5');
    expect(cspOf("default-src 'none'; img-src http:", 'http')).toBe('csp-implemented-with-no-unsafe-default-src-none:+10');
  });

  it('CSP: several policies are merged the way Observatory merges them', () => {
    // style-src keeps only what both policies allow; script-src, only in the first, stands.
    expect(cspOf(["default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'", "default-src 'none'; style-src 'self'"])).toBe(
      'csp-implemented-with-no-unsafe-default-src-none:+10',
    );
    // A directive only a later policy has becomes 'none'.
    expect(cspOf(["default-src 'self'", 'img-src http:'])).toBe('csp-implemented-with-no-unsafe:+5');
    // A repeated directive anywhere makes the whole header invalid.
    expect(cspOf(["default-src 'none'", "script-src 'self'; script-src 'none'"])).toBe('csp-header-invalid:-25');
  });

  it('CSP: report-only, absent', () => {
    expect(modifierOf(observatoryScore(input({ headers: headers('Content-Security-Policy-Report-Only', "default-src 'none'; report-to csp") })), 'csp')).toBe(
      'csp-not-implemented-but-reporting-enabled:-25',
    );
    expect(modifierOf(observatoryScore(input({ headers: headers() })), 'csp')).toBe('csp-not-implemented:-25');
  });

  it('X-Frame-Options: frame-ancestors counts only in a policy Observatory can parse', () => {
    const of = (...raw: string[]) => modifierOf(observatoryScore(input({ headers: headers(...raw) })), 'x-frame');
    expect(of('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'")).toBe('x-frame-options-implemented-via-csp:+5');
    expect(of('Content-Security-Policy', "default-src 'self'; default-src 'none'; frame-ancestors 'none'")).toBe('x-frame-options-not-implemented:-20');
    expect(of('Content-Security-Policy', "script-src 'strict-dynamic'; frame-ancestors 'self'")).toBe('x-frame-options-implemented-via-csp:+5');
  });

  it('cookies: the worst result over all cookies wins, in the order Mozilla ranks them', () => {
    const hsts = true;
    expect(cookiesTest([cookie({ secure: false }), cookie({ name: 's', session: true, httpOnly: true, secure: false })], 'https', hsts).id).toBe('cookies-session-without-secure-flag-but-protected-by-hsts');
    expect(cookiesTest([cookie({ secure: false, sameSite: 'None' })], 'https', hsts).id).toBe('cookies-samesite-flag-invalid');
    expect(cookiesTest([cookie({ sameSite: null, sameSiteInvalid: true })], 'https', hsts)).toEqual({ id: 'cookies-samesite-flag-invalid', modifier: -20 });
    expect(cookiesTest([cookie({ session: true, httpOnly: false, sameSiteInvalid: true })], 'https', hsts).id).toBe('cookies-session-without-httponly-flag');
    expect(cookiesTest([cookie({ name: 'csrftoken', sameSite: null })], 'https', hsts).id).toBe('cookies-anticsrf-without-samesite-flag');
    expect(cookiesTest([cookie({ session: true, httpOnly: true, secure: false })], 'https', false).id).toBe('cookies-session-without-secure-flag');
    expect(cookiesTest([cookie({ session: true, httpOnly: true })], 'https', false).id).toBe('cookies-secure-with-httponly-sessions-and-samesite');
    expect(cookiesTest([cookie({ sameSite: null })], 'https', false)).toEqual({ id: 'cookies-secure-with-httponly-sessions', modifier: 0 });
  });

  it('cookies: a SameSite value no browser knows, read from real Set-Cookie lines', () => {
    const lines = ['JSESSIONID=1A2B3C4D; Path=/; Secure; HttpOnly; SameSite=Lax', 'lang=vi; Path=/; Secure; SameSite=true'];
    const cookies = lines.flatMap((line) => cookieFacts(line) ?? []);
    expect(cookiesTest(cookies, 'https', true)).toEqual({ id: 'cookies-samesite-flag-invalid', modifier: -20 });
    expect(cookiesTest(cookies.slice(0, 1), 'https', true).id).toBe('cookies-secure-with-httponly-sessions-and-samesite');
  });

  it('cookies: a Secure flag counts for nothing on plain http', () => {
    expect(cookiesTest([cookie({ secure: true })], 'http', false).id).toBe('cookies-without-secure-flag');
  });

  it('redirection: missing, not to https, first hop to http, off-host, and good', () => {
    const origin = 'http://portal.example.gov.vn';
    expect(redirectionTest(redirect(origin, null, `${origin}/`), 'http').id).toBe('redirection-missing');
    expect(redirectionTest(redirect(origin, `${origin}/home`, `${origin}/home`), 'http').id).toBe('redirection-not-to-https');
    expect(redirectionTest(redirect(origin, `${origin}/home`, 'https://portal.example.gov.vn/home'), 'https')).toEqual({ id: 'redirection-not-to-https-on-initial-redirection', modifier: -10 });
    expect(redirectionTest(redirect(origin, 'https://www.portal.example.gov.vn/', 'https://www.portal.example.gov.vn/'), 'https')).toEqual({ id: 'redirection-off-host-from-http', modifier: -5 });
    expect(redirectionTest(redirect(origin, 'https://portal.example.gov.vn/', 'https://portal.example.gov.vn/'), 'https').id).toBe('redirection-to-https');
    expect(redirectionTest(null, 'https').id).toBe('redirection-not-needed-no-http');
    expect(redirectionTest(null, 'http').id).toBe('redirection-missing');
  });

  it('CORS: only a reflected origin with credentials is penalised', () => {
    expect(modifierOf(observatoryScore(input({ cors: cors('https://rasoat-cors-probe.invalid', false) })), 'cross-origin')).toBe('cross-origin-resource-sharing-implemented-with-restricted-access:0');
    expect(modifierOf(observatoryScore(input({ cors: cors('https://rasoat-cors-probe.invalid', true) })), 'cross-origin')).toBe('cross-origin-resource-sharing-implemented-with-universal-access:-50');
    expect(modifierOf(observatoryScore(input({ cors: cors('*', true) })), 'cross-origin')).toBe('cross-origin-resource-sharing-implemented-with-public-access:0');
  });

  it('HSTS: short, invalid, absent, and impossible on plain http', () => {
    expect(modifierOf(observatoryScore(input({ headers: { ...GOOD, hstsMaxAge: 15551999 } })), 'hsts')).toBe('hsts-implemented-max-age-less-than-six-months:-10');
    expect(modifierOf(observatoryScore(input({ headers: headers('Strict-Transport-Security', 'max-age=1; max-age=2') })), 'hsts')).toBe('hsts-header-invalid:-20');
    expect(modifierOf(observatoryScore(input({ headers: headers() })), 'hsts')).toBe('hsts-not-implemented:-20');
    expect(modifierOf(observatoryScore(input({ scheme: 'http' })), 'hsts')).toBe('hsts-not-implemented-no-https:-20');
  });

  it('Referrer-Policy, X-Content-Type-Options, X-Frame-Options and COOP', () => {
    const of = (raw: string[], prefix: string) => modifierOf(observatoryScore(input({ headers: headers(...raw) })), prefix);
    expect(of(['Referrer-Policy', 'unsafe-url'], 'referrer')).toBe('referrer-policy-unsafe:-5');
    expect(of(['Referrer-Policy', 'nonsense'], 'referrer')).toBe('referrer-policy-header-invalid:-5');
    expect(of(['X-Content-Type-Options', 'yes'], 'x-content')).toBe('x-content-type-options-header-invalid:-5');
    expect(of(['X-Frame-Options', 'ALLOW-FROM https://a.example/'], 'x-frame')).toBe('x-frame-options-allow-from-origin:0');
    expect(of(['X-Frame-Options', 'maybe'], 'x-frame')).toBe('x-frame-options-header-invalid:-20');
    expect(of(['Content-Security-Policy', 'frame-ancestors *'], 'x-frame')).toBe('x-frame-options-implemented-via-csp:+5');
    expect(of(['Cross-Origin-Opener-Policy', 'noopener-allow-popups'], 'coop')).toBe('coop-implemented-with-noopener-allow-popups:+10');
    expect(of(['Cross-Origin-Opener-Policy', 'unsafe-none'], 'coop')).toBe('coop-implemented-with-unsafe-none:0');
    expect(of(['Cross-Origin-Opener-Policy', 'allow-all'], 'coop')).toBe('coop-header-invalid:-5');
  });

  it('COEP and CORP: isolation policies earn +10, unknown values cost 5', () => {
    const of = (raw: string[], prefix: string) => modifierOf(observatoryScore(input({ headers: headers(...raw) })), prefix);
    expect(of([], 'coep')).toBe('coep-not-implemented:0');
    expect(of(['Cross-Origin-Embedder-Policy', 'require-corp'], 'coep')).toBe('coep-implemented-with-require-corp:+10');
    expect(of(['Cross-Origin-Embedder-Policy', 'credentialless; report-to="coep"'], 'coep')).toBe('coep-implemented-with-credentialless:+10');
    expect(of(['Cross-Origin-Embedder-Policy', 'unsafe-none'], 'coep')).toBe('coep-implemented-with-unsafe-none:0');
    expect(of(['Cross-Origin-Embedder-Policy', 'Require-Corp'], 'coep')).toBe('coep-header-invalid:-5');
    expect(of(['Cross-Origin-Embedder-Policy', 'require-corp', 'Cross-Origin-Embedder-Policy', 'require-corp'], 'coep')).toBe('coep-header-invalid:-5');
    expect(of([], 'corp')).toBe('corp-not-implemented:0');
    expect(of(['Cross-Origin-Resource-Policy', 'same-origin'], 'corp')).toBe('corp-implemented-with-same-origin:+10');
    expect(of(['Cross-Origin-Resource-Policy', 'same-site'], 'corp')).toBe('corp-implemented-with-same-site:+10');
    // Mozilla compares case-insensitively, where browsers do not.
    expect(of(['Cross-Origin-Resource-Policy', 'Same-Site'], 'corp')).toBe('corp-implemented-with-same-site:+10');
    expect(of(['Cross-Origin-Resource-Policy', 'cross-origin'], 'corp')).toBe('corp-implemented-with-cross-origin:0');
    expect(of(['Cross-Origin-Resource-Policy', 'same-origin', 'Cross-Origin-Resource-Policy', 'same-origin'], 'corp')).toBe('corp-header-invalid:-5');
    expect(of(['Cross-Origin-Resource-Policy', 'none'], 'corp')).toBe('corp-header-invalid:-5');
  });

  it('mixed content: only active content on an https page costs points', () => {
    expect(modifierOf(observatoryScore(input({ mixedContent: { activeCount: 0, passiveCount: 7 } })), 'mixed')).toBeUndefined();
    expect(modifierOf(observatoryScore(input({ scheme: 'http', mixedContent: { activeCount: 3, passiveCount: 0 } })), 'mixed')).toBeUndefined();
    expect(modifierOf(observatoryScore(input({ mixedContent: { activeCount: 1, passiveCount: 0 } })), 'mixed')).toBe('mixed-content-active:-50');
  });
});
