import { availableParallelism, hostname } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { AuditMeta, AuditStats, AuditStatus } from '../../core/model/audit.js';
import { atLeast } from '../../core/model/severity.js';
import { rulesFor, selectScanners } from '../../core/plan.js';
import { buildTargetSet, startAudit } from '../../core/run-audit.js';
import type { EventSink } from '../../core/scheduler/events.js';
import { t } from '../../i18n/t.js';
import { renderJson } from '../../reports/json.js';
import { createJudge } from '../../rules/evaluate.js';
import { SCANNERS } from '../../scanners/index.js';
import type { PortsOptions } from '../../scanners/ports/scanner.js';
import { portsOfInterest } from '../../rules/ports-of-interest.js';
import { StoreSink } from '../../store/sink.js';
import { Store } from '../../store/store.js';
import { readAuditResult } from '../audit-result.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt } from '../numbers.js';
import { ProgressBar } from '../progress.js';
import { loadRuleBook, snapshotOf } from '../rulebook.js';
import { prepareScan, type ScanFlags } from './scan-options.js';
import { applyProfile, DEFAULT_PROFILE, findProfile, profileSelects } from '../../core/profiles/profile.js';
import { profileDirs } from '../profiles.js';
import { previousPages } from '../previous-pages.js';
import type { HttpScanOptions } from '../../scanners/http/scanner.js';
import { feedsUsed, softwareJudgeData, softwareScanOptions, storedScannerOptions } from '../software-judge.js';
import { printScanSummary, SummaryCollector } from './scan-summary.js';
import { LiveFeed } from '../../tui/feed.js';
import { storeTuiData } from '../tui-data.js';
import { loadTui, refuseWithoutTerminal } from './tui.js';
import { isAlive, safeUser } from '../process-info.js';
import { runDistributed, storedSummary, type DistributedFlags } from '../distributed-scan.js';
import { emptyStats } from '../../cluster/settle.js';
import { queueFromFlags, type QueueFlags } from '../queue-options.js';
import { redactArgs } from '../../store/location.js';

export async function scanAction(ctx: CliContext, command: Command): Promise<number> {
  const given = command.opts<ScanFlags & DistributedFlags & QueueFlags & { tui?: boolean; profile?: string; distributed?: boolean }>();
  const positional = (command.processedArgs[0] as string[] | undefined) ?? [];
  const profile = findProfile(given.profile ?? DEFAULT_PROFILE.name, profileDirs(ctx));
  const flags = applyProfile(given, profile);

  // RASOAT_NMAP=off (or a path) stands in for --no-nmap (--nmap-path) when the flag is not given.
  const nmapEnv = ctx.env.RASOAT_NMAP?.trim();
  if (nmapEnv === 'off') flags.nmap = false;
  else if (nmapEnv && flags.nmapPath === undefined) flags.nmapPath = nmapEnv;
  // Everything the user gave is checked before a database is opened or a packet is sent.
  const prepared = prepareScan(positional, flags, `rasoat/${ctx.version} (security audit; +https://github.com/rasoat)`, ctx.config.caFiles);
  const book = loadRuleBook(ctx, flags.rules, flags);
  const scanners = selectScanners(SCANNERS, { only: prepared.only, skip: prepared.skip });
  const rules = rulesFor(book.rules, scanners).filter((rule) => profileSelects(profile, rule.id));
  const requireAuthorization = ctx.config.requireAuthorization || ctx.env.RASOAT_REQUIRE_AUTHORIZATION === '1';
  if (requireAuthorization && !prepared.authorization) throw new UsageError('scan.authorizationRequired');
  const job = { ...prepared.job, scanners: scanners.map((s) => s.id) };
  job.scannerOptions.http = { ...(job.scannerOptions.http as HttpScanOptions), checks: profile.httpProbes ? book.httpChecks : [], spamTerms: book.spamTerms };
  // retire.js extractors join when the feeds are imported; until then the fingerprints alone name libraries.
  const portOptions = job.scannerOptions.ports as PortsOptions;
  if (!flags.ports && !flags.topPorts) portOptions.extraPorts = [...new Set([...portOptions.extraPorts, ...portsOfInterest(rules)])].sort((a, b) => a - b);
  const targetSet = buildTargetSet(job);
  if (flags.tui && refuseWithoutTerminal(ctx)) return EXIT.usage;
  const queue = given.distributed ? queueFromFlags(ctx, given).location : null;

  const store = await Store.open(ctx.dbPath, { readonly: false });
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      ctx.stderr.write(`\n${t(ctx.lang, 'scan.forceQuit')}\n`);
      process.exit(EXIT.interrupted);
    }
    ctx.stderr.write(`\n${t(ctx.lang, 'scan.stopping')}\n`);
    controller.abort();
  };
  try {
    const now = new Date(ctx.clock.now()).toISOString();
    await store.markAbandoned(hostname(), isAlive, now);
    const software = await softwareJudgeData(store, book);
    job.scannerOptions.software = await softwareScanOptions(job.scannerOptions.software, book, store);
    const meta: AuditMeta = {
      uuid: ctx.random.uuid(),
      startedAt: now,
      auditor: flags.auditor ?? ctx.config.auditor ?? safeUser(),
      machine: hostname(),
      pid: process.pid,
      authorization: prepared.authorization,
      profile: profile.name,
      scope: {
        targets: positional,
        targetFiles: prepared.targetFiles,
        exclude: job.exclude,
        excludePorts: job.excludePorts,
        resolve: job.resolve,
      },
      options: { limits: job.limits, scannerOptions: storedScannerOptions(job.scannerOptions), allowLarge: job.allowLarge, feeds: feedsUsed(software.knowledge.feeds), ...(queue ? { distributed: { queue: queue.url } } : {}) },
      toolVersion: ctx.version,
      rulesVersion: book.version,
      scanners: job.scanners,
      command: redactArgs(process.argv.slice(2)).join(' '),
    };
    const auditId = await store.createAudit(meta, rules.map(snapshotOf));
    // Read after the audit's options were stored: they are history, not part of the options.
    if (job.scanners.includes('http')) (job.scannerOptions.http as HttpScanOptions).previousPages = await previousPages(store, auditId);
    if (queue) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const feed = flags.tui ? new LiveFeed() : null;
      const quiet = flags.quiet === true || flags.json === true || feed !== null;
      const running = runDistributed(ctx, store, { id: auditId, uuid: meta.uuid }, job, rules, software, { ...given, quiet }, queue, controller.signal, feed ? [feed] : []);
      if (feed) {
        // Pausing is the agents' business; quitting stops following (the audit goes on, a server finishes it).
        const finished = running.then((end) => (end === 'detached' ? { status: 'interrupted' as const, stats: emptyStats() } : end));
        await followInTui(ctx, store, meta.auditor, { auditId, pause: () => undefined, resume: () => undefined, stop: () => controller.abort() }, feed, finished);
      }
      const end = await running;
      if (end === 'detached') return EXIT.ok;
      return finishScan(ctx, store, auditId, end, await storedSummary(store, auditId), flags);
    }
    const storeSink = new StoreSink(store, auditId, ctx.clock, () => controller.abort());
    const summary = new SummaryCollector();
    const sinks: EventSink[] = [storeSink, summary];
    const feed = flags.tui ? new LiveFeed() : null;
    if (feed) sinks.push(feed);
    const showProgress = !feed && !flags.quiet && ctx.stderr.isTTY === true;
    const progress = showProgress ? new ProgressBar(ctx.stderr, ctx.lang) : null;
    if (progress) sinks.push(progress);
    if (!feed && !flags.quiet && !flags.json) {
      ctx.stderr.write(`${t(ctx.lang, 'scan.starting', { id: auditId, hosts: targetSet.size, scanners: job.scanners.join(', '), rules: rules.length })}\n`);
      if (!prepared.authorization) ctx.stderr.write(`${t(ctx.lang, 'scan.noAuthorization')}\n`);
    }

    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const threads = workerThreads(flags.workers, targetSet.size);
    const run = startAudit(job, {
      scanners: SCANNERS,
      judge: createJudge(rules, () => ctx.clock.now(), software),
      sinks,
      clock: ctx.clock,
      random: ctx.random,
      signal: controller.signal,
      ...(threads > 0 ? { workers: { entry: new URL('../../worker.js', import.meta.url), threads, data: { rules, software } } } : {}),
    });
    const done = run.done.catch(async (error: unknown) => {
      progress?.clear();
      await storeSink.abandon('failed').catch(() => undefined);
      throw error;
    });
    // Quitting the TUI while the scan runs stops it cleanly (kept, marked interrupted).
    if (feed) await followInTui(ctx, store, meta.auditor, { auditId, pause: () => run.pause(), resume: () => run.resume(), stop: () => controller.abort() }, feed, done);
    const outcome = await done;
    progress?.clear();
    return await finishScan(ctx, store, auditId, outcome, summary, flags);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

async function followInTui(ctx: CliContext, store: Store, auditor: string, control: { auditId: number; pause(): void; resume(): void; stop(): void }, feed: LiveFeed, finished: Promise<{ status: AuditStatus; stats: AuditStats }>): Promise<void> {
  const { runTui } = await loadTui();
  await runTui({
    data: storeTuiData(store, auditor, ctx.clock),
    lang: ctx.lang,
    color: ctx.color,
    scan: { control, feed, finished },
    onQuit: control.stop,
    stdout: ctx.stdout,
    stdin: process.stdin,
    stderr: ctx.stderr,
  });
}

/** The end of a scan, wherever it ran: the summary (or the whole audit as JSON) and the exit code. */
async function finishScan(ctx: CliContext, store: Store, auditId: number, outcome: { status: AuditStatus; stats: AuditStats }, summary: SummaryCollector, flags: ScanFlags): Promise<number> {
  if (flags.json) ctx.stdout.write(renderJson(await readAuditResult(store, String(auditId))));
  else if (!flags.quiet) printScanSummary(ctx, auditId, outcome, summary);
  if (outcome.status === 'interrupted') return EXIT.interrupted;
  const threshold = flags.failOn;
  if (threshold && summary.failures.some((f) => atLeast(f.severity, threshold))) return EXIT.findings;
  return EXIT.ok;
}

/**
 * Host jobs run on worker threads, one per core (at most 4), when there are enough hosts to share:
 * a connect sweep is bound by the kernel's work per connection, which one thread cannot spread.
 */
function workerThreads(flag: string | undefined, hosts: number): number {
  if (flag !== undefined && flag !== 'auto') return positiveInt(flag, 0, '--workers', 0);
  const cores = availableParallelism();
  return cores > 1 && hosts >= 8 ? Math.min(cores, 4) : 0;
}
