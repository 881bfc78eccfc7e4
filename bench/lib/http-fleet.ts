import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertSafeTarget, FORBIDDEN_PORT } from './safety.js';

/**
 * The web sites of the HTTP bench, one kind per host in turn, so every kind is spread evenly over
 * the fleet (and over any prefix of it, such as the 64-host memory run):
 * - good: every security header, a real 404
 * - weak: no security headers, versioned Server and X-Powered-By, TRACE on, CORS reflecting any origin
 * - catch-all: "200 OK" with a friendly page for every path (soft 404), echoing the path
 * - exposed: a real `.git/HEAD`, `.git/config` and `.env`, a real 404 elsewhere
 * - https-redirect: port 80 answers 301 to https://<host>:8443/, where an HSTS site lives
 * - cookies: session cookies without flags, and one done right
 */
export const SITE_KINDS = ['good', 'weak', 'catch-all', 'exposed', 'https-redirect', 'cookies'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const HTTP_PORT = 80;
/** Every fourth host also runs an application on 8080 (the same kind of site). */
export const ALT_HTTP_PORT = 8080;
export const HTTPS_PORT = 8443;

export interface FleetSite {
  host: string;
  port: number;
  scheme: 'http' | 'https';
  kind: SiteKind;
}

export interface HttpFleetPlan {
  hosts: string[];
  sites: FleetSite[];
  kinds: Map<string, SiteKind>;
  targetSpec: string;
  /** The ports rasoat is told to probe: exactly the fleet's. */
  ports: number[];
}

export function planHttpFleet(subnet: string, hostCount: number): HttpFleetPlan {
  const hosts: string[] = [];
  const sites: FleetSite[] = [];
  const kinds = new Map<string, SiteKind>();
  for (let i = 1; i <= hostCount; i++) {
    const host = `${subnet}.${i}`;
    const kind = SITE_KINDS[(i - 1) % SITE_KINDS.length]!;
    hosts.push(host);
    kinds.set(host, kind);
    sites.push({ host, port: HTTP_PORT, scheme: 'http', kind });
    if (i % 4 === 0 && kind !== 'https-redirect') sites.push({ host, port: ALT_HTTP_PORT, scheme: 'http', kind });
    if (kind === 'https-redirect') sites.push({ host, port: HTTPS_PORT, scheme: 'https', kind });
  }
  for (const site of sites) assertSafeTarget(site.host, site.port);
  return {
    hosts,
    sites,
    kinds,
    targetSpec: hostCount === 1 ? `${subnet}.1` : `${subnet}.1-${hostCount}`,
    ports: [HTTP_PORT, ALT_HTTP_PORT, HTTPS_PORT],
  };
}

/** The sites of the first `hostCount` hosts only. */
export function prefixOf(plan: HttpFleetPlan, hostCount: number): HttpFleetPlan {
  const hosts = plan.hosts.slice(0, hostCount);
  const keep = new Set(hosts);
  const subnet = hosts[0]!.split('.').slice(0, 3).join('.');
  return {
    hosts,
    sites: plan.sites.filter((s) => keep.has(s.host)),
    kinds: new Map([...plan.kinds].filter(([host]) => keep.has(host))),
    targetSpec: hostCount === 1 ? `${subnet}.1` : `${subnet}.1-${hostCount}`,
    ports: plan.ports,
  };
}

/** What the fleet served between two marks, counted on the server side. */
export interface ServedStats {
  requests: number;
  /** TCP connections accepted (HTTP and HTTPS). */
  connections: number;
  /** TLS handshakes completed. */
  tlsHandshakes: number;
  /** Requests by method. */
  methods: Record<string, number>;
}

export interface ServedRequest {
  method: string;
  url: string;
}

export interface RunningHttpFleet {
  pid: number;
  /** Counts (and, with `log`, the requests) since the previous mark; starts a new count. */
  mark(log?: boolean): Promise<{ stats: ServedStats; log: ServedRequest[] }>;
  stop(): void;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Serves the sites from a child Node process, so answering costs neither rasoat's CPU nor its
 * event loop (the child's CPU time is reported apart).
 */
export async function startHttpFleet(plan: HttpFleetPlan, tls: { key: string; cert: string }): Promise<RunningHttpFleet> {
  if (plan.sites.some((s) => s.port === FORBIDDEN_PORT)) throw new Error(`fleet may not use port ${FORBIDDEN_PORT}`);
  const childScript = fileURLToPath(new URL('./http-fleet-child.js', import.meta.url));
  const child = spawn(process.execPath, [childScript], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('HTTP fleet child did not become ready in time')), READY_TIMEOUT_MS);
      child.once('exit', (code, signal) => reject(new Error(`HTTP fleet child exited early (code ${code}, signal ${signal})`)));
      child.once('message', (message: { ready?: number; error?: string }) => {
        clearTimeout(timer);
        if (message.error) return reject(new Error(`HTTP fleet child: ${message.error}`));
        if (message.ready !== plan.sites.length) return reject(new Error(`HTTP fleet child bound ${message.ready} sites, expected ${plan.sites.length}`));
        child.removeAllListeners('exit');
        resolve();
      });
      child.send({ type: 'start', sites: plan.sites, tls });
    });
  } catch (error) {
    stop();
    throw error;
  }
  return { pid: child.pid!, mark: (log = false) => ask(child, log), stop };
}

function ask(child: ChildProcess, log: boolean): Promise<{ stats: ServedStats; log: ServedRequest[] }> {
  return new Promise((resolve) => {
    child.once('message', (message: { stats: ServedStats; log: ServedRequest[] }) => resolve(message));
    child.send({ type: 'mark', log });
  });
}
