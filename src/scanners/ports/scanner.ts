import { Channel } from '../../core/async/channel.js';
import { PortSet } from '../../core/model/port-set.js';
import type { Observation } from '../../core/model/observation.js';
import type { ScanContext, Scanner } from '../../core/model/scanner.js';
import type { HostTarget } from '../../core/model/target.js';
import type { ProbeResult } from '../../core/net/index.js';
import { RttEstimator } from './rtt.js';
import { portOfService, serviceName } from './services.js';
import { TOP_PORTS } from './top-ports.js';

export interface PortsOptions {
  /** nmap `-p` notation; empty means the top `topPorts` ports. */
  ports: string;
  topPorts: number;
  /** Ports the rules judge, added to the plan unless the user chose the ports explicitly. */
  extraPorts: number[];
  /** Extra probes of a port that did not answer before calling it filtered. */
  maxRetries: number;
  initialTimeoutMs: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** nmap's -Pn: treat every host as up and scan it without first checking it answers. */
  skipDiscovery: boolean;
  /** Ports probed to decide whether a host is up (what an unprivileged nmap uses, and more). */
  discoveryPorts: number[];
}

export const PORTS_DEFAULTS: PortsOptions = {
  ports: '',
  topPorts: 1000,
  extraPorts: [],
  maxRetries: 1,
  initialTimeoutMs: 1000,
  minTimeoutMs: 100,
  maxTimeoutMs: 3000,
  skipDiscovery: false,
  discoveryPorts: [80, 443, 22, 445, 3389],
};

const planCache = new WeakMap<(port: number) => boolean, Map<string, PortSet>>();

/**
 * The ports one host is probed on: the option's list, ports its URLs name and rule ports, minus
 * exclusions. The list shared by every host of an audit is built once (per scope), not per host.
 */
export function plannedPorts(options: PortsOptions, target: HostTarget, allowsPort: (port: number) => boolean): PortSet {
  let cache = planCache.get(allowsPort);
  if (!cache) planCache.set(allowsPort, (cache = new Map()));
  const key = `${options.ports}|${options.topPorts}|${options.extraPorts.join(',')}`;
  let shared = cache.get(key);
  if (!shared) {
    const base = options.ports.trim() ? PortSet.parse(options.ports, portOfService) : PortSet.of(TOP_PORTS.slice(0, options.topPorts));
    shared = PortSet.of([...base.union(PortSet.of(options.extraPorts))].filter(allowsPort));
    if (cache.size > 16) cache.clear();
    cache.set(key, shared);
  }
  return target.ports.length === 0 ? shared : shared.union(PortSet.of(target.ports.filter(allowsPort)));
}

/**
 * TCP connect port discovery. First a handful of common ports decide whether the host answers at
 * all (skipped with -Pn); then every planned port is probed once, with the timeout following the
 * host's measured round-trip time, and silent ports are retried before being called filtered.
 */
export const portsScanner: Scanner<PortsOptions> = {
  id: 'ports',
  observes: ['host.status', 'port.open', 'port.summary'],
  defaults: PORTS_DEFAULTS,
  appliesTo: (target) => target.address !== undefined,
  scan(target, ctx) {
    const channel = new Channel<Observation>();
    channel.closeAfter(scanHost(target, ctx, (o) => channel.push(o)));
    return channel;
  },
};

async function scanHost(target: HostTarget, ctx: ScanContext<PortsOptions>, emit: (o: Observation) => void): Promise<void> {
  const options = ctx.options;
  const address = target.address!;
  const ports = plannedPorts(options, target, ctx.net.allowsPort);
  const maxTimeoutMs = Math.max(options.minTimeoutMs, options.maxTimeoutMs);
  const rtt = new RttEstimator(Math.min(options.initialTimeoutMs, maxTimeoutMs), options.minTimeoutMs, maxTimeoutMs);
  // Counts, not a result per port: 256 hosts at once each holding 1,000 results was most of the heap.
  let closed = 0;
  const open: number[] = [];
  const filtered: number[] = [];
  const sweep = (list: Iterable<number>, onResult: (port: number, result: ProbeResult) => void) =>
    ctx.net.tcpSweep(target.host, address, {
      ports: list,
      timeoutMs: () => rtt.timeoutMs(),
      retries: options.maxRetries,
      maxTimeoutMs,
      onResult: (port, result) => {
        if (result.reason !== 'no-response') rtt.sample(result.rttMs);
        onResult(port, result);
      },
    });
  const record = (port: number, result: ProbeResult) => {
    if (result.state === 'closed') closed++;
    else if (result.state === 'filtered') filtered.push(port);
    else {
      open.push(port);
      emit(ctx.observe('port.open', { port, protocol: 'tcp', service: serviceName(port), reason: 'syn-ack', rttMs: round(result.rttMs) }, port));
    }
  };

  const probedInDiscovery = new Set<number>();
  const discovery = options.skipDiscovery ? [] : options.discoveryPorts.filter(ctx.net.allowsPort);
  if (discovery.length > 0) {
    const answers: Array<[number, ProbeResult]> = [];
    await sweep(discovery, (port, result) => answers.push([port, result]));
    const answered = answers.find(([, r]) => r.reason === 'syn-ack' || r.reason === 'conn-refused');
    if (!answered) {
      const unreachable = answers.some(([, r]) => r.reason === 'host-unreach' || r.reason === 'net-unreach');
      emit(ctx.observe('host.status', { state: 'down', reason: unreachable ? 'host-unreach' : 'no-response', address }));
      return;
    }
    emit(ctx.observe('host.status', { state: 'up', reason: answered[1].reason, address, rttMs: round(answered[1].rttMs) }));
    for (const [port, result] of answers) {
      if (!ports.has(port)) continue;
      probedInDiscovery.add(port);
      record(port, result);
    }
  } else {
    emit(ctx.observe('host.status', { state: 'up', reason: 'user-set', address }));
  }

  const total = ports.size;
  let done = probedInDiscovery.size;
  ctx.progress(done, total);
  await sweep(
    (function* () {
      for (const port of ports) if (!probedInDiscovery.has(port)) yield port;
    })(),
    (port, result) => {
      record(port, result);
      if (++done % 64 === 0) ctx.progress(done, total);
    },
  );
  ctx.progress(total, total);

  emit(
    ctx.observe('port.summary', {
      protocol: 'tcp',
      scanned: ports.toString(),
      total,
      open: open.length,
      closed,
      filtered: filtered.length,
      filteredPorts: PortSet.of(filtered).toString(),
      timeoutMs: rtt.timeoutMs(),
    }),
  );
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
