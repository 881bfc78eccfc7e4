import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';
import { html, startRouteServer, type RouteServer } from './route-server.js';

// A portal on 127.0.130.17 whose scripts misbehave, another in-scope host on 127.0.130.18 that the
// portal's scripts point and redirect to, a site on 127.0.130.19 that sends visitors there, and one
// on 127.0.130.21 that shows its front page once and then resets every connection asking for it.
const HOSTILE = '127.0.130.17';
const OTHER = '127.0.130.18';
const LEAVES = '127.0.130.19';
const FLAKY = '127.0.130.21';
const JS = { 'content-type': 'application/javascript' };
const MiB = 1024 * 1024;
const huge = { sent: 0, finished: false };

/** 50 MB of script: jQuery's banner first, Bootstrap's after 2 MiB, where no reader capped at 1 MiB can see it. */
function hugeScript(res: ServerResponse): void {
  res.writeHead(200, JS);
  const filler = Buffer.alloc(64 * 1024, 'a');
  const pump = () => {
    while (huge.sent < 50 * MiB) {
      const chunk = huge.sent === 0 ? Buffer.from('/*! jQuery v1.8.3 jquery.com | jquery.org/license */\n') : huge.sent >= 2 * MiB && huge.sent < 2 * MiB + filler.length ? Buffer.from('/*! Bootstrap v9.9.9 (https://getbootstrap.com) */') : filler;
      huge.sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    huge.finished = true;
    res.end();
  };
  pump();
}

/** Bytes no text decoder makes sense of, the same on every run. */
function garbage(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let state = 0x2545f491;
  for (let i = 0; i < size; i++) bytes[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  return bytes;
}

const servers: RouteServer[] = [];
let hostile: RouteServer;
let other: RouteServer;
let audit: InProcessAudit;

beforeAll(async () => {
  const scripts = ['/ok.js', '/huge.js', '/garbage.js', '/moved.js', `http://${OTHER}:8080/direct.js`, '/hang.js', '/s1.js', '/s2.js', '/s3.js'];
  hostile = await startRouteServer(HOSTILE, 8080, {
    '/': html(scripts.map((src) => `<script src="${src}"></script>`).join('')),
    '/ok.js': { headers: JS, body: '/*! jQuery v1.12.4 | (c) jQuery Foundation | jquery.org/license */' },
    '/huge.js': (_req, res) => hugeScript(res),
    '/garbage.js': { headers: JS, body: garbage(256 * 1024) },
    '/moved.js': { status: 302, headers: { location: `http://${OTHER}:8080/moved.js` } },
    '/hang.js': () => undefined,
    '/s1.js': { headers: JS, body: '/*! jQuery v3.0.0 */' },
    '/s2.js': { headers: JS, body: '/*! jQuery v3.1.0 */' },
    '/s3.js': { headers: JS, body: '/*! jQuery v3.2.0 */' },
  });
  const elsewhere = { headers: JS, body: '/*! jQuery v2.2.4 | (c) jQuery Foundation */' };
  other = await startRouteServer(OTHER, 8080, { '/': html(''), '/moved.js': elsewhere, '/direct.js': elsewhere });
  servers.push(hostile, other, await startRouteServer(LEAVES, 8080, {}, { status: 301, headers: { location: `http://${OTHER}:8080/` } }));
  let frontPages = 0;
  servers.push(
    await startRouteServer(FLAKY, 8080, {
      '/': (req, res) => {
        // The HTTP scanner's own plain GET comes first; its CORS and TRACE requests are left alone.
        if (req.method === 'GET' && !req.headers.origin && ++frontPages > 1) return void req.socket.destroy();
        res.writeHead(200, { 'content-type': 'text/html', server: 'nginx/1.24.0' }).end('<html><body>ok</body></html>');
      },
    }),
  );
  audit = await auditInProcess([HOSTILE, OTHER, LEAVES, FLAKY], {
    ports: '8080',
    scanners: ['ports', 'http', 'software'],
    http: { timeoutMs: 3000 },
    software: { timeoutMs: 1500, maxScripts: 6 },
  });
}, 120_000);

afterAll(() => Promise.all(servers.map((s) => s.close())));

const products = (host: string) => audit.facts('software.product', { host }).map((p) => `${p.product} ${p.version} ${p.location.replace(/^http:\/\/[\d.]+:8080/, '')}`).sort();

describe('hostile scripts', () => {
  it('do not stop the scan, and what can be read is still named', () => {
    expect(audit.status).toBe('complete');
    expect(audit.facts('scan.error', { host: HOSTILE })).toEqual([]);
    expect(products(HOSTILE)).toContain('jquery 1.12.4 /ok.js');
  });

  it('are read only up to the size cap: 50 MB is cut at 1 MiB, so a banner beyond it is never seen', () => {
    expect(products(HOSTILE)).toContain('jquery 1.8.3 /huge.js');
    expect(products(HOSTILE).some((p) => p.startsWith('bootstrap'))).toBe(false);
    expect(huge.finished).toBe(false);
  });

  it('stay on the site: a redirect to another host and a script on another host are not followed, even in scope', () => {
    expect(other.requests).not.toContain('/moved.js');
    expect(other.requests).not.toContain('/direct.js');
    expect(products(HOSTILE).some((p) => p.includes('2.2.4'))).toBe(false);
  });

  it('are read at most maxScripts per site (binary garbage and a hanging one among them)', () => {
    for (const path of ['/ok.js', '/huge.js', '/garbage.js', '/moved.js', '/hang.js', '/s1.js']) expect(hostile.requests.filter((r) => r === path), path).toHaveLength(1);
    expect(hostile.requests).not.toContain('/s2.js');
    expect(hostile.requests).not.toContain('/s3.js');
    expect(products(HOSTILE).filter((p) => p.startsWith('jquery '))).toEqual(['jquery 1.12.4 /ok.js', 'jquery 1.8.3 /huge.js', 'jquery 3.0.0 /s1.js']);
  });
});

describe('a site that sends its visitors to another host', () => {
  it('is fingerprinted where it lands, not under its own name', () => {
    expect(audit.facts('http.site', { host: LEAVES })[0]?.finalUrl).toBe(`http://${OTHER}:8080/`);
    expect(audit.facts('software.product', { host: LEAVES })).toEqual([]);
    expect(audit.outcome('software.web.version-disclosed', LEAVES)).toBe('not-applicable');
  });
});

describe('a front page that cannot be read any more', () => {
  it('is a scan error of the software scanner, not a silent nothing', () => {
    expect(audit.facts('http.site', { host: FLAKY })).toHaveLength(1);
    const errors = audit.facts('scan.error', { host: FLAKY }).filter((e) => e.scanner === 'software');
    expect(errors).toEqual([expect.objectContaining({ reason: 'reset', message: expect.stringMatching(/^http:\/\/127\.0\.130\.21:8080\/: /) })]);
    expect(audit.facts('software.product', { host: FLAKY })).toEqual([]);
    expect(audit.outcome('software.web.version-disclosed', FLAKY)).toBe('not-applicable');
  });
});
