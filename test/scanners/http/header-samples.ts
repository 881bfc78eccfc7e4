import { headerMap, type HeaderMap } from '../../../src/scanners/http/headers.js';

/**
 * Response headers of real front pages, as Node's rawHeaders gives them (host lists shortened).
 * Shared by the header and Observatory tests.
 */
const raw: Record<'github' | 'google' | 'nginx' | 'wordpress' | 'aspnet', string[]> = {
  github: [
    'Server', 'GitHub.com',
    'Date', 'Tue, 24 Nov 2026 08:00:00 GMT',
    'Content-Type', 'text/html; charset=utf-8',
    'Vary', 'X-PJAX, X-PJAX-Container, Turbo-Visit, Turbo-Frame, Accept-Encoding, Accept, X-Requested-With',
    'ETag', 'W/"5b1f0e0c6d8d2b1b3b9d0ad7f3c1d2e4"',
    'Cache-Control', 'max-age=0, private, must-revalidate',
    'Strict-Transport-Security', 'max-age=31536000; includeSubdomains; preload',
    'X-Frame-Options', 'deny',
    'X-Content-Type-Options', 'nosniff',
    'X-XSS-Protection', '0',
    'Referrer-Policy', 'origin-when-cross-origin, strict-origin-when-cross-origin',
    'Content-Security-Policy',
    "default-src 'none'; base-uri 'self'; frame-ancestors 'none'; img-src 'self' data: github.githubassets.com avatars.githubusercontent.com; " +
      "script-src github.githubassets.com; style-src 'unsafe-inline' github.githubassets.com; upgrade-insecure-requests",
    'Set-Cookie', '_gh_sess=bX1vZ2hzZXNz; path=/; secure; HttpOnly; SameSite=Lax',
    'Set-Cookie', '_octo=GH1.1.1234567890.1764000000; expires=Wed, 24 Nov 2027 08:00:00 GMT; path=/; domain=github.com; secure; SameSite=Lax',
    'Set-Cookie', 'logged_in=no; expires=Wed, 24 Nov 2027 08:00:00 GMT; path=/; domain=github.com; secure; HttpOnly; SameSite=Lax',
  ],
  google: [
    'Date', 'Tue, 24 Nov 2026 08:00:00 GMT',
    'Expires', '-1',
    'Cache-Control', 'private, max-age=0',
    'Content-Type', 'text/html; charset=ISO-8859-1',
    'Content-Security-Policy-Report-Only',
    "object-src 'none';base-uri 'self';script-src 'nonce-QX1Hc2x4Zm9v' 'strict-dynamic' 'report-sample' 'unsafe-eval' 'unsafe-inline' https: http:;report-uri https://csp.withgoogle.com/csp/gws/other-hp",
    'Accept-CH', 'Sec-CH-Prefers-Color-Scheme',
    'P3P', 'CP="This is not a P3P policy! See g.co/p3phelp for more info."',
    'Server', 'gws',
    'X-XSS-Protection', '0',
    'X-Frame-Options', 'SAMEORIGIN',
    'Permissions-Policy', 'unload=()',
    'Set-Cookie', 'AEC=AVh_V2iExample; expires=Sun, 24-May-2027 08:00:00 GMT; path=/; domain=.google.com; Secure; HttpOnly; SameSite=lax',
    'Set-Cookie', 'NID=525=Zm9vYmFyExample; expires=Wed, 26-May-2027 08:00:00 GMT; path=/; domain=.google.com; Secure; HttpOnly; SameSite=none',
    'Alt-Svc', 'h3=":443"; ma=2592000,h3-29=":443"; ma=2592000',
  ],
  nginx: [
    'Server', 'nginx/1.22.1',
    'Date', 'Tue, 24 Nov 2026 08:00:00 GMT',
    'Content-Type', 'text/html',
    'Content-Length', '615',
    'Last-Modified', 'Tue, 11 Apr 2023 01:45:34 GMT',
    'Connection', 'keep-alive',
    'ETag', '"6434bbbe-267"',
    'Accept-Ranges', 'bytes',
  ],
  wordpress: [
    'Server', 'nginx',
    'Content-Type', 'text/html; charset=UTF-8',
    'X-Powered-By', 'PHP/8.1.27',
    'Link', '<https://portal.example.gov.vn/wp-json/>; rel="https://api.w.org/"',
    'Strict-Transport-Security', 'max-age=31536000',
    'X-Frame-Options', 'SAMEORIGIN',
    'X-Content-Type-Options', 'nosniff',
    'Referrer-Policy', 'no-referrer-when-downgrade',
    'Content-Security-Policy', 'upgrade-insecure-requests',
    'Set-Cookie', 'PHPSESSID=9k2j3h4g5f6d7s8a9p0o; path=/',
    'Set-Cookie', 'wordpress_test_cookie=WP%20Cookie%20check; path=/; secure',
  ],
  aspnet: [
    'Cache-Control', 'private',
    'Content-Type', 'text/html; charset=utf-8',
    'Server', 'Microsoft-IIS/10.0',
    'X-AspNet-Version', '4.0.30319',
    'Set-Cookie', 'ASP.NET_SessionId=qz1k5p2vx0mlw3ab4cd5ef6g; path=/; HttpOnly; SameSite=Lax',
    'Set-Cookie', '.ASPXAUTH=8F2C3A7B9D1E4F60; path=/; HttpOnly',
    'Strict-Transport-Security', 'max-age=31536000',
    'X-Frame-Options', 'SAMEORIGIN',
    'X-Powered-By', 'ASP.NET',
    'Strict-Transport-Security', 'max-age=31536000; includeSubDomains',
    'X-Frame-Options', 'SAMEORIGIN',
  ],
};

export const SAMPLES: Record<keyof typeof raw, HeaderMap> = {
  github: headerMap(raw.github),
  google: headerMap(raw.google),
  nginx: headerMap(raw.nginx),
  wordpress: headerMap(raw.wordpress),
  aspnet: headerMap(raw.aspnet),
};
