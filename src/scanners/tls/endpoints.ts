import type { HostTarget } from '../../core/model/target.js';
import type { Observation, StartTlsProtocol } from '../../core/model/observation.js';
import type { Endpoint } from './exchange.js';
import { STARTTLS_PORTS } from './starttls.js';
import { canonicalIp } from '../../core/targets/address.js';

/**
 * Ports where TLS starts at once (IANA assignments and common alternates): HTTPS and its
 * alternates, mail (465, 993, 995), LDAPS, FTPS, management APIs (WinRM, Docker, Kubernetes).
 */
export const IMPLICIT_TLS_PORTS: ReadonlySet<number> = new Set([
  443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 1443, 2376, 2484, 3269, 4443, 5061, 5986, 6443, 6697, 8443, 8883, 9443, 10250, 10443,
]);

/** The TLS endpoints of a host: open ports that speak TLS by convention or by request, and https URLs. */
export function tlsEndpoints(target: HostTarget, openPorts: ReadonlyArray<Observation<'port.open'>>, extraPorts: readonly number[], starttlsPorts: Readonly<Record<string, StartTlsProtocol>> = {}): Endpoint[] {
  const sni = canonicalIp(target.host) === null ? target.host : null;
  const open = new Set(openPorts.map((o) => o.data.port));
  const httpsPorts = target.urls.filter((u) => u.startsWith('https:')).map((u) => Number(new URL(u).port || 443));
  const extra = new Set(extraPorts);
  const endpoints: Endpoint[] = [];
  for (const port of [...open].sort((a, b) => a - b)) {
    const implicit = !(port in starttlsPorts) && (IMPLICIT_TLS_PORTS.has(port) || extra.has(port) || httpsPorts.includes(port));
    const starttls = starttlsPorts[port] ?? (implicit ? null : (STARTTLS_PORTS[port] ?? null));
    if (!implicit && !starttls) continue;
    endpoints.push({ host: target.host, address: target.address!, port, starttls, sni });
  }
  return endpoints;
}
