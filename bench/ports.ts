/**
 * Port-scanner benchmark: rasoat against nmap -sT, on the same loopback fleet and nmap's top-1000
 * TCP ports, timed and checked for correctness in one run. See bench/README.md.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, USAGE, type BenchOptions } from './lib/args.js';
import { buildId } from './lib/build-id.js';
import { waitForQuietMachine } from './lib/cpu.js';
import { planFleet, startFleet, type FleetPlan } from './lib/fleet.js';
import { diffSets, isEmptyDiff } from './lib/port-sets.js';
import {
  printDiff,
  printDifferences,
  printTable,
  printVerdicts,
  probedPortsCheck,
  ratioAgainst,
  summarise,
  type Ratio,
  type ToolSummary,
} from './lib/report.js';
import type { RssMethod } from './lib/measure.js';
import { assertSafeTarget } from './lib/safety.js';
import { ensureNmap, ensureRssMethod, foreignListeners } from './lib/system.js';
import { nmapTool, rasoatTool, rasoatVariant, startupBaseline, type RunContext, type Sample, type Tool } from './lib/tools.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const PAUSE_BETWEEN_RUNS_MS = 500;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const nmapVersion = ensureNmap();
  const rssMethod = ensureRssMethod();
  console.log(`${nmapVersion}; node ${process.version}; ${cpus().length} CPUs; peak RSS via ${rssMethod}`);

  const plan = planFleet(options.subnet, options.hosts, options.seed);
  plan.hosts.forEach((host) => assertSafeTarget(host));
  warnAboutForeignListeners(options.subnet);
  const tools = buildTools(options, plan);
  printPlan(plan, tools);

  const fleet = await startFleet(plan);
  console.log(`fleet up: ${plan.listeners.length} listeners on ${plan.hosts.length} hosts (child pid ${fleet.pid})`);
  const tmpDir = await mkdtemp(join(tmpdir(), 'rasoat-bench-'));
  const onSignal = () => {
    fleet.stop();
    rmSync(tmpDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const context = { repoRoot: REPO_ROOT, tmpDir, rssMethod, fleetPid: fleet.pid };
    const samples = await runRounds(tools, options, context);
    return await report(options, plan, tools, samples, { nmapVersion, rssMethod });
  } finally {
    fleet.stop();
    if (options.keepTemp) console.log(`temporary files kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}

function buildTools(options: BenchOptions, plan: FleetPlan): Tool[] {
  const target = plan.targetSpec;
  return [
    rasoatTool('rasoat', 'rasoat (defaults)', 'headline', target),
    nmapTool('nmap-t3', 'nmap -sT (T3)', target),
    ...(options.t4 ? [nmapTool('nmap-t4', 'nmap -sT -T4', target, ['-T4'])] : []),
    ...options.variants.map((v, i) => rasoatVariant(v, i, target)),
    startupBaseline(),
  ];
}

function warnAboutForeignListeners(subnet: string): void {
  const foreign = foreignListeners(subnet);
  if (foreign.length) {
    console.warn(`warning: listeners not ours that the scans may also see: ${foreign.join(' ')}`);
  }
}

function printPlan(plan: FleetPlan, tools: Tool[]): void {
  const perPort = new Map<number, number>();
  for (const { port } of plan.listeners) perPort.set(port, (perPort.get(port) ?? 0) + 1);
  const ports = [...perPort].sort((a, b) => a[0] - b[0]).map(([p, n]) => `${p}x${n}`);
  console.log(`fleet: ${plan.targetSpec}, ${plan.listeners.length} open ports (port x hosts): ${ports.join(' ')}`);
  console.log('commands:');
  for (const tool of tools) console.log(`  [${tool.id}] ${tool.display}`);
}

/** Runs every tool once per round, reversing the order every other round so neither tool always goes first. */
async function runRounds(tools: Tool[], options: BenchOptions, context: Omit<RunContext, 'run'>): Promise<Sample[]> {
  const samples: Sample[] = [];
  const rounds = options.runs;
  const firstBuild = buildId(REPO_ROOT);
  for (let run = 1; run <= rounds; run++) {
    const order = run % 2 === 1 ? tools : [...tools].reverse();
    for (const tool of order) {
      await settle(options.quietWait);
      const build = buildId(REPO_ROOT);
      if (build !== firstBuild) console.warn(`warning: dist/src changed since the bench started (build ${firstBuild} -> ${build})`);
      const sample = { ...(await tool.run({ ...context, run })), build };
      console.log(`run ${run}/${rounds} ${tool.label}: ${describe(sample, tool)}`);
      samples.push(sample);
    }
  }
  return samples;
}

function describe(sample: Sample, tool: Tool): string {
  const parts = [`${(sample.wallMs / 1000).toFixed(2)} s`];
  if (sample.cpuS !== null) parts.push(`CPU ${sample.cpuS.toFixed(2)} s`);
  if (sample.peakRssKb !== null) parts.push(`${(sample.peakRssKb / 1024).toFixed(1)} MB`);
  if (tool.role !== 'baseline') parts.push(`${sample.result?.open.size ?? '?'} open`);
  if (sample.foreignCpuS !== null && machineWasBusy(sample)) parts.push(`BUSY: other processes used ${sample.foreignCpuS.toFixed(1)} CPU s`);
  if (sample.error) parts.push('ERROR');
  return parts.join(', ');
}

/** Other processes took more than 5% of the machine's CPU capacity during the run. */
function machineWasBusy(sample: Sample): boolean {
  return (sample.foreignCpuS ?? 0) > 0.5 + 0.05 * (sample.wallMs / 1000) * cpus().length;
}

async function report(
  options: BenchOptions,
  plan: FleetPlan,
  tools: Tool[],
  samples: Sample[],
  environment: { nmapVersion: string; rssMethod: RssMethod },
): Promise<number> {
  const samplesOf = (id: string) => samples.filter((s) => s.tool === id);
  const summaries = tools.map((tool) => summarise(tool, samplesOf(tool.id), plan.expected));
  const byId = (id: string) => summaries.find((s) => s.id === id);
  const headline = byId('rasoat')!;

  printTable(summaries, plan.expected.size);
  const ratios = ['nmap-t3', 'nmap-t4'].flatMap((id) => {
    const reference = byId(id);
    return reference ? [ratioAgainst(headline, reference)] : [];
  });
  printVerdicts(headline, ratios);

  console.log('');
  const fleetPorts = new Set(plan.listeners.map((l) => l.port));
  const probed = probedPortsCheck(samplesOf('rasoat')[0], samplesOf('nmap-t3')[0], fleetPorts);
  for (const line of probed) console.log(line);
  printDifferences(summaries);
  compareRasoatWithNmap(samplesOf('rasoat'), samplesOf('nmap-t3'));

  const busy = samples.filter(machineWasBusy);
  if (busy.length) {
    console.log(`\nwarning: the machine was busy with other work during ${busy.length} of ${samples.length} runs (see "other CPU s"): their wall times are inflated`);
  }
  const builds = [...new Set(samples.map((s) => s.build))];
  if (builds.length > 1) console.log(`warning: rasoat was rebuilt during the bench; builds measured: ${builds.join(', ')}`);

  const correct = summaries.every((s) => s.correct !== false);
  console.log(correct ? '\nopen-port sets: every run of every tool matches the fleet' : '\nopen-port sets DIFFER (see above)');
  const file = await writeResults(options, plan, summaries, samples, ratios, probed, environment);
  console.log(`results written to ${file}`);
  return correct ? 0 : 1;
}

/** Only printed when the two disagree: rasoat's first run against nmap's first run. */
function compareRasoatWithNmap(rasoat: Sample[], nmap: Sample[]): void {
  const r = rasoat[0]?.result;
  const n = nmap[0]?.result;
  if (!r || !n) return;
  const diff = diffSets(n.open, r.open);
  if (!isEmptyDiff(diff)) printDiff('rasoat run 1 against nmap -sT (T3) run 1 (missing/extra for rasoat)', diff);
}

async function writeResults(
  options: BenchOptions,
  plan: FleetPlan,
  summaries: ToolSummary[],
  samples: Sample[],
  ratios: Ratio[],
  probed: string[],
  environment: { nmapVersion: string; rssMethod: RssMethod },
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `ports-${stamp}.json`);
  const result = {
    date: new Date().toISOString(),
    environment: { ...environment, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, kernel: release() },
    options,
    fleet: { target: plan.targetSpec, hosts: plan.hosts.length, openPorts: plan.expected.size, listeners: plan.listeners },
    summaries,
    samples: samples.map(({ result, ...rest }) => ({
      ...rest,
      openFound: result?.open.size ?? null,
      hostsUp: result?.hostsUp ?? null,
      filtered: result?.filtered ?? null,
      innerMs: result?.innerMs ?? null,
    })),
    ratios,
    probed,
  };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A short pause between runs, then (unless disabled) a wait for other work on the machine to end. */
async function settle(quietWaitS: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_RUNS_MS));
  if (quietWaitS > 0 && !(await waitForQuietMachine(quietWaitS * 1000))) {
    console.warn(`warning: the machine is still busy with other work after ${quietWaitS} s; running anyway`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
