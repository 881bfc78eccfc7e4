import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/core/model/observation.js';
import type { ScanContext } from '../../../src/core/model/scanner.js';
import type { HostTarget } from '../../../src/core/model/target.js';
import type { ProbeResult } from '../../../src/core/net/index.js';
import { PORTS_DEFAULTS, plannedPorts, portsScanner, type PortsOptions } from '../../../src/scanners/ports/scanner.js';
import { TOP_PORTS } from '../../../src/scanners/ports/top-ports.js';

function target(ports: number[] = []): HostTarget {
  return { host: '10.0.0.1', kind: 'ip', address: '10.0.0.1', urls: [], ports, explicit: true };
}

function options(overrides: Partial<PortsOptions>): PortsOptions {
  return { ...PORTS_DEFAULTS, ...overrides };
}

const all = (): boolean => true;

describe('TOP_PORTS', () => {
  it('lists exactly 1000 unique valid ports', () => {
    expect(TOP_PORTS).toHaveLength(1000);
    expect(new Set(TOP_PORTS).size).toBe(1000);
    expect(TOP_PORTS.every((port) => Number.isInteger(port) && port >= 1 && port <= 65535)).toBe(true);
  });

  it('starts with the most common ports, as nmap ranks them', () => {
    expect(TOP_PORTS.slice(0, 5)).toEqual([80, 23, 443, 21, 22]);
  });
});

describe('plannedPorts', () => {
  it('an explicit -p list is used as given', () => {
    expect(plannedPorts(options({ ports: '22,80-82' }), target(), all).toString()).toBe('22,80-82');
  });

  it('explicit lists accept service names', () => {
    expect(plannedPorts(options({ ports: 'ssh,https' }), target(), all).toString()).toBe('22,443');
  });

  it('"-" plans every port', () => {
    expect(plannedPorts(options({ ports: '-' }), target(), all).size).toBe(65_535);
  });

  it('without -p, the top N ports', () => {
    expect([...plannedPorts(options({ ports: '', topPorts: 5 }), target(), all)]).toEqual([21, 22, 23, 80, 443]);
    const top100 = plannedPorts(options({ ports: '  ', topPorts: 100 }), target(), all);
    expect(top100.size).toBe(100);
    expect([...top100]).toEqual([...TOP_PORTS.slice(0, 100)].sort((a, b) => a - b));
    expect(plannedPorts(PORTS_DEFAULTS, target(), all).size).toBe(1000);
  });

  it('adds the ports the target URLs name', () => {
    expect(plannedPorts(options({ ports: '22' }), target([8443, 80]), all).toString()).toBe('22,80,8443');
    expect(plannedPorts(options({ topPorts: 1 }), target([9443]), all).toString()).toBe('80,9443');
  });

  it('adds the extra ports rules ask for', () => {
    expect(plannedPorts(options({ topPorts: 2, extraPorts: [6379, 23, 27017] }), target(), all).toString()).toBe('23,80,6379,27017');
  });

  it('removes excluded ports from every source', () => {
    const allows = (port: number) => port !== 80 && port !== 8443 && port !== 6379;
    const planned = plannedPorts(options({ ports: '79-81', extraPorts: [6379, 6380] }), target([8443, 8444]), allows);
    expect(planned.toString()).toBe('79,81,6380,8444');
  });
});

const noFacts = (): never[] => [];

/** A scan context whose network answers from a table, recording every probe; parallel runs in order. */
function fakeContext(opts: PortsOptions, answers: Record<number, ProbeResult>) {
  const probes: Array<[number, number]> = [];
  const progress: Array<[number, number]> = [];
  const ctx: ScanContext<PortsOptions> = {
    net: {
      allowsPort: (port) => port !== 25,
      resolve: () => Promise.reject(new Error('no DNS in unit tests')),
      tcpProbe: (_host, _address, port, timeoutMs) => {
        probes.push([port, timeoutMs]);
        return Promise.resolve(answers[port] ?? { state: 'filtered', reason: 'no-response', rttMs: timeoutMs });
      },
      // The real sweep runs ports in parallel under the guard; in order is enough to check the policy.
      tcpSweep: async (_host, _address, sweep) => {
        for (const port of sweep.ports) {
          let timeoutMs = sweep.timeoutMs();
          for (let attempt = 0; ; attempt++) {
            probes.push([port, timeoutMs]);
            const result = answers[port] ?? { state: 'filtered' as const, reason: 'no-response' as const, rttMs: timeoutMs };
            if (result.reason === 'no-response' && attempt < sweep.retries) {
              timeoutMs = Math.min(sweep.maxTimeoutMs, Math.max(timeoutMs * 2, sweep.timeoutMs()));
              continue;
            }
            sweep.onResult(port, result);
            break;
          }
        }
      },
      withTcp: () => Promise.reject(new Error('no streams in unit tests')),
      fetch: () => Promise.reject(new Error('no HTTP in unit tests')),
      excludedPorts: () => '25',
      toolVersion: () => Promise.resolve(null),
      runTool: () => Promise.reject(new Error('no tools in unit tests')),
    },
    signal: new AbortController().signal,
    clock: { now: () => 0, monotonic: () => 0, sleep: () => Promise.resolve() },
    options: opts,
    facts: noFacts,
    parallel: async (items, fn) => {
      for (const item of items) await fn(item);
    },
    progress: (done, total) => void progress.push([done, total]),
    observe: (kind, data, port) =>
      ({ kind, host: '10.0.0.1', scanner: 'ports', at: '2025-01-01T00:00:00.000Z', data, ...(port === undefined ? {} : { port }) }) as Observation<typeof kind>,
  };
  return { ctx, probes, progress };
}

async function scan(ctx: ScanContext<PortsOptions>): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const observation of portsScanner.scan(target(), ctx)) out.push(observation);
  return out;
}

const OPEN: ProbeResult = { state: 'open', reason: 'syn-ack', rttMs: 5 };
const CLOSED: ProbeResult = { state: 'closed', reason: 'conn-refused', rttMs: 3 };

describe('portsScanner', () => {
  it('declares what it observes and applies only to resolved hosts', () => {
    expect(portsScanner.id).toBe('ports');
    expect([...portsScanner.observes].sort()).toEqual(['host.status', 'port.open', 'port.summary']);
    expect(portsScanner.appliesTo(target(), noFacts, PORTS_DEFAULTS)).toBe(true);
    expect(portsScanner.appliesTo({ host: 'a.example', kind: 'name', urls: [], ports: [], explicit: true }, noFacts, PORTS_DEFAULTS)).toBe(false);
  });

  it('observes an up host, its open port and a summary, retrying silent ports once', async () => {
    const opts = options({ ports: '22,25,80,443,8080', discoveryPorts: [80, 443, 22], maxRetries: 1, initialTimeoutMs: 1000, minTimeoutMs: 100, maxTimeoutMs: 3000 });
    const { ctx, probes, progress } = fakeContext(opts, { 22: OPEN, 80: CLOSED });
    const observations = await scan(ctx);
    for (const o of observations) expect(portsScanner.observes).toContain(o.kind);
    expect(observations.map((o) => o.kind)).toEqual(['host.status', 'port.open', 'port.summary']);
    expect(observations[0]?.data).toEqual({ state: 'up', reason: 'conn-refused', address: '10.0.0.1', rttMs: 3 });
    expect(observations[1]).toMatchObject({ port: 22, data: { port: 22, protocol: 'tcp', service: 'ssh', reason: 'syn-ack', rttMs: 5 } });
    expect(observations[2]?.data).toEqual({
      protocol: 'tcp',
      scanned: '22,80,443,8080',
      total: 4,
      open: 1,
      closed: 1,
      filtered: 2,
      filteredPorts: '443,8080',
      timeoutMs: 100,
    });
    // 25 is out of scope: never probed. The first probe waits the initial timeout; once 80 answered
    // in 3 ms the timeout follows the RTT (clamped to 100 ms), and a silent port's retry doubles it.
    expect(probes[0]).toEqual([80, 1000]);
    expect(probes.filter(([port]) => port === 25)).toEqual([]);
    expect(probes.filter(([port]) => port === 443)).toEqual([
      [443, 100],
      [443, 200],
    ]);
    expect(probes.filter(([port]) => port === 22)).toHaveLength(1);
    expect(probes.filter(([port]) => port === 8080).map(([, timeout]) => timeout)).toEqual([100, 200]);
    expect(progress.at(-1)).toEqual([4, 4]);
  });

  it('observes a down host and nothing more when discovery gets no answer', async () => {
    const { ctx, probes } = fakeContext(options({ ports: '1-1000', discoveryPorts: [80, 443], maxRetries: 0 }), {});
    const observations = await scan(ctx);
    expect(observations.map((o) => o.kind)).toEqual(['host.status']);
    expect(observations[0]?.data).toEqual({ state: 'down', reason: 'no-response', address: '10.0.0.1' });
    expect(probes.map(([port]) => port)).toEqual([80, 443]);
  });

  it('with skipDiscovery, calls the host up by user choice and probes every planned port', async () => {
    const { ctx, probes } = fakeContext(options({ ports: '7-9', skipDiscovery: true, maxRetries: 0 }), { 8: OPEN });
    const observations = await scan(ctx);
    expect(observations[0]?.data).toEqual({ state: 'up', reason: 'user-set', address: '10.0.0.1' });
    expect(probes.map(([port]) => port)).toEqual([7, 8, 9]);
    expect(observations.at(-1)?.data).toMatchObject({ scanned: '7-9', total: 3, open: 1, filtered: 2, filteredPorts: '7,9' });
  });
});
