import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Variant } from './args.js';
import { machineBusySeconds, ownCpuSeconds, processCpuSeconds } from './cpu.js';
import { runMeasured, type Measured, type RssMethod, outcomeOf } from './measure.js';
import { parseNmapXml, parseRasoatJson, type ScanResult } from './parse.js';
import { EXCLUDE_PORTS_FLAG } from './safety.js';

export const RASOAT_BIN = 'dist/src/bin.js';
const TOP_PORTS = '1000';

/** headline: rasoat with its defaults; reference: nmap; variant: rasoat tuning; baseline: no scan. */
export type Role = 'headline' | 'reference' | 'variant' | 'baseline';

export interface Tool {
  id: string;
  label: string;
  role: Role;
  /** The command line, with <tmp> where a per-run file goes. */
  display: string;
  run(ctx: RunContext): Promise<Sample>;
}

export interface RunContext {
  repoRoot: string;
  tmpDir: string;
  rssMethod: RssMethod;
  fleetPid: number;
  run: number;
}

export interface Sample {
  tool: string;
  run: number;
  wallMs: number;
  peakRssKb: number | null;
  /** CPU seconds of the command (user + system). */
  cpuS: number | null;
  /**
   * CPU seconds that processes other than the command, the fleet and the bench used during the
   * run: a busy machine (another build or test run) makes the wall times unreliable.
   */
  foreignCpuS: number | null;
  exitCode: number | null;
  /** buildId() of rasoat's compiled code just before the run. */
  build?: string;
  /** Null for the baseline, or when the output could not be read. */
  result: ScanResult | null;
  error?: string;
}

interface Measurement extends Measured {
  foreignCpuS: number | null;
}

export function rasoatTool(id: string, label: string, role: Role, target: string, extra: string[] = []): Tool {
  const argsFor = (db: string) => [
    RASOAT_BIN, 'scan', target, '--top-ports', TOP_PORTS, '--exclude-ports', EXCLUDE_PORTS_FLAG, ...extra,
    '--db', db, '--json', '-q',
  ];
  return {
    id,
    label,
    role,
    display: ['node', ...argsFor('<tmp>.db')].join(' '),
    async run(ctx) {
      const db = join(ctx.tmpDir, `${id}-${ctx.run}.db`);
      const measured = await measure(ctx, id, process.execPath, argsFor(db));
      await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(db + suffix, { force: true })));
      return sampleFrom(id, ctx.run, measured, () => parseRasoatJson(measured.stdout));
    },
  };
}

export function rasoatVariant(variant: Variant, index: number, target: string): Tool {
  return rasoatTool(`rasoat-variant-${index + 1}`, variant.label, 'variant', target, variant.args);
}

export function nmapTool(id: string, label: string, target: string, timing: string[] = []): Tool {
  const argsFor = (xml: string) => [
    '-sT', '-n', ...timing, '--top-ports', TOP_PORTS, '--exclude-ports', EXCLUDE_PORTS_FLAG, '-oX', xml, target,
  ];
  return {
    id,
    label,
    role: 'reference',
    display: ['nmap', ...argsFor('<tmp>.xml')].join(' '),
    async run(ctx) {
      const xmlFile = join(ctx.tmpDir, `${id}-${ctx.run}.xml`);
      const measured = await measure(ctx, id, 'nmap', argsFor(xmlFile));
      const xml = await readFile(xmlFile, 'utf8').catch(() => '');
      await rm(xmlFile, { force: true });
      return sampleFrom(id, ctx.run, measured, () => parseNmapXml(xml));
    },
  };
}

/** Node start-up plus rasoat's module loading: the fixed cost inside every rasoat figure. */
export function startupBaseline(): Tool {
  const id = 'rasoat-startup';
  const args = [RASOAT_BIN, '--version'];
  return {
    id,
    label: 'rasoat --version (start-up only)',
    role: 'baseline',
    display: ['node', ...args].join(' '),
    async run(ctx) {
      const measured = await measure(ctx, id, process.execPath, args);
      return sampleFrom(id, ctx.run, measured, () => null);
    },
  };
}

async function measure(ctx: RunContext, id: string, command: string, args: string[]): Promise<Measurement> {
  const before = { machine: machineBusySeconds(), fleet: processCpuSeconds(ctx.fleetPid), own: ownCpuSeconds() };
  const measured = await runMeasured(ctx.rssMethod, command, args, ctx.repoRoot, join(ctx.tmpDir, `${id}-${ctx.run}.rss`));
  if (measured.cpuS === null) return { ...measured, foreignCpuS: null };
  const known =
    measured.cpuS + processCpuSeconds(ctx.fleetPid) - before.fleet + ownCpuSeconds() - before.own;
  return { ...measured, foreignCpuS: Math.max(0, machineBusySeconds() - before.machine - known) };
}

function sampleFrom(tool: string, run: number, measured: Measurement, parse: () => ScanResult | null): Sample {
  const sample: Sample = {
    tool,
    run,
    wallMs: measured.wallMs,
    peakRssKb: measured.peakRssKb,
    cpuS: measured.cpuS,
    foreignCpuS: measured.foreignCpuS,
    exitCode: measured.exitCode,
    ...outcomeOf(measured, parse),
  };
  return sample;
}
