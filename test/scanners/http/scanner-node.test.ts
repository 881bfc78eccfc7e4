import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue } from '../../../fixtures/certs/generate.js';
import { startWebServer, type WebServer } from '../../../fixtures/servers/web.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// Web sites built in the test on 127.0.81.x: a hardened portal, a weak one with real exposures, a
// catch-all CMS that answers 200 everywhere, and a redirect that leaves the scope.
const HARDENED = '127.0.81.1';
const WEAK = '127.0.81.2';
const CATCH_ALL = '127.0.81.3';
const LEAVES_SCOPE = '127.0.81.4';
const OUTSIDER = '127.0.81.200';
const servers: WebServer[] = [];
let outsider: WebServer;
let audit: InProcessAudit;

const SPAM_PAGE = `<!doctype html><html><head><title>UBND xã Demo</title><meta name="generator" content="WordPress 5.2.1"></head><body>
<h1>Cổng thông tin điện tử</h1><p>Thông báo lịch tiếp công dân.</p>
<div style="display:none"><a href="https://nha-cai-uy-tin.example/">nhà cái uy tín</a> <a href="https://slot.example/">nổ hũ đổi thưởng</a></div>
<script src="http://cdn.example/jquery.js"></script></body></html>`;

beforeAll(async () => {
  const cert = issue({ subject: '/CN=portal.test', san: ['IP:127.0.81.1'] });
  servers.push(
    await startWebServer(HARDENED, 8443, {
      tls: cert,
      headers: {
        'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
        'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; report-uri /csp",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'permissions-policy': 'camera=()',
        'cross-origin-opener-policy': 'same-origin',
        'set-cookie': ['__Host-session=abc; Secure; HttpOnly; SameSite=Lax; Path=/'],
      },
      files: { '/.well-known/security.txt': { body: 'Contact: mailto:security@portal.test\nExpires: 2030-01-01T00:00:00Z\n' }, '/robots.txt': { body: 'User-agent: *\nDisallow: /search\n' } },
    }),
    await startWebServer(HARDENED, 8080, { redirectTo: 'https://127.0.81.1:8443' }),
    await startWebServer(WEAK, 8080, {
      headers: { server: 'Apache/2.4.29 (Ubuntu)', 'x-powered-by': 'PHP/7.2.1', 'set-cookie': ['PHPSESSID=123456; path=/', 'lang=vi'] },
      frontPage: SPAM_PAGE,
      trace: true,
      cors: 'reflect-credentials',
      files: {
        '/.git/HEAD': { body: 'ref: refs/heads/master\n' },
        '/.env': { body: 'APP_ENV=production\nDB_PASSWORD=SieuBiMat2024\n' },
        '/phpinfo.php': { body: '<html><head><title>phpinfo()</title></head><body><h1 class="p">PHP Version 7.2.1</h1></body></html>', contentType: 'text/html' },
        '/uploads/': { body: '<html><head><title>Index of /uploads</title></head><body><h1>Index of /uploads</h1><a href="cmnd.pdf">cmnd.pdf</a></body></html>', contentType: 'text/html' },
        '/robots.txt': { body: 'User-agent: *\nDisallow: /quantri/\nDisallow: /backup/\n' },
      },
    }),
    await startWebServer(CATCH_ALL, 8080, { catchAll: true, headers: { 'set-cookie': 'ASP.NET_SessionId=x; path=/; HttpOnly' } }),
    await startWebServer(LEAVES_SCOPE, 8080, { redirectTo: `http://${OUTSIDER}:8080` }),
  );
  outsider = await startWebServer(OUTSIDER, 8080, {});
  audit = await auditInProcess([HARDENED, WEAK, CATCH_ALL, LEAVES_SCOPE], { ports: '8080,8443', scanners: ['ports', 'http'], http: { timeoutMs: 3000 } });
}, 120_000);

afterAll(async () => {
  await Promise.all([...servers, outsider].map((s) => s.close()));
});

describe('a hardened portal', () => {
  it('passes every header, cookie and transport rule, and scores A or better', () => {
    expect(audit.failed(HARDENED)).toEqual([]);
    expect(audit.outcome('http.header.hsts-missing', HARDENED)).toBe('pass');
    expect(audit.outcome('http.redirect.https-missing', HARDENED)).toBe('pass');
    expect(audit.outcome('http.cookie.secure-missing', HARDENED)).toBe('pass');
    const score = audit.facts('http.score', { host: HARDENED, port: 8443 })[0];
    expect(score?.score).toBeGreaterThanOrEqual(90);
  });

  it('sees the plain-HTTP port send visitors straight to HTTPS', () => {
    expect(audit.facts('http.redirect', { host: HARDENED, port: 8080 })[0]).toMatchObject({ firstHopHttps: true, finalHttps: true, status: 301 });
  });
});

describe('a weak portal', () => {
  it('fails the rules it breaks', () => {
    expect(audit.failed(WEAK)).toEqual(
      expect.arrayContaining([
        'http.redirect.https-missing',
        'http.header.csp-missing',
        'http.header.framing-unrestricted',
        'http.header.xcto-missing',
        'http.disclosure.version',
        'http.method.trace-enabled',
        'http.cors.credentials-any-origin',
        'http.cookie.httponly-missing',
        'http.cookie.samesite-missing',
        'http.exposure.vcs-repository',
        'http.exposure.secrets-file',
        'http.exposure.diagnostics',
        'http.exposure.directory-listing',
        'http.wellknown.security-txt-missing',
        'http.wellknown.robots-sensitive',
        'http.content.hidden-links',
        'http.content.spam-terms',
      ]),
    );
  });

  it('verifies exposures by content and keeps secrets out of the evidence', () => {
    const found = Object.fromEntries(audit.facts('http.exposure', { host: WEAK }).map((e) => [e.check, e]));
    expect(Object.keys(found).sort()).toEqual(['directory-listing', 'env-file', 'git-repository', 'phpinfo']);
    expect(found['git-repository']).toMatchObject({ path: '/.git/HEAD', status: 200 });
    expect(found['env-file']?.evidence).not.toContain('SieuBiMat2024');
  });

  it('records every Set-Cookie and the disclosed versions', () => {
    expect(audit.facts('http.cookie', { host: WEAK }).map((c) => c.name).sort()).toEqual(['PHPSESSID', 'lang']);
    expect(audit.facts('http.site', { host: WEAK })[0]).toMatchObject({ server: 'Apache/2.4.29 (Ubuntu)', poweredBy: 'PHP/7.2.1', generator: 'WordPress 5.2.1', versionDisclosed: true });
  });
});

describe('a catch-all site that answers 200 for every path', () => {
  it('is recognised as such and produces no exposure finding at all', () => {
    expect(audit.facts('http.soft404', { host: CATCH_ALL })[0]).toMatchObject({ catchAll: true, status: 200 });
    expect(audit.facts('http.exposure', { host: CATCH_ALL })).toEqual([]);
    const exposureVerdicts = audit.findings.filter((f) => f.host === CATCH_ALL && f.ruleId.startsWith('http.exposure.'));
    expect(exposureVerdicts.length).toBeGreaterThan(5);
    expect(exposureVerdicts.every((f) => f.outcome === 'pass')).toBe(true);
  });
});

describe('scope', () => {
  it('never follows a redirect to a host outside the scope', () => {
    expect(audit.facts('http.site', { host: LEAVES_SCOPE })[0]).toMatchObject({ stopped: 'out-of-scope', redirects: 0 });
    expect(outsider.requests).toEqual([]);
  });
});
