import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { readIfThere, waitForPort } from '../../fixtures/servers/daemon.js';
import type { NginxTlsSite } from '../../fixtures/servers/nginx.js';
import { assertSafeTarget } from './safety.js';

/** A server block of the fleet: fixtures/servers/nginx.ts's site plus SNI routing. */
export interface FleetSite extends NginxTlsSite {
  /** server_name of a name-based server block; null: the address's default server. */
  serverName: string | null;
}

export interface RunningNginx {
  prefix: string;
  /** The master and its workers, for CPU accounting. */
  pids(): number[];
  /** stub_status "accepts": TCP connections nginx has accepted so far (this query's own included). */
  accepts(): Promise<number>;
  stop(): Promise<void>;
}

/** Well above what two scanners need at once, and below the usual open-file limits (nginx cannot raise them unprivileged). */
const WORKER_CONNECTIONS = 8192;
const READY_TRIES = 200;

/**
 * One nginx master with many server blocks, in its own prefix. This follows
 * fixtures/servers/nginx.ts (startNginx) but is sized for a fleet: that fixture runs a single
 * process with worker_connections 256, which a hundred listeners and two scanners overrun
 * ("256 worker_connections are not enough, reusing connections": nginx then drops handshakes in
 * progress, and the scanners see endpoints with missing suites or no TLS at all). It also adds
 * name-based server blocks (SNI) and a stub_status listener that counts accepted connections.
 */
export async function startNginxFleet(
  sites: FleetSite[],
  options: { prefix: string; workers: number; status: { host: string; port: number } },
): Promise<RunningNginx> {
  const { prefix, workers, status } = options;
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  assertSafeTarget(status.host, status.port);
  const defaults = new Set<string>();
  const servers = sites.map((site, i) => {
    assertSafeTarget(site.host, site.port);
    const listen = `${site.host}:${site.port}`;
    // The first block of an address without server_name is its default server.
    const isDefault = site.serverName === null && !defaults.has(listen);
    if (isDefault) defaults.add(listen);
    writeFileSync(join(prefix, `site${i}.key`), site.key, { mode: 0o600 });
    writeFileSync(join(prefix, `site${i}.crt`), site.cert);
    return [
      'server {',
      `  listen ${listen} ssl${isDefault ? ' default_server' : ''};`,
      ...(site.serverName ? [`  server_name ${site.serverName};`] : []),
      `  ssl_certificate ${join(prefix, `site${i}.crt`)};`,
      `  ssl_certificate_key ${join(prefix, `site${i}.key`)};`,
      `  ssl_protocols ${site.protocols};`,
      ...(site.ciphers ? [`  ssl_ciphers '${site.ciphers}';`] : []),
      `  ssl_prefer_server_ciphers ${site.preferServerCiphers === false ? 'off' : 'on'};`,
      ...(site.extra ?? []).map((line) => `  ${line}`),
      '  location / { return 200 "ok\\n"; }',
      '}',
    ].join('\n');
  });
  const conf = [
    'daemon off;',
    'master_process on;',
    `worker_processes ${workers};`,
    `pid ${join(prefix, 'nginx.pid')};`,
    `error_log ${join(prefix, 'logs', 'error.log')} warn;`,
    `events { worker_connections ${WORKER_CONNECTIONS}; }`,
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${join(prefix, 'body')};`,
    `  proxy_temp_path ${join(prefix, 'proxy')};`,
    `  fastcgi_temp_path ${join(prefix, 'fastcgi')};`,
    `  uwsgi_temp_path ${join(prefix, 'uwsgi')};`,
    `  scgi_temp_path ${join(prefix, 'scgi')};`,
    `  server { listen ${status.host}:${status.port}; location = /status { stub_status; } }`,
    ...servers,
    '}',
    '',
  ].join('\n');
  writeFileSync(join(prefix, 'nginx.conf'), conf);

  const child: ChildProcess = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const log = () => `${stderr}${readIfThere(join(prefix, 'logs', 'error.log'))}`.trim().slice(-2000);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killNow);
  try {
    const listens = [...new Set(sites.map((s) => `${s.host} ${s.port}`)), `${status.host} ${status.port}`];
    for (const listen of listens) {
      const [host, port] = listen.split(' ');
      await waitForPort('nginx', host!, Number(port), child, log, READY_TRIES);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    prefix,
    pids: () => (child.pid === undefined ? [] : [child.pid, ...childrenOf(child.pid)]),
    accepts: () => stubStatusAccepts(status.host, status.port),
    stop,
  };
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function stubStatusAccepts(host: string, port: number): Promise<number> {
  assertSafeTarget(host, port);
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/status', agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        // "Active connections: 1 \nserver accepts handled requests\n 12 12 12 \n..."
        const match = /server accepts handled requests\s+(\d+)\s+(\d+)/.exec(body);
        if (match) resolve(Number(match[1]));
        else reject(new Error(`unexpected stub_status answer: ${body.slice(0, 200)}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error('stub_status timed out')));
    req.on('error', reject);
    req.end();
  });
}

export function nginxTroubles(prefix: string): string[] {
  return readIfThere(join(prefix, 'logs', 'error.log'))
    .split('\n')
    .filter((line) => /worker_connections|Too many open files|accept\(\) failed|\[(alert|emerg|crit)\]/.test(line));
}
