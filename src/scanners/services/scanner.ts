import type { Observation } from '../../core/model/observation.js';
import type { ScanContext, Scanner } from '../../core/model/scanner.js';
import type { HostTarget } from '../../core/model/target.js';
import { ToolError } from '../../core/net/index.js';
import { IMPLICIT_TLS_PORTS } from '../tls/endpoints.js';
import type { Identified } from './identified.js';
import { identify } from './identify.js';
import { mergeFacts, mergeIdentity } from './merge.js';
import { nmapArguments } from './nmap/args.js';
import { parseNmapXml, type NmapPort } from './nmap/xml.js';

export interface ServicesOptions {
  /** Run nmap -sV beside the native probes when it is installed (--no-nmap turns it off). */
  nmap: boolean;
  /** The nmap executable (--nmap-path). */
  nmapPath: string;
  /** Safe NSE scripts run with -sV. */
  nmapScripts: string[];
  /** nmap's own parallelism cap for one host. */
  nmapMaxParallelism: number;
  /** nmap's --host-timeout. */
  nmapHostTimeoutMs: number;
  /** Longest wait for the connection and each answer of a native probe. */
  timeoutMs: number;
  /** Longest wait for a server on an unfamiliar port to speak first. */
  bannerWaitMs: number;
  /** Longest one native conversation may take. */
  deadlineMs: number;
  /** Opt-in (--smtp-relay-check): ask SMTP servers whether they relay to an outside domain. */
  smtpRelayCheck: boolean;
}

export const SERVICES_DEFAULTS: ServicesOptions = {
  nmap: true,
  nmapPath: 'nmap',
  nmapScripts: ['ssh2-enum-algos', 'ssh-auth-methods', 'ftp-anon'],
  nmapMaxParallelism: 10,
  nmapHostTimeoutMs: 300_000,
  timeoutMs: 3000,
  bannerWaitMs: 2000,
  deadlineMs: 20_000,
  smtpRelayCheck: false,
};

const NMAP_OUTPUT_LIMIT = 8 * 1024 * 1024;

/**
 * What runs on each open port, and the read-only checks its protocol allows: native banner
 * conversations always, and nmap -sV with a few safe scripts on the same ports when nmap is
 * installed. Only ports that port discovery found open are ever touched.
 */
export const servicesScanner: Scanner<ServicesOptions> = {
  id: 'services',
  observes: ['service.identity', 'service.ssh', 'service.ssh-algorithm', 'service.ftp', 'service.mail', 'service.unauthenticated', 'service.smtp-relay', 'service.summary'],
  after: ['port.open'],
  defaults: SERVICES_DEFAULTS,
  appliesTo: (target, facts) => target.address !== undefined && facts('port.open').length > 0,
  async *scan(target, ctx) {
    yield* await scanHost(target, ctx);
  },
};

type NmapOutcome = { status: 'used'; ports: Map<number, NmapPort>; version: string | null } | { status: 'disabled' | 'absent' | 'failed'; error: string | null; version: string | null };

async function scanHost(target: HostTarget, ctx: ScanContext<ServicesOptions>): Promise<Observation[]> {
  const started = ctx.clock.monotonic();
  const address = target.address!;
  const ports = [...new Set(ctx.facts('port.open').map((o) => o.data.port))].filter(ctx.net.allowsPort).sort((a, b) => a - b);
  const native = new Map<number, Identified>();
  let done = 0;
  const options = ctx.options;
  const [nmap] = await Promise.all([
    runNmap(target, ports, ctx),
    ctx.parallel(ports, async (port) => {
      native.set(port, await identify(ctx.net, { host: target.host, address, port }, options));
      ctx.progress(++done, ports.length);
    }),
  ]);

  const observations: Observation[] = [];
  let identified = 0;
  for (const port of ports) {
    const mine = native.get(port) ?? null;
    const theirs = nmap.status === 'used' ? (nmap.ports.get(port) ?? null) : null;
    const identity = mergeIdentity(port, mine, theirs, IMPLICIT_TLS_PORTS.has(port));
    if (identity.service !== 'unknown') identified++;
    observations.push(ctx.observe('service.identity', identity, port));
    for (const f of mergeFacts(port, mine?.facts ?? [], theirs)) observations.push(ctx.observe(f.kind, f.data as never, port));
  }
  observations.push(
    ctx.observe('service.summary', {
      ports: ports.length,
      identified,
      nmap: nmap.status,
      nmapVersion: nmap.version,
      nmapError: nmap.status === 'used' ? null : nmap.error,
      durationMs: Math.round(ctx.clock.monotonic() - started),
    }),
  );
  return observations;
}

async function runNmap(target: HostTarget, ports: number[], ctx: ScanContext<ServicesOptions>): Promise<NmapOutcome> {
  const options = ctx.options;
  if (!options.nmap || ports.length === 0) return { status: 'disabled', error: null, version: null };
  const version = await ctx.net.toolVersion(options.nmapPath);
  if (!version) return { status: 'absent', error: `${options.nmapPath} is not installed`, version: null };
  const nmapVersion = /Nmap version ([\w.]+)/.exec(version)?.[1] ?? version;
  const args = nmapArguments(target.address!, ports, ctx.net.excludedPorts(), {
    path: options.nmapPath,
    scripts: options.nmapScripts,
    maxParallelism: options.nmapMaxParallelism,
    hostTimeoutMs: options.nmapHostTimeoutMs,
  });
  try {
    const result = await ctx.net.runTool({ host: target.host, address: target.address!, ports }, options.nmapPath, args, {
      timeoutMs: options.nmapHostTimeoutMs + 30_000,
      maxBytes: NMAP_OUTPUT_LIMIT,
    });
    if (result.code !== 0) return { status: 'failed', error: `nmap exited with ${result.code ?? result.signal}: ${result.stderr.trim().split('\n')[0] ?? ''}`, version: nmapVersion };
    let parsed: ReturnType<typeof parseNmapXml>;
    try {
      parsed = parseNmapXml(result.stdout);
    } catch (error) {
      return { status: 'failed', error: `nmap's XML could not be read: ${(error as Error).message}`, version: nmapVersion };
    }
    return { status: 'used', ports: new Map(parsed.ports.filter((p) => p.state === 'open').map((p) => [p.port, p])), version: nmapVersion };
  } catch (error) {
    if (error instanceof ToolError) return { status: error.reason === 'missing' ? 'absent' : 'failed', error: error.message, version: nmapVersion };
    throw error;
  }
}
