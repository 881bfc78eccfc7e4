/**
 * TLS-scanner benchmark: rasoat against sslscan (one endpoint after another, and in parallel) and
 * testssl.sh (a few endpoints), on the same fleet of nginx TLS endpoints on loopback, timed and
 * checked for agreement on every endpoint's protocols and cipher suites in one run.
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildId } from './lib/build-id.js';
import { waitForQuietMachine } from './lib/cpu.js';
import type { RssMethod } from './lib/measure.js';
import { assertSafeTarget } from './lib/safety.js';
import { ensureRssMethod, foreignListeners, onPath } from './lib/system.js';
import { parseTlsOptions, TLS_USAGE, type TlsBenchOptions } from './lib/tls-args.js';
import { buildFleetMaterial, describeMix, planTlsFleet, PROFILES, type TlsEndpoint, type TlsFleetPlan } from './lib/tls-fleet.js';
import { nginxTroubles, startNginxFleet, type RunningNginx } from './lib/tls-nginx.js';
import { opensslSuiteNames, type SuiteNames } from './lib/tls-parse.js';
import {
  compareViews,
  machineWasBusy,
  nameMismatches,
  printDifferences,
  printTestsslFigures,
  printTlsTable,
  printTlsVerdicts,
  summariseTls,
  testsslFigures,
  tlsRatio,
  type Difference,
  type TlsToolSummary,
} from './lib/tls-report.js';
import {
  rasoatEndpointTool,
  rasoatFleetTool,
  sslscanEndpointTool,
  sslscanParallelTool,
  sslscanSequentialTool,
  startupBaselineTool,
  testsslTool,
  type TlsRunContext,
  type TlsSample,
  type TlsTool,
} from './lib/tls-tools.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const PAUSE_BETWEEN_RUNS_MS = 500;
/** testssl.sh endpoints come from these profiles first: the most common, then the legacy ones (legacy-all alone takes testssl.sh over a minute). */
const TESTSSL_PROFILE_ORDER = ['intermediate', 'legacy-cbc', 'legacy-all', 'modern', 'dhe-only', 'weak-key'];

interface Environment {
  rssMethod: RssMethod;
  versions: Record<string, string>;
}

async function main(): Promise<number> {
  const options = parseTlsOptions(process.argv.slice(2));
  if (!options) {
    console.log(TLS_USAGE);
    return 0;
  }
  const versions = requireTools(options);
  const rssMethod = ensureRssMethod();
  console.log(`${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join('; ')}; node ${process.version}; ${cpus().length} CPUs; peak RSS via ${rssMethod}`);

  const plan = planTlsFleet(options.subnet, options.hosts, options.port);
  plan.endpoints.forEach((e) => assertSafeTarget(e.address, e.port));
  const foreign = foreignListeners(options.subnet);
  if (foreign.length) console.warn(`warning: listeners not ours that the scans may also see: ${foreign.join(' ')}`);

  const tmpDir = await mkdtemp(join(tmpdir(), 'rasoat-bench-tls-'));
  let nginx: RunningNginx | undefined;
  const cleanUp = async () => {
    await nginx?.stop();
    if (options.keepTemp) console.log(`temporary files kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    void nginx?.stop();
    if (!options.keepTemp) rmSync(tmpDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = Date.now();
    const material = buildFleetMaterial(plan, tmpDir);
    nginx = await startNginxFleet(material.sites, { prefix: join(tmpDir, 'nginx'), workers: options.nginxWorkers, status: plan.status });
    console.log(
      `fleet up in ${((Date.now() - started) / 1000).toFixed(1)} s: nginx (${options.nginxWorkers} workers, pids ${nginx.pids().join(' ')}) ` +
        `serving ${plan.endpoints.length} endpoints on ${plan.targetSpec} port ${plan.port}: ${describeMix(plan)}`,
    );
    const testsslEndpoints = pickTestsslEndpoints(plan, options.testsslHosts);
    const tools = buildTools(options, plan, material.caFile, testsslEndpoints);
    console.log('commands:');
    for (const tool of tools) console.log(`  [${tool.id}] ${tool.display}`);

    const context = { repoRoot: REPO_ROOT, tmpDir, rssMethod, nginx };
    const samples = await runRounds(tools, options, context);
    const troubles = nginxTroubles(nginx.prefix);
    return await report(options, plan, tools, samples, testsslEndpoints, troubles, { rssMethod, versions });
  } finally {
    await cleanUp();
  }
}

/** The versions of the peers; a missing one is an error with the command that installs it. */
function requireTools(options: TlsBenchOptions): Record<string, string> {
  const needed: Array<[string, string]> = [
    ['nginx', 'nginx'],
    ['sslscan', 'sslscan'],
    ['openssl', 'openssl'],
    ['xargs', 'findutils'],
    ...(options.testsslHosts > 0 ? ([['testssl', 'testssl.sh']] as Array<[string, string]>) : []),
  ];
  const missing = needed.filter(([command]) => !onPath(command));
  if (missing.length) {
    throw new Error(`missing ${missing.map(([c]) => c).join(', ')}: apt-get install -y ${missing.map(([, p]) => p).join(' ')}`);
  }
  const text = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    return `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
  };
  const versions: Record<string, string> = {
    sslscan: /\b(\d+\.\d+\.\d+)\b/.exec(text('sslscan', ['--version']))?.[1] ?? '?',
    nginx: /nginx\/(\S+)/.exec(text('nginx', ['-v']))?.[1] ?? '?',
    openssl: /OpenSSL (\S+)/.exec(text('openssl', ['version']))?.[1] ?? '?',
  };
  if (options.testsslHosts > 0) versions['testssl.sh'] = /testssl\s+(\S+)/.exec(text('testssl', ['--version']))?.[1] ?? '?';
  return versions;
}

function pickTestsslEndpoints(plan: TlsFleetPlan, count: number): TlsEndpoint[] {
  const byAddress = plan.endpoints.filter((e) => e.sni === null);
  const order = [...TESTSSL_PROFILE_ORDER, ...PROFILES.map((p) => p.name)];
  const chosen: TlsEndpoint[] = [];
  for (const profile of order) {
    const endpoint = byAddress.find((e) => e.profile === profile && !chosen.includes(e));
    if (endpoint && chosen.length < count) chosen.push(endpoint);
  }
  return chosen;
}

function buildTools(options: TlsBenchOptions, plan: TlsFleetPlan, caFile: string, testsslEndpoints: TlsEndpoint[]): TlsTool[] {
  return [
    rasoatFleetTool(plan, caFile),
    sslscanSequentialTool(plan),
    sslscanParallelTool(plan, options.parallel),
    ...testsslEndpoints.flatMap((e) => [testsslTool(e), sslscanEndpointTool(e), rasoatEndpointTool(e, caFile)]),
    startupBaselineTool(),
  ];
}

/**
 * Runs every tool once per round, reversing the order every other round so no tool always goes
 * first. testssl.sh only runs in the first --testssl-runs rounds.
 */
async function runRounds(tools: TlsTool[], options: TlsBenchOptions, context: Omit<TlsRunContext, 'run'>): Promise<TlsSample[]> {
  const samples: TlsSample[] = [];
  const firstBuild = buildId(REPO_ROOT);
  for (let run = 1; run <= options.runs; run++) {
    const active = tools.filter((t) => !t.id.startsWith('testssl@') || run <= options.testsslRuns);
    const order = run % 2 === 1 ? active : [...active].reverse();
    for (const tool of order) {
      await settle(options);
      const build = buildId(REPO_ROOT);
      if (build !== firstBuild) console.warn(`warning: dist/src changed since the bench started (build ${firstBuild} -> ${build})`);
      const sample = { ...(await tool.run({ ...context, run })), build };
      console.log(`run ${run}/${options.runs} ${tool.label}: ${describe(sample, tool)}`);
      samples.push(sample);
    }
  }
  return samples;
}

function describe(sample: TlsSample, tool: TlsTool): string {
  const parts = [`${(sample.wallMs / 1000).toFixed(2)} s`];
  if (sample.cpuS !== null) parts.push(`CPU ${sample.cpuS.toFixed(2)} s`);
  parts.push(`nginx CPU ${sample.serverCpuS.toFixed(2)} s`);
  if (sample.peakRssKb !== null) parts.push(`${(sample.peakRssKb / 1024).toFixed(1)} MB`);
  if (tool.endpoints.length) {
    parts.push(`${sample.result?.endpoints.size ?? '?'}/${tool.endpoints.length} endpoints`);
    if (sample.connections !== null) parts.push(`${sample.connections} connections`);
  }
  if (sample.foreignCpuS !== null && machineWasBusy(sample)) parts.push(`BUSY: other processes used ${sample.foreignCpuS.toFixed(1)} CPU s`);
  if (sample.error) parts.push('ERROR');
  return parts.join(', ');
}

interface Correctness {
  /** rasoat against sslscan (sequential and parallel), run k against run k. */
  rasoatVsSslscan: Difference[];
  /** Each tool's later runs against its first: results that change between runs. */
  unstable: Difference[];
  /** Informational: testssl.sh against rasoat and sslscan on its endpoints. */
  testssl: Difference[];
  comparisons: { rasoatVsSslscan: number; unstable: number; testssl: number };
  nameMismatches: { sslscan: string[]; rasoat: string[] };
}

function checkCorrectness(plan: TlsFleetPlan, tools: TlsTool[], samples: TlsSample[], names: SuiteNames): Correctness {
  const of = (id: string) => samples.filter((s) => s.tool === id).sort((a, b) => a.run - b.run);
  const label = (id: string) => tools.find((t) => t.id === id)?.label ?? id;
  const rasoat = of('rasoat');
  const versus = new Map<string, Difference>();
  let versusCount = 0;
  for (const reference of ['sslscan-seq', 'sslscan-par']) {
    for (const theirs of of(reference)) {
      const ours = rasoat.find((s) => s.run === theirs.run);
      if (!ours) continue;
      compareViews(plan.endpoints, { name: 'rasoat', label: 'rasoat', run: ours.run, result: ours.result }, { name: 'sslscan', label: label(reference), run: theirs.run, result: theirs.result }, versus);
      versusCount++;
    }
  }
  const unstable = new Map<string, Difference>();
  let unstableCount = 0;
  for (const tool of tools.filter((t) => t.role !== 'baseline')) {
    const [first, ...rest] = of(tool.id);
    for (const later of rest) {
      const side = (name: string, sample: TlsSample) => ({ name: `${tool.label} ${name}`, label: tool.label, run: sample.run, result: sample.result });
      compareViews(tool.endpoints, side('(a later run)', later), side('(run 1)', first!), unstable);
      unstableCount++;
    }
  }
  const testssl = new Map<string, Difference>();
  let testsslCount = 0;
  for (const tool of tools.filter((t) => t.id.startsWith('testssl@'))) {
    for (const sample of of(tool.id)) {
      for (const other of ['rasoat', 'sslscan-seq']) {
        const theirs = of(other)[0];
        if (!theirs) continue;
        compareViews(tool.endpoints, { name: 'testssl.sh', label: 'testssl.sh', run: sample.run, result: sample.result }, { name: label(other), label: label(other), run: theirs.run, result: theirs.result }, testssl);
        testsslCount++;
      }
    }
  }
  return {
    rasoatVsSslscan: [...versus.values()],
    unstable: [...unstable.values()],
    testssl: [...testssl.values()],
    comparisons: { rasoatVsSslscan: versusCount, unstable: unstableCount, testssl: testsslCount },
    nameMismatches: {
      sslscan: nameMismatches(of('sslscan-seq')[0]?.result, names.openssl),
      rasoat: nameMismatches(rasoat[0]?.result, names.iana),
    },
  };
}

/**
 * rasoat's handshake counts per endpoint and run, beside the most any endpoint of the same profile
 * (identically configured) needed, and whether its probes went unanswered (tls.features null).
 */
function handshakeNotes(plan: TlsFleetPlan, rasoat: TlsSample[]) {
  const profileOf = new Map(plan.endpoints.map((e) => [e.id, e.profile]));
  const perProfile = new Map<string, number>();
  for (const sample of rasoat) {
    for (const [id, n] of sample.result?.handshakes ?? []) {
      const profile = profileOf.get(id) ?? '?';
      perProfile.set(profile, Math.max(perProfile.get(profile) ?? 0, n));
    }
  }
  const most = (id: string) => perProfile.get(profileOf.get(id) ?? '?') ?? null;
  const counts = (id: string) => rasoat.map((s) => ({ run: s.run, n: s.result?.handshakes.get(id) ?? null, cut: s.result?.cutShort.has(id) ?? false }));
  return {
    note: (id: string) => {
      const list = counts(id);
      const cut = list.filter((c) => c.cut).map((c) => c.run);
      const cutNote = cut.length ? `; probes unanswered (compression/fallback SCSV unknown) in run ${cut.join(', ')}` : '';
      return `(rasoat handshakes run by run: ${list.map((c) => c.n ?? '-').join('/')}; most for this profile ${most(id) ?? '?'}${cutNote})`;
    },
    cutShort: (differences: Difference[]) =>
      [...new Set(differences.map((d) => d.endpoint))].filter((id) => {
        const runs = new Set(differences.filter((d) => d.endpoint === id).flatMap((d) => d.seenIn.map((c) => Number(/^rasoat run (\d+)/.exec(c)?.[1]))));
        const m = most(id);
        return counts(id).some((c) => runs.has(c.run) && (c.cut || (c.n !== null && m !== null && c.n < m)));
      }),
  };
}

async function report(
  options: TlsBenchOptions,
  plan: TlsFleetPlan,
  tools: TlsTool[],
  samples: TlsSample[],
  testsslEndpoints: TlsEndpoint[],
  nginxLog: string[],
  environment: Environment,
): Promise<number> {
  const summaries = tools.map((tool) => summariseTls(tool, samples.filter((s) => s.tool === tool.id)));
  const byId = (id: string) => summaries.find((s) => s.id === id);
  printTlsTable(summaries);

  const headline = byId('rasoat')!;
  const ratios = ['sslscan-seq', 'sslscan-par'].flatMap((id) => {
    const reference = byId(id);
    return reference ? [tlsRatio(headline, reference)] : [];
  });
  printTlsVerdicts(ratios);
  const cut = samples.filter((s) => s.tool === 'rasoat').map((s) => s.result?.cutShort.size ?? 0);
  console.log(`rasoat endpoints with probes left unanswered (compression/fallback SCSV unknown), run by run: ${cut.join('/')} of ${plan.endpoints.length}`);
  const startup = byId('rasoat-startup');
  if (startup) console.log(`(rasoat's start-up alone, node + module loading: ${startup.medianS.toFixed(2)} s of every rasoat figure)`);
  const testssl = testsslFigures(summaries, testsslEndpoints, plan.endpoints.length);
  if (testssl) printTestsslFigures(testssl, plan.endpoints.length);

  console.log('');
  const names = opensslSuiteNames();
  const correctness = checkCorrectness(plan, tools, samples, names);
  for (const s of summaries) for (const error of s.errors) console.log(`! ${s.label}: ${error}`);
  const handshakes = handshakeNotes(plan, samples.filter((s) => s.tool === 'rasoat'));
  printDifferences('rasoat vs sslscan (protocols and suites per endpoint)', correctness.rasoatVsSslscan, names, correctness.comparisons.rasoatVsSslscan, handshakes.note);
  const short = handshakes.cutShort(correctness.rasoatVsSslscan);
  if (short.length) {
    console.log(
      `  ${short.length} of ${new Set(correctness.rasoatVsSslscan.map((d) => d.endpoint)).size} endpoints that differ were, in a run where they differ, probed by rasoat ` +
        'with fewer handshakes than another endpoint of their profile or with probes left unanswered: rasoat stopped probing them early (see bench/README.md)',
    );
  }
  printDifferences('run-to-run stability (each run vs the same tool\'s run 1)', correctness.unstable, names, correctness.comparisons.unstable);
  if (correctness.comparisons.testssl) {
    printDifferences('testssl.sh vs rasoat and sslscan (informational, not in the exit status)', correctness.testssl, names, correctness.comparisons.testssl);
  }
  for (const [tool, list] of Object.entries(correctness.nameMismatches)) {
    if (list.length) console.log(`note: ${tool} names ${list.length} suite(s) differently from OpenSSL's table: ${list.slice(0, 10).join('; ')}`);
  }
  if (nginxLog.length) console.log(`warning: nginx reported ${nginxLog.length} problem(s), e.g. ${nginxLog.slice(0, 3).join(' | ')}`);

  const busy = samples.filter(machineWasBusy);
  if (busy.length) {
    console.log(`\nwarning: the machine was busy with other work during ${busy.length} of ${samples.length} runs (see "other CPU s"): their wall times are inflated`);
  }
  const builds = [...new Set(samples.map((s) => s.build))];
  if (builds.length > 1) console.log(`warning: rasoat was rebuilt during the bench; builds measured: ${builds.join(', ')}`);

  const errors = summaries.filter((s) => s.role !== 'baseline' && s.errors.length > 0 && s.role !== 'endpoint');
  const incomplete = summaries.filter((s) => s.role === 'headline' || s.role === 'reference').filter((s) => s.seen.some((n) => n !== s.endpoints));
  const agree = correctness.rasoatVsSslscan.length === 0 && correctness.unstable.length === 0 && errors.length === 0 && incomplete.length === 0;
  console.log(
    agree
      ? `\nrasoat and sslscan agree on the protocols and suites of all ${plan.endpoints.length} endpoints, in every run`
      : '\nrasoat and sslscan DISAGREE, or a run was incomplete (see above)',
  );
  const file = await writeResults(options, plan, summaries, samples, { ratios, testssl, correctness, nginxLog, environment });
  console.log(`results written to ${file}`);
  return agree ? 0 : 1;
}

async function writeResults(
  options: TlsBenchOptions,
  plan: TlsFleetPlan,
  summaries: TlsToolSummary[],
  samples: TlsSample[],
  extra: Record<string, unknown> & { environment: Environment },
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `tls-${stamp}.json`);
  const { environment, ...rest } = extra;
  const result = {
    date: new Date().toISOString(),
    environment: { ...environment, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, kernel: release() },
    options,
    fleet: {
      target: plan.targetSpec,
      port: plan.port,
      profiles: PROFILES,
      endpoints: plan.endpoints.map(({ id, profile, sni }) => ({ id, profile, sni })),
    },
    summaries,
    samples: samples.map(({ result, ...sample }) => ({
      ...sample,
      endpointsSeen: result?.endpoints.size ?? null,
      innerMs: result?.innerMs ?? null,
      handshakes: result && result.handshakes.size ? Object.fromEntries(result.handshakes) : undefined,
      cutShort: result && result.cutShort.size ? [...result.cutShort] : undefined,
      views: result && sample.run === 1 ? Object.fromEntries(result.endpoints) : undefined,
    })),
    ...rest,
  };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

let waitedMs = 0;

/**
 * A short pause between runs, then (unless disabled) a wait for other work on the machine to end:
 * at most --quiet-wait seconds each time and --quiet-budget seconds in all, so a machine that
 * stays busy cannot stretch the bench without end (its runs are then marked BUSY).
 */
async function settle(options: TlsBenchOptions): Promise<void> {
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
