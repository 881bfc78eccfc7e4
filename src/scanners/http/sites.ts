import type { HostTarget } from '../../core/model/target.js';

/** A web site of a host: scheme, port, and the page to start from. */
export interface Site {
  origin: string;
  scheme: 'http' | 'https';
  port: number;
  /** The front page: the path of a URL target, else "/". */
  path: string;
}

export const HTTP_PORTS: readonly number[] = [80, 591, 3000, 5000, 7001, 8000, 8008, 8080, 8081, 8888, 9080];
export const HTTPS_PORTS: readonly number[] = [443, 4443, 7002, 8443, 8843, 9443, 10443];

export interface SitePorts {
  httpPorts: readonly number[];
  httpsPorts: readonly number[];
}

/**
 * The sites to audit on a host: every URL the user gave, then every open port that usually
 * carries HTTP or HTTPS (or was named with --http-ports / --https-ports), one site per origin.
 */
export function sitesOf(target: HostTarget, openPorts: readonly number[], ports: SitePorts): Site[] {
  const sites = new Map<string, Site>();
  const hostPart = target.host.includes(':') ? `[${target.host}]` : target.host;
  for (const raw of target.urls) {
    const url = new URL(raw);
    const scheme = url.protocol === 'https:' ? 'https' : 'http';
    const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
    const origin = originOf(scheme, hostPart, port);
    if (!sites.has(origin)) sites.set(origin, { origin, scheme, port, path: `${url.pathname}${url.search}` || '/' });
  }
  const open = new Set(openPorts);
  for (const [scheme, list] of [['https', ports.httpsPorts], ['http', ports.httpPorts]] as const) {
    for (const port of list) {
      if (!open.has(port)) continue;
      const origin = originOf(scheme, hostPart, port);
      const other = originOf(scheme === 'https' ? 'http' : 'https', hostPart, port);
      if (!sites.has(origin) && !sites.has(other)) sites.set(origin, { origin, scheme, port, path: '/' });
    }
  }
  return [...sites.values()];
}

function originOf(scheme: 'http' | 'https', host: string, port: number): string {
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}`;
}
