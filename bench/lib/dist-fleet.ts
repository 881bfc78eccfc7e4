import { ALT_HTTP_PORT, HTTPS_PORT, SITE_KINDS, type FleetSite, type HttpFleetPlan, type SiteKind } from './http-fleet.js';
import { BENCH_NET } from './dist-args.js';
import { assertSafeTarget } from './safety.js';

/** The scanned ports: the fleet's two, nothing else (port 2024 is excluded besides). */
export const DIST_PORTS = [ALT_HTTP_PORT, HTTPS_PORT];

export interface DistFleetPlan extends HttpFleetPlan {
  /** The targets as CIDR blocks covering exactly the first `hosts` addresses of 127.66.0.0/16. */
  cidrs: string[];
  hostCount: number;
}

/** The n-th address of 127.66.0.0/16. */
export function addressAt(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 0xffff) throw new Error(`address index ${index} outside 127.66.0.0/16`);
  return `${BENCH_NET}.${index >> 8}.${index & 0xff}`;
}

/** The fewest CIDR blocks covering [start, start + count) of 127.66.0.0/16, largest first. */
export function cidrsOf(start: number, count: number): string[] {
  const blocks: string[] = [];
  let at = start;
  const end = start + count;
  while (at < end) {
    let size = 1;
    // Grow while aligned and inside the range.
    while (at % (size * 2) === 0 && at + size * 2 <= end) size *= 2;
    blocks.push(`${addressAt(at)}/${32 - Math.log2(size)}`);
    at += size;
  }
  return blocks;
}

/**
 * `sites` web sites spread evenly over the first `hosts` addresses, kinds in turn as in the HTTP
 * bench (good, weak, catch-all, exposed, https-redirect, cookies): each on 8080; the HTTPS kind's
 * 8080 redirects to its HTTPS site on 8443. Every other address answers nothing on either port
 * (closed ports on loopback answer RST at once).
 */
export function planDistFleet(hosts: number, sites: number): DistFleetPlan {
  const hostList: string[] = [];
  const fleetSites: FleetSite[] = [];
  const kinds = new Map<string, SiteKind>();
  for (let k = 0; k < sites; k++) {
    const host = addressAt(Math.floor(((k + 0.5) * hosts) / sites));
    const kind = SITE_KINDS[k % SITE_KINDS.length]!;
    hostList.push(host);
    kinds.set(host, kind);
    fleetSites.push({ host, port: ALT_HTTP_PORT, scheme: 'http', kind });
    if (kind === 'https-redirect') fleetSites.push({ host, port: HTTPS_PORT, scheme: 'https', kind });
  }
  for (const site of fleetSites) assertSafeTarget(site.host, site.port);
  const cidrs = cidrsOf(0, hosts);
  return { hosts: hostList, sites: fleetSites, kinds, targetSpec: cidrs.join(' '), ports: DIST_PORTS, cidrs, hostCount: hosts };
}

/** The queue-overhead runs' targets: the first `count` addresses of 127.66.255.0/24, which holds no web site. */
export function overheadCidrs(count: number): string[] {
  return cidrsOf(0xff00, count);
}

/** A targets file of one group without a segment: every host goes to segment `default`. */
export function targetsYaml(cidrs: string[]): string {
  for (const block of cidrs) assertSafeTarget(block.split('/')[0]!);
  return ['groups:', '  - agency: bench-distributed', '    targets:', ...cidrs.map((c) => `      - "${c}"`), ''].join('\n');
}
