import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { rulesFor, selectScanners } from '../../core/plan.js';
import { applyProfile, findProfile, profileSelects } from '../../core/profiles/profile.js';
import { findDrill } from '../../core/workflow/drill.js';
import { t } from '../../i18n/t.js';
import { diffAudits } from '../../reports/diff.js';
import { portsOfInterest } from '../../rules/ports-of-interest.js';
import { SCANNERS } from '../../scanners/index.js';
import type { HttpScanOptions } from '../../scanners/http/scanner.js';
import { feedsUsed, softwareJudgeData, softwareScanOptions, storedScannerOptions } from '../software-judge.js';
import type { PortsOptions } from '../../scanners/ports/scanner.js';
import { Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { acquireDrillLock } from '../drill-lock.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../format.js';
import { profileDirs } from '../profiles.js';
import { loadRuleBook } from '../rulebook.js';
import { runJob } from '../run-job.js';
import { prepareScan, type ScanFlags } from './scan-options.js';
import { drillDir } from './drill.js';

/**
 * `rasoat drill run NAME`: scans the drill's inventory with its profile, records the audit under the
 * drill, and says what changed since its previous run (new, fixed, still open, reopened). One drill
 * at a time: a lock beside the database refuses a second run while one is going.
 */
export async function drillRunAction(ctx: CliContext, command: Command): Promise<number> {
  const name = command.processedArgs[0] as string;
  const flags = command.opts<{ json?: boolean; quiet?: boolean; auditor?: string }>();
  const drill = findDrill(name, drillDir(ctx));
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

  const release = acquireDrillLock(`${ctx.dbPath}.drill.lock`, drill.name, isAlive);
  const store = await Store.open(ctx.dbPath, { readonly: false });
  try {
    const earlier = await store.drills.runs(drill.name);
    const software = await softwareJudgeData(store, book);
    job.scannerOptions.software = await softwareScanOptions(job.scannerOptions.software, book, store);
    const run = await runJob(ctx, store, job, rules, software, {
      auditor: flags.auditor ?? ctx.config.auditor ?? safeUser(),
      authorization: prepared.authorization,
      profile: profile.name,
      scope: { targets: [], targetFiles: prepared.targetFiles, exclude: job.exclude, excludePorts: job.excludePorts, resolve: job.resolve },
      options: { limits: job.limits, scannerOptions: storedScannerOptions(job.scannerOptions), allowLarge: job.allowLarge, drill: drill.name, feeds: feedsUsed(software.knowledge.feeds) },
      toolVersion: ctx.version,
      rulesVersion: book.version,
    }, flags.quiet === true || flags.json === true);
    await store.drills.record(drill.name, run.auditId, new Date(ctx.clock.now()).toISOString());

    const previous = earlier.at(-1);
    let change: { new: string[]; fixed: string[]; unchanged: string[]; notRechecked: string[]; reopened: string[] } | null = null;
    if (previous !== undefined) {
      const side = async (id: number) => ({ findings: await store.verdicts(id, { detail: 'failures' }), observations: await store.observations(id, { kinds: ['port.summary'] }) });
      const diff = diffAudits(await side(previous), await side(run.auditId));
      const older = await store.failingFingerprints(earlier.slice(0, -1));
      const prints = (list: Array<{ fingerprint: string }>) => list.map((f) => f.fingerprint).sort();
      change = { new: prints(diff.new), fixed: prints(diff.fixed), unchanged: prints(diff.unchanged), notRechecked: prints(diff.notRechecked), reopened: prints(diff.new.filter((f) => older.has(f.fingerprint))) };
    }
    if (flags.json) ctx.stdout.write(`${JSON.stringify({ drill: drill.name, audit: run.auditId, previous: previous ?? null, status: run.outcome.status, change }, null, 2)}\n`);
    else if (!flags.quiet) {
      const n = (list: string[] | undefined) => formatNumber(list?.length ?? 0, ctx.lang);
      ctx.stdout.write(`${t(ctx.lang, 'drill.ran', { drill: drill.name, id: run.auditId, status: t(ctx.lang, `status.${run.outcome.status}`) })}\n`);
      if (change) ctx.stdout.write(`${t(ctx.lang, 'drill.change', { previous: previous!, new: n(change.new), fixed: n(change.fixed), unchanged: n(change.unchanged), reopened: n(change.reopened), notRechecked: n(change.notRechecked) })}\n`);
    }
    return run.outcome.status === 'interrupted' ? EXIT.interrupted : EXIT.ok;
  } finally {
    await store.close();
    release();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
