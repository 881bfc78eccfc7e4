import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase, type CaseContext, type ReportCase } from './report-cases.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Where a report's time goes. Reading runs in promise continuations, so a stack seldom shows who
 * asked for the data; each sample goes instead to the nearest frame (from the leaf up) of code
 * that belongs to one part: the store and its drivers read, the report modules render, the rule
 * loader and YAML parser load rules, the module loader starts up. Garbage collection is its own.
 */
const PHASES: Array<[phase: string, pattern: RegExp]> = [
  ['read', /\/src\/store\/|\/node_modules\/(kysely|better-sqlite3)\/|\/src\/cli\/(audit-result|report-input)\.js/],
  ['render', /\/src\/reports\//],
  ['rules', /\/src\/rules\/|\/node_modules\/(yaml|zod)\/|\/src\/core\/yaml\.js|\/src\/cli\/rulebook\.js/],
  ['start-up', /^node:internal\/modules\/|\/node_modules\/commander\//],
];

export interface Phase {
  phase: string;
  ms: number;
}

export interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

const SHOWN = 12;

/** Runs one case under `node --cpu-prof` and returns its functions with the most self time. */
export async function profileCase(item: ReportCase, ctx: CaseContext, repoRoot: string): Promise<{ file: string; totalMs: number; phases: Phase[]; hot: HotSpot[] }> {
  const dir = join(ctx.tmpDir, 'profiles');
  const name = `${item.id}.cpuprofile`;
  const sample = await runCase(item, { ...ctx, run: 0, nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name] });
  if (sample.error) throw new Error(`${item.id} under --cpu-prof: ${sample.error}`);
  const file = join(dir, name);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const totalSamples = profile.samples?.length ?? profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const msPerSample = totalSamples > 0 ? totalMs / totalSamples : 0;
  const bySpot = new Map<string, HotSpot>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shorten(url, repoRoot)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}\0${where}`;
    const spot = bySpot.get(key) ?? { fn: functionName || '(anonymous)', where, selfMs: 0, share: 0 };
    spot.selfMs += hits * msPerSample;
    bySpot.set(key, spot);
  }
  const hot = [...bySpot.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, SHOWN);
  for (const spot of hot) spot.share = totalMs > 0 ? spot.selfMs / totalMs : 0;
  return { file, totalMs, phases: phasesOf(profile), hot };
}

/** Each sample's time to the part of the code it ran in (see PHASES); the rest is "other". */
function phasesOf(profile: CpuProfile): Phase[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseOfNode = new Map<number, string>();
  const phaseOf = (id: number): string => {
    const known = phaseOfNode.get(id);
    if (known) return known;
    const node = profile.nodes.find((n) => n.id === id);
    let phase = 'other';
    if (node?.callFrame.functionName === '(garbage collector)') phase = 'gc';
    else if (node?.callFrame.functionName === '(idle)') phase = 'idle';
    else {
      const match = PHASES.find(([, pattern]) => pattern.test(node?.callFrame.url ?? ''));
      const up = parent.get(id);
      phase = match ? match[0] : up === undefined ? 'other' : phaseOf(up);
    }
    phaseOfNode.set(id, phase);
    return phase;
  };
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i + 1] is the time until the next sample: what sample i stands for.
  samples.forEach((id, i) => ms.set(phaseOf(id), (ms.get(phaseOf(id)) ?? 0) + (deltas[i + 1] ?? 0) / 1000));
  return [...PHASES.map(([phase]) => phase), 'gc', 'other', 'idle'].map((phase) => ({ phase, ms: ms.get(phase) ?? 0 })).filter((p) => p.ms >= 1);
}

function shorten(url: string, repoRoot: string): string {
  if (!url.startsWith('file:')) return url;
  const path = fileURLToPath(url);
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') ? path : rel;
}

export function printHotSpots(label: string, totalMs: number, phases: Phase[], hot: HotSpot[]): void {
  console.log(`\n${label}: ${(totalMs / 1000).toFixed(2)} s profiled; ${phases.map((p) => `${p.phase} ${(p.ms / 1000).toFixed(2)} s`).join(', ')}; most self time:`);
  for (const spot of hot) console.log(`  ${(spot.share * 100).toFixed(1).padStart(5)} %  ${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.fn}  ${spot.where}`);
}
