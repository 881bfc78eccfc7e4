import type { ObservationData } from '../../../src/core/model/observation.js';
import { cookieFacts } from '../../../src/scanners/http/cookies.js';
import { headerFacts } from '../../../src/scanners/http/header-facts.js';
import { headerMap, type HeaderMap } from '../../../src/scanners/http/headers.js';
import type { ObservatoryInput } from '../../../src/scanners/http/observatory.js';
import { SAMPLES } from './header-samples.js';

/**
 * Whole sites for observatoryScore, built from raw headers through headerFacts and cookieFacts, with
 * the score each must get. docs/observatory-scores.md documents the same table; a test keeps them equal.
 */
export interface SiteFixture {
  name: string;
  input: ObservatoryInput;
  score: number;
  grade: string;
  modifiers: string[];
}

type Redirect = ObservationData['http.redirect'];
type Cors = ObservationData['http.cors'];

function site(headers: HeaderMap, scheme: 'http' | 'https', extra: Partial<Omit<ObservatoryInput, 'headers' | 'scheme' | 'cookies'>> = {}): ObservatoryInput {
  return {
    scheme,
    headers: headerFacts(headers),
    cookies: (headers.get('set-cookie') ?? []).flatMap((line) => cookieFacts(line) ?? []),
    redirect: null,
    cors: null,
    mixedContent: null,
    ...extra,
  };
}

export function redirect(origin: string, firstLocation: string | null, finalUrl: string): Redirect {
  const host = new URL(origin).hostname;
  const first = firstLocation === null ? null : new URL(firstLocation);
  return {
    port: 80,
    site: origin,
    firstHopHttps: first !== null && first.protocol === 'https:' && first.hostname === host,
    finalHttps: finalUrl.startsWith('https://'),
    firstLocation,
    finalUrl,
    status: firstLocation === null ? 200 : 301,
  };
}

export function cors(allowOrigin: string | null, allowCredentials: boolean): Cors {
  return {
    port: 443,
    site: 'https://portal.example.gov.vn',
    allowOrigin,
    allowCredentials,
    reflectsOrigin: allowOrigin === 'https://rasoat-cors-probe.invalid',
    wildcard: allowOrigin === '*',
    allowsNullOrigin: false,
  };
}

const hardened = headerMap([
  'Strict-Transport-Security', 'max-age=63072000; includeSubDomains',
  'Content-Security-Policy', "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'",
  'X-Content-Type-Options', 'nosniff',
  'Referrer-Policy', 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy', 'same-origin',
  'Permissions-Policy', 'camera=(), microphone=(), geolocation=()',
  'Set-Cookie', '__Host-session=4b1d; Path=/; Secure; HttpOnly; SameSite=Strict',
]);

const isolated = headerMap([
  'Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload',
  'Content-Security-Policy',
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options', 'nosniff',
  'Referrer-Policy', 'no-referrer',
  'Cross-Origin-Opener-Policy', 'same-origin',
  'Cross-Origin-Embedder-Policy', 'require-corp',
  'Cross-Origin-Resource-Policy', 'same-origin',
  'Set-Cookie', '__Host-sid=6f1c2e; Path=/; Secure; HttpOnly; SameSite=Strict',
]);

const legacy = headerMap([
  'Strict-Transport-Security', 'max-age=31536000',
  'Content-Security-Policy', "default-src 'self'; img-src 'self' data: http://anh.example.gov.vn; style-src 'self' 'unsafe-inline'; object-src 'none'",
  'X-Frame-Options', 'SAMEORIGIN',
  'X-Content-Type-Options', 'nosniff',
  'Cross-Origin-Resource-Policy', 'cross-origin',
  'Set-Cookie', 'ASP.NET_SessionId=qz1k5p2vx0mlw3ab4cd5ef6g; path=/; secure; HttpOnly; SameSite=Lax',
  'Set-Cookie', 'lang=vi-VN; path=/; secure; SameSite=true',
]);

const news = headerMap([
  'Strict-Transport-Security', 'max-age=15552000',
  'X-Frame-Options', 'SAMEORIGIN',
  'X-Content-Type-Options', 'nosniff',
]);

export const SITE_FIXTURES: readonly SiteFixture[] = [
  {
    name: 'github.com (front page)',
    input: site(SAMPLES.github, 'https', { redirect: redirect('http://github.com', 'https://github.com/', 'https://github.com/') }),
    score: 115,
    grade: 'A+',
    modifiers: [
      'csp-implemented-with-unsafe-inline-in-style-src-only:0',
      'cookies-secure-with-httponly-sessions-and-samesite:+5',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-to-https:0',
      'referrer-policy-private:+5',
      'hsts-implemented-max-age-at-least-six-months:0',
      'x-content-type-options-nosniff:0',
      'x-frame-options-implemented-via-csp:+5',
      'corp-not-implemented:0',
    ],
  },
  {
    name: 'hardened portal (https, everything set)',
    input: site(hardened, 'https', {
      redirect: redirect('http://portal.example.gov.vn', 'https://portal.example.gov.vn/', 'https://portal.example.gov.vn/'),
      cors: cors(null, false),
      mixedContent: { activeCount: 0, passiveCount: 0 },
    }),
    score: 130,
    grade: 'A+',
    modifiers: [
      'csp-implemented-with-no-unsafe:+5',
      'cookies-secure-with-httponly-sessions-and-samesite:+5',
      'coep-not-implemented:0',
      'coop-implemented-with-same-origin:+10',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-to-https:0',
      'referrer-policy-private:+5',
      'hsts-implemented-max-age-at-least-six-months:0',
      'x-content-type-options-nosniff:0',
      'x-frame-options-implemented-via-csp:+5',
      'corp-not-implemented:0',
    ],
  },
  {
    name: "isolated portal (default-src 'none', COOP, COEP and CORP)",
    input: site(isolated, 'https', {
      redirect: redirect('http://hoso.example.gov.vn', 'https://hoso.example.gov.vn/', 'https://hoso.example.gov.vn/'),
      cors: cors(null, false),
      mixedContent: { activeCount: 0, passiveCount: 0 },
    }),
    score: 155,
    grade: 'A+',
    modifiers: [
      'csp-implemented-with-no-unsafe-default-src-none:+10',
      'cookies-secure-with-httponly-sessions-and-samesite:+5',
      'coep-implemented-with-require-corp:+10',
      'coop-implemented-with-same-origin:+10',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-to-https:0',
      'referrer-policy-private:+5',
      'hsts-implemented-max-age-at-least-six-months:0',
      'x-content-type-options-nosniff:0',
      'x-frame-options-implemented-via-csp:+5',
      'corp-implemented-with-same-origin:+10',
    ],
  },
  {
    name: 'legacy e-government portal (images over http in CSP, SameSite=true)',
    input: site(legacy, 'https', {
      redirect: redirect('http://dvc.example.gov.vn', 'https://dvc.example.gov.vn/', 'https://dvc.example.gov.vn/'),
      mixedContent: { activeCount: 0, passiveCount: 2 },
    }),
    score: 70,
    grade: 'B',
    modifiers: [
      'csp-implemented-with-insecure-scheme-in-passive-content-only:-10',
      'cookies-samesite-flag-invalid:-20',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-to-https:0',
      'referrer-policy-not-implemented:0',
      'hsts-implemented-max-age-at-least-six-months:0',
      'x-content-type-options-nosniff:0',
      'x-frame-options-sameorigin-or-deny:+5',
      'corp-implemented-with-cross-origin:0',
      'extra-credit-withheld:-5',
    ],
  },
  {
    name: 'www.google.com (report-only CSP, no HSTS)',
    input: site(SAMPLES.google, 'https', { redirect: redirect('http://www.google.com', 'https://www.google.com/', 'https://www.google.com/') }),
    score: 50,
    grade: 'C',
    modifiers: [
      'csp-not-implemented-but-reporting-enabled:-25',
      'cookies-secure-with-httponly-sessions-and-samesite:+5',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-to-https:0',
      'referrer-policy-not-implemented:0',
      'hsts-not-implemented:-20',
      'x-content-type-options-not-implemented:-5',
      'x-frame-options-sameorigin-or-deny:+5',
      'corp-not-implemented:0',
      'extra-credit-withheld:-10',
    ],
  },
  {
    name: 'WordPress portal (https, PHP session without flags)',
    input: site(SAMPLES.wordpress, 'https', {
      redirect: redirect('http://portal.example.gov.vn', 'https://portal.example.gov.vn/', 'https://portal.example.gov.vn/'),
      cors: cors('*', false),
      mixedContent: { activeCount: 0, passiveCount: 3 },
    }),
    score: 45,
    grade: 'C-',
    modifiers: [
      'csp-implemented-with-unsafe-inline:-20',
      'cookies-session-without-httponly-flag:-30',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-implemented-with-public-access:0',
      'redirection-to-https:0',
      'referrer-policy-unsafe:-5',
      'hsts-implemented-max-age-at-least-six-months:0',
      'x-content-type-options-nosniff:0',
      'x-frame-options-sameorigin-or-deny:+5',
      'corp-not-implemented:0',
      'extra-credit-withheld:-5',
    ],
  },
  {
    name: 'news site (https, script over http, HSTS 180 days)',
    input: site(news, 'https', {
      redirect: redirect('http://news.example.vn', 'https://news.example.vn/', 'https://news.example.vn/'),
      mixedContent: { activeCount: 1, passiveCount: 4 },
    }),
    score: 25,
    grade: 'D-',
    modifiers: [
      'csp-not-implemented:-25',
      'cookies-not-found:0',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-to-https:0',
      'referrer-policy-not-implemented:0',
      'hsts-implemented-max-age-at-least-six-months:0',
      'x-content-type-options-nosniff:0',
      'x-frame-options-sameorigin-or-deny:+5',
      'corp-not-implemented:0',
      'mixed-content-active:-50',
      'extra-credit-withheld:-5',
    ],
  },
  {
    name: 'bare nginx (plain http only)',
    input: site(SAMPLES.nginx, 'http', { redirect: redirect('http://intranet.example.vn', null, 'http://intranet.example.vn/') }),
    score: 10,
    grade: 'F',
    modifiers: [
      'csp-not-implemented:-25',
      'cookies-not-found:0',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-not-implemented:0',
      'redirection-missing:-20',
      'referrer-policy-not-implemented:0',
      'hsts-not-implemented-no-https:-20',
      'x-content-type-options-not-implemented:-5',
      'x-frame-options-not-implemented:-20',
      'corp-not-implemented:0',
    ],
  },
  {
    name: 'ASP.NET on IIS (headers sent twice, CORS with credentials)',
    input: site(SAMPLES.aspnet, 'https', {
      redirect: redirect('http://dichvucong.example.gov.vn', 'http://dichvucong.example.gov.vn/Default.aspx', 'https://dichvucong.example.gov.vn/Default.aspx'),
      cors: cors('https://rasoat-cors-probe.invalid', true),
    }),
    score: 0,
    grade: 'F',
    modifiers: [
      'csp-not-implemented:-25',
      'cookies-session-without-secure-flag:-40',
      'coep-not-implemented:0',
      'coop-not-implemented:0',
      'cross-origin-resource-sharing-implemented-with-universal-access:-50',
      'redirection-not-to-https-on-initial-redirection:-10',
      'referrer-policy-not-implemented:0',
      'hsts-header-invalid:-20',
      'x-content-type-options-not-implemented:-5',
      'x-frame-options-header-invalid:-20',
      'corp-not-implemented:0',
    ],
  },
];
