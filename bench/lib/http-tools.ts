import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { machineBusySeconds, ownCpuSeconds, processCpuSeconds } from './cpu.js';
import type { RunningHttpFleet, ServedRequest, ServedStats } from './http-fleet.js';
import { runMeasured, type RssMethod } from './measure.js';
import { EXCLUDE_PORTS_FLAG, isLoopbackV4 } from './safety.js';

export const RASOAT_BIN = 'dist/src/bin.js';

/** headline: rasoat with its defaults; variant: rasoat tuned; memory: rasoat on fewer sites; curl: a baseline; startup: no scan. */
export type HttpRole = 'headline' | 'variant' | 'memory' | 'curl' | 'startup';

export interface HttpRunContext {
  repoRoot: string;
  tmpDir: string;
  rssMethod: RssMethod;
  fleet: RunningHttpFleet;
  run: number;
  /** The requests rasoat's first headline run made, as the fleet logged them; the curl baselines replay them. */
  requestSet: ServedRequest[] | null;
}

export interface HttpTool {
  id: string;
  label: string;
  role: HttpRole;
  display: string;
  /** Only the first N hosts' requests (curl one process per URL is slow): wall time is extrapolated by request count. */
  subsetHosts?: number;
  run(ctx: HttpRunContext): Promise<HttpSample>;
}

export interface HttpSample {
  tool: string;
  run: number;
  wallMs: number;
  peakRssKb: number | null;
  cpuS: number | null;
  /** CPU seconds the fleet (the web servers) spent answering this run. */
  fleetCpuS: number;
  foreignCpuS: number | null;
  exitCode: number | null;
  served: ServedStats;
  /** The served requests, kept for rasoat's first headline run only. */
  log?: ServedRequest[];
  /** For a subset run: the full request set's size, to extrapolate wall time. */
  fullRequests?: number;
  /** rasoat's --json output, parsed later; dropped from the results file. */
  stdout?: string;
  build?: string;
  error?: string;
}

/** `bin`: rasoat's entry point, relative to the repository or absolute (another build to compare with). */
export function rasoatTool(id: string, label: string, role: HttpRole, target: string, ports: number[], extra: string[] = [], bin = RASOAT_BIN): HttpTool {
  const argsFor = (db: string) => [
    bin, 'scan', target, '-p', ports.join(','), '--exclude-ports', EXCLUDE_PORTS_FLAG, '--only', 'ports,http', ...extra,
    '--db', db, '--json', '-q',
  ];
  return {
    id,
    label,
    role,
    display: ['node', ...argsFor('<tmp>.db')].join(' '),
    async run(ctx) {
      const db = join(ctx.tmpDir, `${id}-${ctx.run}.db`);
      const keepLog = role === 'headline' && ctx.requestSet === null;
      const sample = await measure(ctx, id, process.execPath, argsFor(db), keepLog);
      await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(db + suffix, { force: true })));
      return sample;
    },
  };
}

export function startupTool(): HttpTool {
  const args = [RASOAT_BIN, '--version'];
  return {
    id: 'rasoat-startup',
    label: 'rasoat --version (start-up only)',
    role: 'startup',
    display: ['node', ...args].join(' '),
    run: (ctx) => measure(ctx, 'rasoat-startup', process.execPath, args, false),
  };
}

/**
 * One curl process, every request of the set from a -K config: sequential, reusing connections.
 * `grouped`: host after host (each host's requests in rasoat's order), as a sequential scanner
 * goes and as curl's small connection cache likes best; otherwise in the order rasoat sent them,
 * interleaved over the hosts it scanned at once.
 */
export function curlConfigTool(grouped: boolean): HttpTool {
  const id = grouped ? 'curl-config' : 'curl-config-interleaved';
  return {
    id,
    label: grouped ? 'curl -K (one process, sequential, host by host)' : 'curl -K (one process, sequential, rasoat\'s order)',
    role: 'curl',
    display: `curl -K <all requests${grouped ? ', host by host' : ''}>.cfg`,
    async run(ctx) {
      const file = join(ctx.tmpDir, `${id}.cfg`);
      const requests = requestSetOf(ctx);
      await writeFile(file, curlConfig(grouped ? byHost(requests).flatMap(([, list]) => list) : requests));
      return measure(ctx, id, 'curl', ['-K', file], false);
    },
  };
}

/** The request set per host, hosts in the order of their first request. */
function byHost(requests: ServedRequest[]): Array<[string, ServedRequest[]]> {
  const hosts = new Map<string, ServedRequest[]>();
  for (const request of requests) {
    const host = new URL(request.url).hostname;
    let list = hosts.get(host);
    if (!list) hosts.set(host, (list = []));
    list.push(request);
  }
  return [...hosts];
}

/** A new curl process per request, one after another (a shell loop): the floor of the issue. */
export function curlLoopTool(subsetHosts: number, hostsInFleet: string[]): HttpTool {
  const hosts = new Set(hostsInFleet.slice(0, subsetHosts));
  return {
    id: 'curl-loop',
    label: `curl per request, shell loop (${subsetHosts} hosts, extrapolated)`,
    role: 'curl',
    subsetHosts,
    display: `sh -c 'while read -r m u; do curl -sk -o /dev/null -X "$m" "$u"; done < <requests of ${subsetHosts} hosts>'`,
    async run(ctx) {
      const all = requestSetOf(ctx);
      const subset = all.filter((r) => hosts.has(new URL(r.url).hostname));
      const file = join(ctx.tmpDir, 'loop.txt');
      await writeFile(file, subset.map((r) => `${r.method} ${r.url}\n`).join(''));
      const script = `while read -r m u; do curl -sk -o /dev/null -X "$m" "$u"; done < '${file}'`;
      const sample = await measure(ctx, 'curl-loop', 'sh', ['-c', script], false);
      return { ...sample, fullRequests: all.length };
    },
  };
}

/** One curl -K per host, `parallel` at once (xargs -P): a parallel curl fleet. */
export function curlXargsTool(parallel: number): HttpTool {
  return {
    id: 'curl-xargs',
    label: `curl -K per host, xargs -P ${parallel}`,
    role: 'curl',
    display: `ls <per-host>/*.cfg | xargs -P ${parallel} -n 1 curl -K`,
    async run(ctx) {
      const dir = join(ctx.tmpDir, 'per-host');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await Promise.all(byHost(requestSetOf(ctx)).map(([host, requests]) => writeFile(join(dir, `${host}.cfg`), curlConfig(requests))));
      return measure(ctx, 'curl-xargs', 'sh', ['-c', `ls '${dir}'/*.cfg | xargs -P ${parallel} -n 1 curl -K`], false);
    },
  };
}

function requestSetOf(ctx: HttpRunContext): ServedRequest[] {
  if (!ctx.requestSet) throw new Error('no request set yet: rasoat\'s first headline run must come first');
  return ctx.requestSet;
}

/** A curl config: one transfer per request, separated by `next` (which resets every option). */
export function curlConfig(requests: ServedRequest[]): string {
  return requests
    .map((r) => {
      const host = new URL(r.url).hostname;
      if (!isLoopbackV4(host)) throw new Error(`refusing non-loopback URL ${r.url}`);
      const method = r.method === 'GET' ? '' : `request = "${r.method}"\n`;
      return `silent\ninsecure\n${method}output = "/dev/null"\nurl = "${r.url.replace(/"/g, '%22')}"\n`;
    })
    .join('next\n');
}

async function measure(ctx: HttpRunContext, id: string, command: string, args: string[], keepLog: boolean): Promise<HttpSample> {
  await ctx.fleet.mark();
  const before = { machine: machineBusySeconds(), fleet: processCpuSeconds(ctx.fleet.pid), own: ownCpuSeconds() };
  const measured = await runMeasured(ctx.rssMethod, command, args, ctx.repoRoot, join(ctx.tmpDir, `${id}-${ctx.run}.rss`));
  const fleetCpuS = processCpuSeconds(ctx.fleet.pid) - before.fleet;
  const { stats, log } = await ctx.fleet.mark(keepLog);
  const known = (measured.cpuS ?? 0) + fleetCpuS + ownCpuSeconds() - before.own;
  const sample: HttpSample = {
    tool: id,
    run: ctx.run,
    wallMs: measured.wallMs,
    peakRssKb: measured.peakRssKb,
    cpuS: measured.cpuS,
    fleetCpuS,
    foreignCpuS: measured.cpuS === null ? null : Math.max(0, machineBusySeconds() - before.machine - known),
    exitCode: measured.exitCode,
    served: stats,
  };
  if (id.startsWith('rasoat') && id !== 'rasoat-startup') sample.stdout = measured.stdout;
  if (keepLog) sample.log = log;
  if (measured.exitCode !== 0) sample.error = `exit code ${measured.exitCode}: ${measured.stderr.trim().slice(0, 2000)}`;
  return sample;
}
