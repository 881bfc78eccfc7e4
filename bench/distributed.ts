/**
 * Distributed-audit benchmark: one audit of loopback targets (port and HTTP checks) run by the
 * in-process engine and by `rasoat scan --distributed` with 1, 2 and 4 agent processes, side by
 * side in one run, on a Redis the bench starts on a Unix socket; chunk sizes compared, the queue's
 * cost per job and the central store's write rate measured, and every distributed audit checked
 * against the in-process one. See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { issue } from '../fixtures/certs/generate.js';
import { buildId } from './lib/build-id.js';
import { machineBusySeconds, ownCpuSeconds, processCpuSeconds, waitForQuietMachine } from './lib/cpu.js';
import { DEFAULT_CHUNK_SIZE, DIST_USAGE, parseDistOptions, type DistBenchOptions } from './lib/dist-args.js';
import { readStoredAudit } from './lib/dist-audit.js';
import {
  agentLogFigures,
  killAll,
  peakRssKb,
  redisDelta,
  redisSnapshot,
  startAgents,
  startRedis,
  stopProcess,
  track,
  type AgentFigures,
  type RedisServer,
} from './lib/dist-cluster.js';
import { DIST_PORTS, overheadCidrs, planDistFleet, targetsYaml, type DistFleetPlan } from './lib/dist-fleet.js';
import { machineWasBusy, printReport, summarise, type Report, type Sample, type Variant } from './lib/dist-report.js';
import { startHttpFleet, type RunningHttpFleet } from './lib/http-fleet.js';
import { gnuTimeAvailable } from './lib/measure.js';
import { EXCLUDE_PORTS_FLAG } from './lib/safety.js';
import { ensureRssMethod, foreignListeners, onPath } from './lib/system.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const RASOAT = 'dist/src/bin.js';
const PAUSE_BETWEEN_RUNS_MS = 500;
const ENV = { ...process.env, RASOAT_LANG: 'en', RASOAT_NMAP: 'off' };
/** rasoat's flags for every audit of the fleet, in-process or distributed: the same profile on both sides. */
const SCAN_FLAGS = ['-p', DIST_PORTS.join(','), '--exclude-ports', EXCLUDE_PORTS_FLAG, '--no-nmap', '--only', 'ports,http', '-q'];
/** The trivial jobs of the queue-overhead runs: one closed port, hosts one at a time. */
const TRIVIAL_FLAGS = ['-p', String(DIST_PORTS[0]), '--exclude-ports', EXCLUDE_PORTS_FLAG, '--no-nmap', '--only', 'ports', '--max-hosts', '1', '-q'];

interface Context {
  options: DistBenchOptions;
  tmpDir: string;
  redis: RedisServer;
  credentials: string;
  fleet: RunningHttpFleet;
  targets: string;
  overheadTargets: string;
}

let waitedMs = 0;

async function main(): Promise<number> {
  const options = parseDistOptions(process.argv.slice(2));
  if (!options) {
    console.log(DIST_USAGE);
    return 0;
  }
  for (const tool of ['redis-server', 'openssl']) if (!onPath(tool)) throw new Error(`${tool} is not on the PATH (Debian: apt-get install redis-server openssl)`);
  if (ensureRssMethod() !== 'gnu-time') console.warn('warning: no GNU time: CPU time of the scan command is not measured');

  const plan = planDistFleet(options.hosts, options.sites);
  const foreign = foreignListeners('127.66').filter((l) => DIST_PORTS.some((p) => l.endsWith(`:${p}`)));
  if (foreign.length) console.warn(`warning: listeners not ours that the scans may also see: ${foreign.join(' ')}`);
  const variants = buildVariants(options);
  printPlan(options, plan, variants);

  const tmpDir = await mkdtemp(join(tmpdir(), 'rasoat-bench-dist-'));
  const cleanupSync = () => {
    killAll();
    if (!options.keepTemp) rmSync(tmpDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanupSync();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', cleanupSync);

  let redis: RedisServer | null = null;
  let fleet: RunningHttpFleet | null = null;
  try {
    const cert = issue({ subject: '/CN=rasoat-dist-bench', keyType: 'ec', san: ['DNS:rasoat-dist-bench.test'] });
    rmSync(dirname(cert.certFile), { recursive: true, force: true }); // the key and certificate are in memory now
    fleet = await startHttpFleet(plan, cert);
    console.log(`fleet up: ${plan.sites.length} web sites on ${plan.hosts.length} of ${options.hosts} addresses (child pid ${fleet.pid})`);
    redis = await startRedis(tmpDir);
    console.log(`${redis.version}; listening on ${redis.socket} only (pid ${redis.pid})`);
    const credentials = join(tmpDir, 'agent.yaml');
    const added = spawnSync(process.execPath, [RASOAT, 'agents', 'add', 'bench', '--segment', 'default', '--allow', '127.66.0.0/16', '--out', credentials, '--queue', redis.url], { cwd: REPO_ROOT, env: ENV, encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`rasoat agents add failed: ${added.stderr.trim()}`);
    const targets = join(tmpDir, 'targets.yaml');
    await writeFile(targets, targetsYaml(plan.cidrs));
    const overheadTargets = join(tmpDir, 'overhead.yaml');
    if (options.overheadJobs > 0) await writeFile(overheadTargets, targetsYaml(overheadCidrs(options.overheadJobs)));
    const ctx: Context = { options, tmpDir, redis, credentials, fleet, targets, overheadTargets };

    const started = performance.now();
    const samples = await runAll(ctx, variants);
    const benchS = (performance.now() - started) / 1000;
    const report = summarise(options, plan, variants, samples);
    printReport(report, samples, benchS);
    const file = await writeResults(options, plan, variants, samples, report, { redis: redis.version, benchS });
    console.log(`\nresults written to ${file}`);
    return report.consistent && report.errors === 0 ? 0 : 1;
  } finally {
    await redis?.stop().catch(() => undefined);
    fleet?.stop();
    killAll();
    if (options.keepTemp) console.log(`temporary files kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}

function buildVariants(options: DistBenchOptions): Variant[] {
  const variants: Variant[] = [{ id: 'in-process', label: 'in-process (rasoat scan)', agents: 0, chunkSize: null, kind: 'main' }];
  for (const n of options.agents) variants.push({ id: `agents-${n}`, label: `server + ${n} agent${n > 1 ? 's' : ''}, chunk ${DEFAULT_CHUNK_SIZE}`, agents: n, chunkSize: DEFAULT_CHUNK_SIZE, kind: 'main' });
  if (options.chunkSizes.length > 0 && !options.agents.includes(options.chunkAgents)) {
    variants.push({ id: `agents-${options.chunkAgents}`, label: `server + ${options.chunkAgents} agents, chunk ${DEFAULT_CHUNK_SIZE}`, agents: options.chunkAgents, chunkSize: DEFAULT_CHUNK_SIZE, kind: 'main' });
  }
  for (const size of options.chunkSizes) {
    variants.push({ id: `agents-${options.chunkAgents}-chunk-${size}`, label: `server + ${options.chunkAgents} agents, chunk ${size}`, agents: options.chunkAgents, chunkSize: size, kind: 'main' });
  }
  if (options.overheadJobs > 1) {
    const n = options.overheadJobs;
    variants.push({ id: 'trivial-in-process', label: `${n} trivial hosts in-process`, agents: 0, chunkSize: null, kind: 'overhead' });
    variants.push({ id: 'trivial-jobs-1', label: `${n} trivial hosts, 1 agent, ${n} jobs of 1`, agents: 1, chunkSize: 1, kind: 'overhead' });
    variants.push({ id: `trivial-jobs-${n}`, label: `${n} trivial hosts, 1 agent, 1 job of ${n}`, agents: 1, chunkSize: n, kind: 'overhead' });
  }
  return variants;
}

function printPlan(options: DistBenchOptions, plan: DistFleetPlan, variants: Variant[]): void {
  console.log(`node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}): the scan, the agents, Redis and the fleet all share them`);
  console.log(`targets: ${options.hosts} addresses = ${plan.cidrs.join(' ')}; web sites: ${plan.sites.length} (${plan.hosts.length} hosts, ports ${DIST_PORTS.join(',')})`);
  console.log(`audit: rasoat scan --targets <file> ${SCAN_FLAGS.join(' ')} [--distributed --queue unix://<tmp>/redis.sock --chunk-size N]`);
  console.log('variants:');
  for (const v of variants) console.log(`  [${v.id}] ${v.label}`);
}

async function runAll(ctx: Context, variants: Variant[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  const firstBuild = buildId(REPO_ROOT);
  for (let run = 1; run <= ctx.options.runs; run++) {
    // The in-process reference first, then the rest, reversed every other round.
    const [reference, ...rest] = variants;
    const order = [reference!, ...(run % 2 === 1 ? rest : [...rest].reverse())];
    for (const variant of order) {
      await settle(ctx.options);
      const build = buildId(REPO_ROOT);
      if (build !== firstBuild) console.warn(`warning: dist/src changed since the bench started (build ${firstBuild} -> ${build})`);
      const sample = await runVariant(ctx, variant, run, build);
      console.log(`run ${run}/${ctx.options.runs} ${variant.label}: ${describe(sample)}`);
      samples.push(sample);
    }
  }
  return samples;
}

function describe(s: Sample): string {
  const parts = [`${(s.wallMs / 1000).toFixed(2)} s`];
  if (s.scanCpuS !== null) parts.push(`scan CPU ${s.scanCpuS.toFixed(1)} s`);
  if (s.agents.length) parts.push(`agents CPU ${s.agentsCpuS.toFixed(1)} s (${s.agents.map((a) => `${a.name} ${a.jobs} jobs`).join(', ')})`);
  if (s.redis) parts.push(`Redis ${s.redis.calls} calls, CPU ${s.redis.cpuS.toFixed(1)} s`);
  if (s.audit) parts.push(`${s.audit.targets} targets, ${s.audit.observations} observations, ${s.audit.findings} verdicts stored`);
  if (machineWasBusy(s)) parts.push(`BUSY: other processes used ${s.foreignCpuS!.toFixed(1)} CPU s`);
  if (s.error) parts.push(`ERROR ${s.error.slice(0, 300)}`);
  return parts.join(', ');
}


async function runVariant(ctx: Context, variant: Variant, run: number, build: string): Promise<Sample> {
  const db = join(ctx.tmpDir, `${variant.id}-${run}.db`);
  const targets = variant.kind === 'main' ? ctx.targets : ctx.overheadTargets;
  const args = [RASOAT, '--db', db, 'scan', '--targets', targets, ...(variant.kind === 'main' ? SCAN_FLAGS : TRIVIAL_FLAGS)];
  if (variant.agents > 0) args.push('--distributed', '--queue', ctx.redis.url, '--chunk-size', String(variant.chunkSize ?? DEFAULT_CHUNK_SIZE));
  // A clean queue for every run: no jobs, results or heartbeats of earlier runs (the agent's ACL user stays).
  await ctx.redis.admin.flushall();
  const agents = variant.agents > 0 ? await startAgents(REPO_ROOT, ctx.credentials, variant.agents, `${variant.id}-r${run}-a`, ENV) : [];
  try {
    await ctx.fleet.mark();
    const before = {
      machine: machineBusySeconds(),
      own: ownCpuSeconds(),
      fleet: processCpuSeconds(ctx.fleet.pid),
      agents: agents.map((a) => processCpuSeconds(a.pid)),
      redis: await redisSnapshot(ctx.redis),
    };
    const startedAt = Date.now();
    const measured = await runTimed(args, join(ctx.tmpDir, `${variant.id}-${run}.time`), ctx.options.runTimeout * 1000);
    const redisAfter = await redisSnapshot(ctx.redis);
    const agentCpu = agents.map((a, i) => processCpuSeconds(a.pid) - before.agents[i]!);
    const agentRss = agents.map((a) => peakRssKb(a.pid));
    const fleetCpuS = processCpuSeconds(ctx.fleet.pid) - before.fleet;
    const redis = redisDelta(before.redis, redisAfter);
    const agentsCpuS = agentCpu.reduce((a, b) => a + b, 0);
    const known = (measured.cpuS ?? 0) + agentsCpuS + fleetCpuS + redis.cpuS + ownCpuSeconds() - before.own;
    const foreignCpuS = measured.cpuS === null ? null : Math.max(0, machineBusySeconds() - before.machine - known);
    const { stats: served } = await ctx.fleet.mark();
    await Promise.all(agents.map((a) => stopProcess(a.child)));
    const agentFigures: AgentFigures[] = agents.map((a, i) => ({ name: a.name, cpuS: agentCpu[i]!, peakRssKb: agentRss[i]!, ...agentLogFigures(a.log()) }));
    const sample: Sample = {
      variant: variant.id,
      run,
      startedAt,
      wallMs: measured.wallMs,
      scanCpuS: measured.cpuS,
      scanPeakRssKb: measured.peakRssKb,
      agents: agentFigures,
      agentsCpuS,
      redis: variant.agents > 0 ? redis : null,
      fleetCpuS,
      foreignCpuS,
      served,
      exitCode: measured.exitCode,
      audit: null,
      build,
    };
    if (measured.exitCode !== 0) sample.error = `exit code ${measured.exitCode}${measured.timedOut ? ' (killed: --run-timeout)' : ''}: ${measured.stderr.trim().slice(-2000)}`;
    try {
      sample.audit = readStoredAudit(db);
    } catch (error) {
      sample.error = `${sample.error ?? ''} database unreadable: ${(error as Error).message}`.trim();
    }
    return sample;
  } finally {
    await Promise.all(agents.map((a) => stopProcess(a.child)));
    if (!ctx.options.keepTemp) await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(db + suffix, { force: true })));
  }
}

interface Timed {
  wallMs: number;
  cpuS: number | null;
  peakRssKb: number | null;
  exitCode: number | null;
  timedOut: boolean;
  stderr: string;
}

/**
 * Runs rasoat under GNU time (CPU and peak RSS) in its own process group, so a scan that overruns
 * the time limit is killed whole.
 */
function runTimed(args: string[], timeFile: string, timeoutMs: number): Promise<Timed> {
  const gnu = gnuTimeAvailable();
  const [command, commandArgs] = gnu ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(spawn(command, commandArgs as string[], { cwd: REPO_ROOT, env: ENV, stdio: ['ignore', 'ignore', 'pipe'], detached: true }), { group: true });
    let stderr = '';
    let timedOut = false;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      let cpuS: number | null = null;
      let peak: number | null = null;
      if (gnu) {
        try {
          const [kb, user, system] = (readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
          if (Number.isFinite(user) && Number.isFinite(system)) cpuS = user! + system!;
          if (Number.isFinite(kb) && kb! > 0) peak = kb!;
        } catch {
          // killed before GNU time wrote anything
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ wallMs, cpuS, peakRssKb: peak, exitCode: code, timedOut, stderr });
    });
  });
}

async function writeResults(options: DistBenchOptions, plan: DistFleetPlan, variants: Variant[], samples: Sample[], report: Report, extra: { redis: string; benchS: number }): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, 'distributed.json');
  const result = {
    date: new Date().toISOString(),
    environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, kernel: release(), redis: extra.redis },
    options,
    fleet: { targets: plan.cidrs, hosts: options.hosts, sites: plan.sites, overheadTargets: options.overheadJobs > 0 ? overheadCidrs(options.overheadJobs) : [] },
    scanFlags: SCAN_FLAGS,
    trivialFlags: TRIVIAL_FLAGS,
    variants,
    report,
    samples,
    benchSeconds: extra.benchS,
  };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A short pause between runs, then (within the budget) a wait for other work on the machine to end. */
async function settle(options: DistBenchOptions): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_RUNS_MS));
  const allowedMs = Math.min(options.quietWait * 1000, options.quietBudget * 1000 - waitedMs);
  if (allowedMs <= 0) return;
  const started = Date.now();
  const quiet = await waitForQuietMachine(allowedMs);
  waitedMs += Date.now() - started;
  if (!quiet) console.warn(`warning: the machine is still busy with other work after ${((Date.now() - started) / 1000).toFixed(0)} s; running anyway`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
