/**
 * The HTTP bench's web sites, run as a child process of the bench. Receives the site list and a
 * TLS key over IPC, binds every site, answers { ready: count }, then serves until killed. On
 * { type: 'mark' } it answers the requests and connections counted since the last mark (and,
 * when asked, the requests themselves) and starts counting afresh, so the log never outgrows
 * one run.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { FleetSite, ServedRequest, ServedStats, SiteKind } from './http-fleet.js';
import { HTTPS_PORT } from './http-fleet.js';
import { assertSafeTarget } from './safety.js';

let stats: ServedStats = fresh();
let log: ServedRequest[] = [];

function fresh(): ServedStats {
  return { requests: 0, connections: 0, tlsHandshakes: 0, methods: {} };
}

const GOOD_HEADERS: Record<string, string> = {
  server: 'nginx',
  'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};
const HSTS = { 'strict-transport-security': 'max-age=31536000; includeSubDomains; preload' };
const WEAK_HEADERS: Record<string, string> = { server: 'Apache/2.4.41 (Ubuntu)', 'x-powered-by': 'PHP/7.4.3' };

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
const FRONT = page('Cổng thông tin điện tử', '<p>Chào mừng đến với cổng thông tin.</p><a href="/tin-tuc">Tin tức</a>');
const NOT_FOUND = page('404 Not Found', '<p>Not Found</p>');
const friendly = (path: string) => page('Cổng thông tin', `<p>Trang bạn tìm (${escape(path)}) không tồn tại. Quay về trang chủ.</p>`);
const escape = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

const EXPOSED_FILES: Record<string, string> = {
  '/.git/HEAD': 'ref: refs/heads/main\n',
  '/.git/config': '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n',
  '/.env': 'APP_ENV=production\nDB_HOST=127.0.0.1\nDB_PASSWORD=hunter2-bench\nAPP_KEY=base64:bench\n',
};

function answer(site: FleetSite, req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  const kind: SiteKind = site.kind;
  if (kind === 'https-redirect' && site.scheme === 'http') {
    res.writeHead(301, { location: `https://${site.host}:${HTTPS_PORT}${path}`, 'content-type': 'text/html' }).end(page('301 Moved', ''));
    return;
  }
  const headers: Record<string, string | string[]> =
    kind === 'good' ? { ...GOOD_HEADERS } : kind === 'https-redirect' ? { ...GOOD_HEADERS, ...HSTS } : { ...WEAK_HEADERS };
  if (kind === 'weak' && req.headers.origin) headers['access-control-allow-origin'] = req.headers.origin;
  if (req.method === 'TRACE') {
    if (kind === 'weak') res.writeHead(200, { ...headers, 'content-type': 'message/http' }).end(`TRACE ${path} HTTP/1.1\r\nhost: ${req.headers.host}\r\n\r\n`);
    else res.writeHead(405, headers).end();
    return;
  }
  if (path === '/' || path.startsWith('/?')) {
    if (kind === 'cookies') {
      headers['set-cookie'] = [
        'PHPSESSID=8f3a9c0e1b2d4f6a; path=/',
        'JSESSIONID=0A1B2C3D4E5F; Path=/; HttpOnly',
        '__Host-sid=ok; Path=/; Secure; HttpOnly; SameSite=Lax',
        'lang=vi; Path=/',
      ];
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(FRONT);
    return;
  }
  if (path === '/robots.txt') {
    res.writeHead(200, { ...headers, 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /admin/\nDisallow: /backup/\n');
    return;
  }
  if (kind === 'exposed' && EXPOSED_FILES[path]) {
    res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream' }).end(EXPOSED_FILES[path]);
    return;
  }
  if (kind === 'catch-all') {
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(friendly(path));
    return;
  }
  res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end(NOT_FOUND);
}

function serve(site: FleetSite, tls: { key: string; cert: string }): Promise<Server> {
  assertSafeTarget(site.host, site.port);
  const origin = `${site.scheme}://${site.host}${site.port === (site.scheme === 'https' ? 443 : 80) ? '' : `:${site.port}`}`;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const method = req.method ?? 'GET';
    stats.methods[method] = (stats.methods[method] ?? 0) + 1;
    log.push({ method, url: `${origin}${req.url ?? '/'}` });
    req.resume();
    answer(site, req, res);
  };
  const server: Server = site.scheme === 'https' ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  server.on('connection', (socket) => {
    stats.connections++;
    // Scanners may close with RST; an ECONNRESET here is expected, never a reason to crash.
    socket.on('error', () => {});
  });
  if (site.scheme === 'https') server.on('secureConnection', () => stats.tlsHandshakes++);
  server.on('clientError', (_error, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: site.host, port: site.port, backlog: 1024 }, () => {
      server.off('error', reject);
      server.on('error', () => {});
      resolve(server);
    });
  });
}

process.on('disconnect', () => process.exit(0));
process.on('message', async (message: { type: 'start'; sites: FleetSite[]; tls: { key: string; cert: string } } | { type: 'mark'; log: boolean }) => {
  if (message.type === 'mark') {
    process.send!({ stats, log: message.log ? log : [] });
    stats = fresh();
    log = [];
    return;
  }
  try {
    const servers = await Promise.all(message.sites.map((site) => serve(site, message.tls)));
    process.send!({ ready: servers.length });
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect();
  }
});
