import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { machineBusySeconds, ownCpuSeconds, processCpuSeconds } from './cpu.js';
import { runMeasured, type Measured, type RssMethod, outcomeOf } from './measure.js';
import { assertSafeTarget, EXCLUDE_PORTS_FLAG } from './safety.js';
import type { TlsEndpoint, TlsFleetPlan } from './tls-fleet.js';
import type { RunningNginx } from './tls-nginx.js';
import { parseRasoatTls, parseSslscanXml, parseTestsslJson, type TlsScanResult } from './tls-parse.js';

export const RASOAT_BIN = 'dist/src/bin.js';

/**
 * headline: rasoat on the whole fleet; reference: sslscan on the whole fleet; endpoint: one tool on
 * one endpoint (testssl.sh, and rasoat and sslscan on the same endpoint); baseline: no scan.
 */
export type TlsRole = 'headline' | 'reference' | 'endpoint' | 'baseline';

export interface TlsTool {
  id: string;
  label: string;
  role: TlsRole;
  /** The endpoints one run covers (empty for the baseline). */
  endpoints: TlsEndpoint[];
  /** The command line, with <tmp> where a per-run file goes. */
  display: string;
  run(ctx: TlsRunContext): Promise<TlsSample>;
}

export interface TlsRunContext {
  repoRoot: string;
  tmpDir: string;
  rssMethod: RssMethod;
  nginx: RunningNginx;
  run: number;
}

export interface TlsSample {
  tool: string;
  run: number;
  wallMs: number;
  peakRssKb: number | null;
  /** CPU seconds of the command and every process it waited for (user + system). */
  cpuS: number | null;
  /** CPU seconds nginx spent during the run: what the scan cost the servers. */
  serverCpuS: number;
  /** TCP connections nginx accepted during the run (stub_status). */
  connections: number | null;
  /** CPU seconds other processes (not the command, nginx or the bench) used during the run. */
  foreignCpuS: number | null;
  exitCode: number | null;
  build?: string;
  result: TlsScanResult | null;
  error?: string;
}

interface Measurement extends Measured {
  serverCpuS: number;
  connections: number | null;
  foreignCpuS: number | null;
}

/** rasoat on the whole fleet: addresses as one range, SNI endpoints as names pinned with --resolve. */
export function rasoatFleetTool(plan: TlsFleetPlan, caFile: string): TlsTool {
  return rasoatTool('rasoat', 'rasoat', 'headline', plan.endpoints, [plan.targetSpec], caFile);
}

/** rasoat on one endpoint, to set its time beside testssl.sh's. */
export function rasoatEndpointTool(endpoint: TlsEndpoint, caFile: string): TlsTool {
  return rasoatTool(`rasoat@${endpoint.id}`, `rasoat, 1 endpoint (${endpoint.id})`, 'endpoint', [endpoint], [endpoint.address], caFile);
}

function rasoatTool(id: string, label: string, role: TlsRole, endpoints: TlsEndpoint[], addresses: string[], caFile: string): TlsTool {
  const named = endpoints.filter((e) => e.sni !== null);
  const port = endpoints[0]!.port;
  endpoints.forEach((e) => assertSafeTarget(e.address, e.port));
  const argsFor = (db: string) => [
    RASOAT_BIN, 'scan', ...addresses, ...named.map((e) => e.sni!),
    '-p', String(port), '--exclude-ports', EXCLUDE_PORTS_FLAG, '--only', 'ports,tls',
    ...(named.length ? ['--resolve', ...named.map((e) => `${e.sni}:${e.address}`)] : []),
    '--ca-file', caFile, '--db', db, '--json', '-q',
  ];
  return {
    id,
    label,
    role,
    endpoints,
    display: ['node', ...shorten(argsFor('<tmp>.db'))].join(' '),
    async run(ctx) {
      const db = join(ctx.tmpDir, `${safeName(id)}-${ctx.run}.db`);
      const measured = await measure(ctx, id, process.execPath, argsFor(db));
      await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(db + suffix, { force: true })));
      return sampleFrom(id, ctx.run, measured, () => parseRasoatTls(measured.stdout));
    },
  };
}

/**
 * sslscan one endpoint after another: the addresses from one --targets file, then one sslscan
 * per SNI name (a targets file cannot carry --sni-name), all in one shell so it is timed as one.
 */
export function sslscanSequentialTool(plan: TlsFleetPlan): TlsTool {
  const id = 'sslscan-seq';
  const plain = plan.endpoints.filter((e) => e.sni === null);
  const named = plan.endpoints.filter((e) => e.sni !== null);
  const script = (dir: string, run: number) =>
    [
      `sslscan --no-colour --xml=${dir}/${id}-${run}-targets.xml --targets=${dir}/targets.txt >/dev/null`,
      ...named.map((e, k) => `sslscan --no-colour --sni-name=${e.sni} --xml=${dir}/${id}-${run}-sni${k}.xml ${e.address}:${e.port} >/dev/null`),
    ].join('; ');
  return {
    id,
    label: 'sslscan sequential',
    role: 'reference',
    endpoints: plan.endpoints,
    display:
      `sslscan --no-colour --xml=<tmp>.xml --targets=<${plain.length} lines address:port>` +
      (named.length ? `; then ${named.length}x sslscan --no-colour --sni-name=<name> --xml=<tmp>.xml <address:port>` : ''),
    async run(ctx) {
      await writeFile(join(ctx.tmpDir, 'targets.txt'), plain.map((e) => `${e.address}:${e.port}\n`).join(''));
      const measured = await measure(ctx, id, 'sh', ['-c', script(ctx.tmpDir, ctx.run)]);
      const files = [`${id}-${ctx.run}-targets.xml`, ...named.map((_, k) => `${id}-${ctx.run}-sni${k}.xml`)];
      const xml = await readAll(ctx.tmpDir, files);
      return sampleFrom(id, ctx.run, measured, () => xml.reduce((result, text) => parseSslscanXml(text, result), parseSslscanXml('')));
    },
  };
}

/** One sslscan process per endpoint, `parallel` at a time (xargs -P). */
export function sslscanParallelTool(plan: TlsFleetPlan, parallel: number): TlsTool {
  const id = 'sslscan-par';
  const line = (dir: string, run: number, e: TlsEndpoint, k: number) =>
    [`--xml=${dir}/${id}-${run}-${k}.xml`, ...(e.sni ? [`--sni-name=${e.sni}`] : []), `${e.address}:${e.port}`].join(' ');
  return {
    id,
    label: `sslscan parallel (xargs -P ${parallel})`,
    role: 'reference',
    endpoints: plan.endpoints,
    display: `xargs -a <${plan.endpoints.length} lines "--xml=<tmp>.xml [--sni-name=<name>] address:port"> -L 1 -P ${parallel} sslscan --no-colour`,
    async run(ctx) {
      const argsFile = join(ctx.tmpDir, `${id}-${ctx.run}.args`);
      await writeFile(argsFile, plan.endpoints.map((e, k) => `${line(ctx.tmpDir, ctx.run, e, k)}\n`).join(''));
      const measured = await measure(ctx, id, 'xargs', ['-a', argsFile, '-L', '1', '-P', String(parallel), 'sslscan', '--no-colour']);
      const xml = await readAll(ctx.tmpDir, plan.endpoints.map((_, k) => `${id}-${ctx.run}-${k}.xml`));
      return sampleFrom(id, ctx.run, { ...measured, stdout: '' }, () => xml.reduce((result, text) => parseSslscanXml(text, result), parseSslscanXml('')));
    },
  };
}

/** sslscan on one endpoint, to set its time beside testssl.sh's. */
export function sslscanEndpointTool(endpoint: TlsEndpoint): TlsTool {
  const id = `sslscan@${endpoint.id}`;
  assertSafeTarget(endpoint.address, endpoint.port);
  const argsFor = (xml: string) => ['--no-colour', ...(endpoint.sni ? [`--sni-name=${endpoint.sni}`] : []), `--xml=${xml}`, `${endpoint.address}:${endpoint.port}`];
  return {
    id,
    label: `sslscan, 1 endpoint (${endpoint.id})`,
    role: 'endpoint',
    endpoints: [endpoint],
    display: ['sslscan', ...argsFor('<tmp>.xml')].join(' '),
    async run(ctx) {
      const file = `${safeName(id)}-${ctx.run}.xml`;
      const measured = await measure(ctx, id, 'sslscan', argsFor(join(ctx.tmpDir, file)));
      const [xml = ''] = await readAll(ctx.tmpDir, [file]);
      return sampleFrom(id, ctx.run, { ...measured, stdout: '' }, () => parseSslscanXml(xml));
    },
  };
}

/**
 * testssl.sh on one endpoint: protocols (-p) and the suites accepted per protocol (-E), the part
 * of its work that matches what is compared here; no DNS lookups (-n none).
 */
export function testsslTool(endpoint: TlsEndpoint): TlsTool {
  if (endpoint.sni) throw new Error('testssl.sh is run on address endpoints only');
  assertSafeTarget(endpoint.address, endpoint.port);
  const id = `testssl@${endpoint.id}`;
  const argsFor = (json: string) => ['--quiet', '-n', 'none', '--warnings', 'off', '--color', '0', '-p', '-E', '--jsonfile', json, `${endpoint.address}:${endpoint.port}`];
  return {
    id,
    label: `testssl.sh -p -E, 1 endpoint (${endpoint.id})`,
    role: 'endpoint',
    endpoints: [endpoint],
    display: ['testssl', ...argsFor('<tmp>.json')].join(' '),
    async run(ctx) {
      const file = join(ctx.tmpDir, `${safeName(id)}-${ctx.run}.json`);
      await rm(file, { force: true });
      const measured = await measure(ctx, id, 'testssl', argsFor(file));
      const json = await readFile(file, 'utf8').catch(() => '');
      return sampleFrom(id, ctx.run, { ...measured, stdout: '' }, () => parseTestsslJson(json, endpoint.id));
    },
  };
}

/** Node start-up plus rasoat's module loading: the fixed cost inside every rasoat figure. */
export function startupBaselineTool(): TlsTool {
  const id = 'rasoat-startup';
  const args = [RASOAT_BIN, '--version'];
  return {
    id,
    label: 'rasoat --version (start-up only)',
    role: 'baseline',
    endpoints: [],
    display: ['node', ...args].join(' '),
    async run(ctx) {
      const measured = await measure(ctx, id, process.execPath, args);
      return sampleFrom(id, ctx.run, measured, () => null);
    },
  };
}

async function measure(ctx: TlsRunContext, id: string, command: string, args: string[]): Promise<Measurement> {
  const serverCpu = () => ctx.nginx.pids().reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const acceptsBefore = await ctx.nginx.accepts().catch(() => null);
  const before = { machine: machineBusySeconds(), server: serverCpu(), own: ownCpuSeconds() };
  const measured = await runMeasured(ctx.rssMethod, command, args, ctx.repoRoot, join(ctx.tmpDir, `${safeName(id)}-${ctx.run}.rss`));
  const serverCpuS = serverCpu() - before.server;
  const ownCpuS = ownCpuSeconds() - before.own;
  const machineS = machineBusySeconds() - before.machine;
  const acceptsAfter = await ctx.nginx.accepts().catch(() => null);
  // The "after" query's own connection is counted in its answer; the "before" one is not in the difference.
  const connections = acceptsBefore !== null && acceptsAfter !== null ? acceptsAfter - acceptsBefore - 1 : null;
  const foreignCpuS = measured.cpuS === null ? null : Math.max(0, machineS - measured.cpuS - serverCpuS - ownCpuS);
  return { ...measured, serverCpuS, connections, foreignCpuS };
}

function sampleFrom(tool: string, run: number, measured: Measurement, parse: () => TlsScanResult | null): TlsSample {
  const sample: TlsSample = {
    tool,
    run,
    wallMs: measured.wallMs,
    peakRssKb: measured.peakRssKb,
    cpuS: measured.cpuS,
    serverCpuS: measured.serverCpuS,
    connections: measured.connections,
    foreignCpuS: measured.foreignCpuS,
    exitCode: measured.exitCode,
    ...outcomeOf(measured, parse),
  };
  return sample;
}

async function readAll(dir: string, files: string[]): Promise<string[]> {
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), 'utf8').catch(() => '');
      await rm(join(dir, file), { force: true });
      return text;
    }),
  );
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]+/g, '_');
}

/** Long --resolve lists are summarised in the printed command. */
function shorten(args: string[]): string[] {
  const out: string[] = [];
  let resolving = false;
  let names = 0;
  for (const arg of args) {
    if (arg === '--resolve') {
      resolving = true;
      out.push(arg);
      continue;
    }
    if (resolving && !arg.startsWith('--')) {
      if (names++ < 1) out.push(arg);
      continue;
    }
    if (resolving && names > 1) out.push(`(+${names - 1} more)`);
    resolving = false;
    out.push(arg);
  }
  return out;
}
