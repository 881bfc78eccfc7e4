import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue } from '../../../fixtures/certs/generate.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// Web sites on 127.0.101.x that count what the HTTP scanner's connections look like from the
// server: a well-behaved one (HTTP and HTTPS), one that resets every connection when a second
// request arrives on it, and one that closes idle kept-alive connections at once. Each serves a
// real .git/HEAD and .env, which must be found through every one of them.
const COUNTING = '127.0.101.1';
const RESETS_SECOND = '127.0.101.2';
const CLOSES_IDLE = '127.0.101.3';

type Behaviour = 'normal' | 'reset-second' | 'close-idle';

interface Counted {
  connections: number;
  handshakes: number;
  requests: number;
  resets: number;
}

const FILES: Record<string, string> = {
  '/.git/HEAD': 'ref: refs/heads/main\n',
  '/.env': 'APP_ENV=production\nDB_PASSWORD=keep-alive-test\n',
};

const servers: Server[] = [];
const counts = new Map<string, Counted>();
let audit: InProcessAudit;

async function serve(host: string, port: number, behaviour: Behaviour, tls?: { key: string; cert: string }): Promise<Counted> {
  const counted: Counted = { connections: 0, handshakes: 0, requests: 0, resets: 0 };
  const perSocket = new WeakMap<Socket, number>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const served = (perSocket.get(socket) ?? 0) + 1;
    perSocket.set(socket, served);
    if (behaviour === 'reset-second' && served > 1) {
      counted.resets++;
      socket.resetAndDestroy();
      return;
    }
    counted.requests++;
    req.resume();
    const body = FILES[req.url ?? ''];
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Trang chủ</body></html>');
    else if (body) res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
  };
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  if (behaviour === 'close-idle') server.keepAliveTimeout = 1;
  server.on('connection', (socket: Socket) => {
    counted.connections++;
    socket.on('error', () => undefined);
  });
  if (tls) server.on('secureConnection', () => counted.handshakes++);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(port, host, ready));
  counts.set(`${host}:${port}`, counted);
  return counted;
}

beforeAll(async () => {
  const cert = issue({ subject: '/CN=keep-alive.test', keyType: 'ec', san: [`IP:${COUNTING}`] });
  await serve(COUNTING, 8080, 'normal');
  await serve(COUNTING, 8443, 'normal', cert);
  await serve(RESETS_SECOND, 8080, 'reset-second');
  await serve(CLOSES_IDLE, 8080, 'close-idle');
  audit = await auditInProcess([COUNTING, RESETS_SECOND, CLOSES_IDLE], { ports: '8080,8443', scanners: ['ports', 'http'], http: { timeoutMs: 5000 } });
}, 120_000);

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

const exposures = (host: string, port: number) => audit.facts('http.exposure', { host, port }).map((e) => e.check).sort();

describe('HTTP keep-alive', () => {
  it('sends a site many requests over a few connections', () => {
    const http = counts.get(`${COUNTING}:8080`)!;
    const https = counts.get(`${COUNTING}:8443`)!;
    expect(http.requests).toBeGreaterThan(50);
    expect(https.requests).toBeGreaterThan(50);
    // One connection per request without keep-alive; the port scan adds one or two of its own.
    expect(http.connections).toBeLessThan(http.requests / 4);
    expect(https.handshakes).toBeLessThan(https.requests / 4);
    expect(exposures(COUNTING, 8080)).toEqual(['env-file', 'git-repository']);
    expect(exposures(COUNTING, 8443)).toEqual(['env-file', 'git-repository']);
  });

  it('resends a request once on a new connection when the server drops a reused one', () => {
    const counted = counts.get(`${RESETS_SECOND}:8080`)!;
    expect(counted.resets).toBeGreaterThan(0);
    expect(exposures(RESETS_SECOND, 8080)).toEqual(['env-file', 'git-repository']);
    expect(audit.facts('http.soft404', { host: RESETS_SECOND })[0]?.probes).toBe(3);
  });

  it('copes with a server closing idle connections at once', () => {
    expect(exposures(CLOSES_IDLE, 8080)).toEqual(['env-file', 'git-repository']);
    expect(audit.facts('http.soft404', { host: CLOSES_IDLE })[0]?.probes).toBe(3);
  });

  it('loses no site to a dropped connection', () => {
    expect(audit.status).toBe('complete');
    expect(audit.observations.filter((o) => o.kind === 'scan.error')).toEqual([]);
    for (const host of [COUNTING, RESETS_SECOND, CLOSES_IDLE]) expect(audit.facts('http.site', { host, port: 8080 }), host).toHaveLength(1);
  });

  it('answers every request the well-behaved server answers, whatever the server does with connections', () => {
    const answered = (host: string) => counts.get(`${host}:8080`)!.requests;
    expect(answered(RESETS_SECOND)).toBe(answered(COUNTING));
    expect(answered(CLOSES_IDLE)).toBe(answered(COUNTING));
  });
});
