import type { AuditStatus } from '../core/model/audit.js';
import { rulesFor, selectScanners } from '../core/plan.js';
import { applyProfile, findProfile, profileSelects } from '../core/profiles/profile.js';
import type { Drill } from '../core/workflow/drill.js';
import { diffAudits } from '../reports/diff.js';
import { portsOfInterest } from '../rules/ports-of-interest.js';
import { SCANNERS } from '../scanners/index.js';
import type { HttpScanOptions } from '../scanners/http/scanner.js';
import type { PortsOptions } from '../scanners/ports/scanner.js';
import { Store } from '../store/store.js';
import { prepareScan, type ScanFlags } from './commands/scan-options.js';
import type { CliContext } from './context.js';
import { profileDirs } from './profiles.js';
import { loadRuleBook } from './rulebook.js';
import { runJob } from './run-job.js';
import { runDistributedJob } from './distributed-scan.js';
import { feedsUsed, softwareJudgeData, softwareScanOptions, storedScannerOptions } from './software-judge.js';
import { isAlive, safeUser } from './process-info.js';

/** What changed since the drill's previous run: fingerprints of each set. */
export interface DrillChange {
  new: string[];
  fixed: string[];
  unchanged: string[];
  notRechecked: string[];
  reopened: string[];
}

export interface DrillRun {
  drill: string;
  auditId: number;
  /** The audit of the drill's previous run, if any. */
  previous: number | null;
  status: AuditStatus;
  change: DrillChange | null;
}

export interface DrillRunOptions {
  auditor?: string;
  /** No progress bar and no "starting" line (drill run --quiet / --json, and the daemon). */
  quiet: boolean;
  /** Aborting it interrupts the run as Ctrl-C does: what was found is stored, the audit marked interrupted. */
  signal?: AbortSignal;
}

/**
 * Scans a drill's inventory with its profile, records the audit under the drill, and works out
 * what changed since its previous run. One drill at a time per history: the store's drill lock
 * refuses a second run (BusyError) while one is going, from any process.
 */
export async function runDrill(ctx: CliContext, drill: Drill, options: DrillRunOptions): Promise<DrillRun> {
  const profile = findProfile(drill.profile, profileDirs(ctx));
  const given: ScanFlags = { targets: drill.inventory, ...(drill.excludePorts ? { excludePorts: drill.excludePorts } : {}), ...(drill.authorization ? { authorization: drill.authorization } : {}) };
  const scanFlags = applyProfile(given, profile);
  const prepared = prepareScan([], scanFlags, `rasoat/${ctx.version} (security audit; +https://github.com/rasoat)`, ctx.config.caFiles);
  const book = loadRuleBook(ctx, undefined, scanFlags);
  const scanners = selectScanners(SCANNERS, { only: prepared.only, skip: prepared.skip });
  const rules = rulesFor(book.rules, scanners).filter((rule) => profileSelects(profile, rule.id));
  const job = { ...prepared.job, scanners: scanners.map((s) => s.id) };
  job.scannerOptions.http = { ...(job.scannerOptions.http as HttpScanOptions), checks: profile.httpProbes ? book.httpChecks : [], spamTerms: book.spamTerms };
  const portOptions = job.scannerOptions.ports as PortsOptions;
  if (!scanFlags.ports && !scanFlags.topPorts) portOptions.extraPorts = [...new Set([...portOptions.extraPorts, ...portsOfInterest(rules)])].sort((a, b) => a - b);

  const store = await Store.open(ctx.dbPath, { readonly: false });
  const release = await store.lockDrills(drill.name, isAlive).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  try {
    const earlier = await store.drills.runs(drill.name);
    const software = await softwareJudgeData(store, book);
    job.scannerOptions.software = await softwareScanOptions(job.scannerOptions.software, book, store);
    const run = await (drill.distributed ? runDistributedJob.bind(null, drill.distributed === true ? {} : drill.distributed) : runJob)(
      ctx,
      store,
      job,
      rules,
      software,
      {
        auditor: options.auditor ?? ctx.config.auditor ?? safeUser(),
        authorization: prepared.authorization,
        profile: profile.name,
        scope: { targets: [], targetFiles: prepared.targetFiles, exclude: job.exclude, excludePorts: job.excludePorts, resolve: job.resolve },
        options: { limits: job.limits, scannerOptions: storedScannerOptions(job.scannerOptions), allowLarge: job.allowLarge, drill: drill.name, feeds: feedsUsed(software.knowledge.feeds) },
        toolVersion: ctx.version,
        rulesVersion: book.version,
      },
      options.quiet,
      options.signal,
    );
    await store.drills.record(drill.name, run.auditId, new Date(ctx.clock.now()).toISOString());

    const previous = earlier.at(-1) ?? null;
    let change: DrillChange | null = null;
    if (previous !== null) {
      const side = async (id: number) => ({ findings: await store.verdicts(id, { detail: 'failures' }), observations: await store.observations(id, { kinds: ['port.summary'] }) });
      const diff = diffAudits(await side(previous), await side(run.auditId));
      const older = await store.failingFingerprints(earlier.slice(0, -1));
      const prints = (list: Array<{ fingerprint: string }>) => list.map((f) => f.fingerprint).sort();
      change = { new: prints(diff.new), fixed: prints(diff.fixed), unchanged: prints(diff.unchanged), notRechecked: prints(diff.notRechecked), reopened: prints(diff.new.filter((f) => older.has(f.fingerprint))) };
    }
    return { drill: drill.name, auditId: run.auditId, previous, status: run.outcome.status, change };
  } finally {
    await release();
    await store.close();
  }
}
