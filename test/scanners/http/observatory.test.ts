import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HttpCookieFacts, HttpHeaderFacts } from '../../../src/core/model/observation.js';
import { headerFacts } from '../../../src/scanners/http/header-facts.js';
import { headerMap } from '../../../src/scanners/http/headers.js';
import { gradeOf, observatoryScore, type ObservatoryInput } from '../../../src/scanners/http/observatory.js';
import { cookiesTest, redirectionTest } from '../../../src/scanners/http/observatory-tests.js';
import { cors, redirect, SITE_FIXTURES } from './observatory-fixtures.js';

const headers = (...raw: string[]): HttpHeaderFacts => headerFacts(headerMap(raw));
const cookie = (overrides: Partial<HttpCookieFacts>): HttpCookieFacts => ({
  name: 'pref',
  secure: true,
  httpOnly: false,
  sameSite: 'Lax',
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
  it('CSP: unsafe script sources, unrestricted plugins, eval, invalid and report-only policies', () => {
    expect(modifierOf(observatoryScore(input()), 'csp')).toBe('csp-implemented-with-no-unsafe:+5');
    expect(modifierOf(observatoryScore(input({ headers: { ...GOOD, cspObjectSrcRestricted: false } })), 'csp')).toBe('csp-implemented-with-unsafe-inline:-20');
    expect(modifierOf(observatoryScore(input({ headers: headers('Content-Security-Policy', "default-src 'self' 'unsafe-eval'") })), 'csp')).toBe('csp-implemented-with-unsafe-eval:-10');
    expect(modifierOf(observatoryScore(input({ headers: headers('Content-Security-Policy', "default-src 'self'; default-src *") })), 'csp')).toBe('csp-header-invalid:-25');
    expect(modifierOf(observatoryScore(input({ headers: headers('Content-Security-Policy', ';') })), 'csp')).toBe('csp-header-invalid:-25');
  });

  it('cookies: the worst result over all cookies wins, in the order Mozilla ranks them', () => {
    const hsts = true;
    expect(cookiesTest([cookie({ secure: false }), cookie({ name: 's', session: true, httpOnly: true, secure: false })], 'https', hsts).id).toBe('cookies-session-without-secure-flag-but-protected-by-hsts');
    expect(cookiesTest([cookie({ secure: false, sameSite: 'None' })], 'https', hsts).id).toBe('cookies-samesite-flag-invalid');
    expect(cookiesTest([cookie({ name: 'csrftoken', sameSite: null })], 'https', hsts).id).toBe('cookies-anticsrf-without-samesite-flag');
    expect(cookiesTest([cookie({ session: true, httpOnly: true, secure: false })], 'https', false).id).toBe('cookies-session-without-secure-flag');
    expect(cookiesTest([cookie({ session: true, httpOnly: true })], 'https', false).id).toBe('cookies-secure-with-httponly-sessions-and-samesite');
    expect(cookiesTest([cookie({ sameSite: null })], 'https', false)).toEqual({ id: 'cookies-secure-with-httponly-sessions', modifier: 0 });
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

  it('mixed content: only active content on an https page costs points', () => {
    expect(modifierOf(observatoryScore(input({ mixedContent: { activeCount: 0, passiveCount: 7 } })), 'mixed')).toBeUndefined();
    expect(modifierOf(observatoryScore(input({ scheme: 'http', mixedContent: { activeCount: 3, passiveCount: 0 } })), 'mixed')).toBeUndefined();
    expect(modifierOf(observatoryScore(input({ mixedContent: { activeCount: 1, passiveCount: 0 } })), 'mixed')).toBe('mixed-content-active:-50');
  });
});
