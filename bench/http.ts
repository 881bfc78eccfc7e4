/**
 * HTTP-scanner benchmark: rasoat's `http` scanner (transport, headers, cookies, exposure paths) on
 * a fleet of loopback web sites, against curl replaying the very requests rasoat made (one process
 * reusing connections, one process per request, xargs -P), timed, counted on the server side and
 * checked for the planted exposures in one run. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issue } from '../fixtures/certs/generate.js';
import { buildId } from './lib/build-id.js';
import { waitForQuietMachine } from './lib/cpu.js';
import { HTTP_USAGE, parseHttpOptions, type HttpBenchOptions } from './lib/http-args.js';
import { planHttpFleet, prefixOf, SITE_KINDS, startHttpFleet, type HttpFleetPlan } from './lib/http-fleet.js';
import { machineWasBusy, printHttpTable, printHttpVerdicts, summarise, verdicts, type HttpSummary, type HttpVerdicts } from './lib/http-report.js';
import {
  curlConfigTool,
  curlLoopTool,
  curlXargsTool,
  rasoatTool,
  startupTool,
  type HttpRunContext,
  type HttpSample,
  type HttpTool,
} from './lib/http-tools.js';
import { assertSafeTarget } from './lib/safety.js';
import { ensureRssMethod, foreignListeners, onPath } from './lib/system.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const PAUSE_BETWEEN_RUNS_MS = 500;

async function main(): Promise<number> {
  const options = parseHttpOptions(process.argv.slice(2));
  if (!options) {
    console.log(HTTP_USAGE);
    return 0;
  }
  for (const tool of ['curl', 'xargs', 'openssl']) if (!onPath(tool)) throw new Error(`${tool} is not on the PATH`);
  const rssMethod = ensureRssMethod();
  const curlVersion = spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]!.trim();
  const nuclei = onPath('nuclei') ? 'installed (not used by this bench)' : 'not installed (and no internet to install it): curl baselines stand in for it';
  console.log(`${curlVersion}; node ${process.version}; ${cpus().length} CPUs; peak RSS via ${rssMethod}; nuclei ${nuclei}`);

  const plan = planHttpFleet(options.subnet, options.hosts);
  plan.hosts.forEach((host) => assertSafeTarget(host));
  const small = options.smallHosts > 0 ? prefixOf(plan, options.smallHosts) : null;
  const foreign = foreignListeners(options.subnet).filter((l) => plan.ports.some((p) => l.endsWith(`:${p}`)));
  if (foreign.length) console.warn(`warning: listeners not ours that the scans may also see: ${foreign.join(' ')}`);
  const tools = buildTools(options, plan, small);
  printPlan(plan, tools);

  const cert = issue({ subject: '/CN=rasoat-http-bench', keyType: 'ec', san: ['DNS:rasoat-http-bench.test'] });
  const fleet = await startHttpFleet(plan, cert);
  console.log(`fleet up: ${plan.sites.length} sites on ${plan.hosts.length} hosts (child pid ${fleet.pid})`);
  const tmpDir = await mkdtemp(join(tmpdir(), 'rasoat-bench-http-'));
  const onSignal = () => {
    fleet.stop();
    rmSync(tmpDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const context: HttpRunContext = { repoRoot: REPO_ROOT, tmpDir, rssMethod, fleet, run: 0, requestSet: null };
    const samples = await runRounds(tools, options, context);
    const plans = new Map<string, HttpFleetPlan | null>(tools.map((t) => [t.id, t.id === 'rasoat-small' ? small : plan]));
    const summaries = tools.map((tool) => summarise(tool, samples.filter((s) => s.tool === tool.id), plans.get(tool.id) ?? null));
    printHttpTable(summaries);
    const v = verdicts(summaries, options.hosts, options.smallHosts);
    printHttpVerdicts(v, summaries);
    const busy = samples.filter(machineWasBusy);
    if (busy.length) console.log(`\nwarning: the machine was busy with other work during ${busy.length} of ${samples.length} runs (see "other CPU s"): their wall times are inflated`);
    const builds = [...new Set(samples.map((s) => s.build))];
    if (builds.length > 1) console.log(`warning: rasoat was rebuilt during the bench; builds measured: ${builds.join(', ')}`);
    const file = await writeResults(options, plan, summaries, samples, v, { rssMethod, curlVersion, nuclei });
    console.log(`results written to ${file}`);
    return v.correct ? 0 : 1;
  } finally {
    fleet.stop();
    if (options.keepTemp) console.log(`temporary files kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}

function buildTools(options: HttpBenchOptions, plan: HttpFleetPlan, small: HttpFleetPlan | null): HttpTool[] {
  const target = plan.targetSpec;
  return [
    rasoatTool('rasoat', 'rasoat (defaults, --rate 1000 per host)', 'headline', target, plan.ports),
    rasoatTool('rasoat-relaxed', 'rasoat --rate 0 (no rate limit)', 'variant', target, plan.ports, ['--rate', '0']),
    ...(options.compareBuild
      ? [rasoatTool('rasoat-compare', `rasoat (defaults), build in ${options.compareBuild}`, 'variant', target, plan.ports, [], resolve(options.compareBuild, 'dist/src/bin.js'))]
      : []),
    ...options.variants.map((v, i) => rasoatTool(`rasoat-variant-${i + 1}`, v.label, 'variant', target, plan.ports, v.args)),
    ...(small ? [rasoatTool('rasoat-small', `rasoat (defaults), ${small.hosts.length} hosts`, 'memory', small.targetSpec, plan.ports)] : []),
    curlConfigTool(true),
    curlConfigTool(false),
    curlXargsTool(options.parallel),
    ...(options.loopHosts > 0 ? [curlLoopTool(options.loopHosts, plan.hosts)] : []),
    startupTool(),
  ];
}

function printPlan(plan: HttpFleetPlan, tools: HttpTool[]): void {
  const count = (kind: string) => plan.sites.filter((s) => s.kind === kind).length;
  const byPort = plan.ports.map((p) => `${p}x${plan.sites.filter((s) => s.port === p).length}`).join(' ');
  console.log(`fleet: ${plan.targetSpec}, ${plan.sites.length} sites (port x sites: ${byPort}); kinds: ${SITE_KINDS.map((k) => `${k} ${count(k)}`).join(', ')}`);
  console.log('commands:');
  for (const tool of tools) console.log(`  [${tool.id}] ${tool.display}`);
}

/**
 * Every tool once per round, the order reversed every other round. Round 1 starts with rasoat's
 * headline run, whose requests (as the fleet logged them) become the set the curl baselines replay.
 */
async function runRounds(tools: HttpTool[], options: HttpBenchOptions, context: HttpRunContext): Promise<HttpSample[]> {
  const samples: HttpSample[] = [];
  const firstBuild = buildId(REPO_ROOT);
  for (let run = 1; run <= options.runs; run++) {
    const order = run % 2 === 1 ? tools : [...tools].reverse();
    for (const tool of order) {
      await settle(options);
      const build = buildId(REPO_ROOT);
      if (build !== firstBuild) console.warn(`warning: dist/src changed since the bench started (build ${firstBuild} -> ${build})`);
      const sample = { ...(await tool.run({ ...context, run })), build };
      if (sample.log && context.requestSet === null) {
        context.requestSet = sample.log;
        delete sample.log;
        const methods = Object.entries(sample.served.methods).map(([m, n]) => `${m} ${n}`).join(', ');
        console.log(`request set for the curl baselines: ${context.requestSet.length} requests (${methods})`);
      }
      console.log(`run ${run}/${options.runs} ${tool.label}: ${describe(sample)}`);
      samples.push(sample);
    }
  }
  return samples;
}

function describe(sample: HttpSample): string {
  const parts = [`${(sample.wallMs / 1000).toFixed(2)} s`];
  if (sample.cpuS !== null) parts.push(`CPU ${sample.cpuS.toFixed(2)} s`);
  if (sample.peakRssKb !== null) parts.push(`${(sample.peakRssKb / 1024).toFixed(1)} MB`);
  parts.push(`${sample.served.requests} requests`, `${sample.served.connections} connections`, `fleet CPU ${sample.fleetCpuS.toFixed(2)} s`);
  if (machineWasBusy(sample)) parts.push(`BUSY: other processes used ${sample.foreignCpuS!.toFixed(1)} CPU s`);
  if (sample.error) parts.push(`ERROR ${sample.error.slice(0, 300)}`);
  return parts.join(', ');
}

async function writeResults(
  options: HttpBenchOptions,
  plan: HttpFleetPlan,
  summaries: HttpSummary[],
  samples: HttpSample[],
  v: HttpVerdicts,
  environment: Record<string, string>,
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `http-${stamp}.json`);
  const result = {
    date: new Date().toISOString(),
    environment: { ...environment, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, kernel: release() },
    options,
    fleet: { target: plan.targetSpec, hosts: plan.hosts.length, sites: plan.sites },
    summaries,
    samples: samples.map(({ stdout: _stdout, log: _log, ...rest }) => rest),
    verdicts: v,
  };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

let waitedMs = 0;

/** A short pause, then a wait for a quiet machine: at most --quiet-wait each time, --quiet-budget in all. */
async function settle(options: HttpBenchOptions): Promise<void> {
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
