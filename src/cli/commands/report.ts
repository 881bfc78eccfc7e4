import { open, rename, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import type { AuditResult } from '../../core/model/audit-result.js';
import { isFailure } from '../../core/model/finding.js';
import type { RuleRef } from '../../reports/compliance/types.js';
import { Formatter } from '../../reports/i18n/format.js';
import { rt } from '../../reports/i18n/t.js';
import { renderComplianceReport, renderReport } from '../../reports/index.js';
import { renderJsonParts } from '../../reports/json.js';
import type { ReportFormat, ReportOptions } from '../../reports/options.js';
import type { ControlCatalogue } from '../../rules/schema.js';
import { parseAuditRef } from '../../store/store.js';
import { decisionsAbout, readAuditResult, type ReadPlan } from '../audit-result.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { openForReadingOrFail } from '../open-store.js';
import { ChromiumError, findChromium, printPdf } from '../pdf.js';
import { checkWritable, findCatalogue, parseLevel, parseTrend, ReportError, resolveFormat } from '../report-flags.js';
import { comparisonOf, historyOf } from '../report-input.js';
import { loadRuleBook } from '../rulebook.js';

/** The formats that show the series over earlier audits of the same scope (on by default: see README, Reports). */
const TREND_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'md', 'json'];

interface ReportFlags {
  format?: string;
  out?: string;
  compare?: string;
  framework?: string;
  level?: string;
  trend?: string | boolean;
  /** false with --no-suppressions: every failure counts, as if no decision existed. */
  suppressions?: boolean;
  all?: boolean;
  rules?: string[];
  quiet?: boolean;
}

interface Plan {
  format: ReportFormat;
  out: string | undefined;
  chromium: string | null;
  catalogue: ControlCatalogue | null;
  ruleBook: RuleRef[];
  level: number | undefined;
  trend: number;
}

/**
 * `rasoat report <audit>`: reads the audit (and, as asked, earlier audits for the trend, or the
 * audit to compare with) from the history, renders it with a pure renderer, and writes the file.
 * Everything that can be refused is refused before the history is opened.
 */
export async function reportAction(ctx: CliContext, command: Command): Promise<number> {
  try {
    return await report(ctx, command);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    ctx.stderr.write(`rasoat: ${rt(ctx.lang, error.id, error.params)}\n`);
    return error.exitCode;
  }
}

async function report(ctx: CliContext, command: Command): Promise<number> {
  const ref = command.processedArgs[0] as string;
  const flags = command.opts<ReportFlags>();
  const plan = preflight(ctx, ref, flags);

  const store = await openForReadingOrFail(ctx);
  let result: AuditResult;
  const options: ReportOptions = { lang: ctx.lang, timeZone: systemTimeZone(ctx.env) };
  try {
    // Decisions are judged now: an acceptance whose date has passed counts again.
    const triage = flags.suppressions === false ? {} : { suppressionsAt: new Date(ctx.clock.now()).toISOString() };
    result = await readAuditResult(store, ref, { ...readPlanOf(plan, flags), ...triage });
    if (flags.compare !== undefined) options.comparison = await comparisonOf(store, result, flags.compare);
    else if (!plan.catalogue && TREND_FORMATS.includes(plan.format)) {
      options.history = await historyOf(store, result.audit, plan.trend);
      // The earlier audits are counted under the same decisions as this one.
      if (result.triage) {
        const earlier = options.history.flatMap((a) => a.findings.filter(isFailure).map((f) => f.fingerprint));
        result.triage.decisions = { ...(await decisionsAbout(store, earlier)), ...result.triage.decisions };
      }
    }
  } finally {
    await store.close();
  }
  if (flags.all) options.all = true;

  let text: string | Iterable<string>;
  if (plan.catalogue) {
    const levelBased = plan.catalogue.controls.some((c) => c.clauses !== undefined);
    const unlevelled = result.targets.filter((t) => t.group?.level === undefined).map((t) => t.host);
    if (levelBased && unlevelled.length > 0 && plan.level === undefined) {
      const shown = unlevelled.slice(0, 5).join(', ') + (unlevelled.length > 5 ? ', …' : '');
      throw new ReportError('report.error.levelMissing', { count: unlevelled.length, hosts: shown });
    }
    const format = plan.format as Parameters<typeof renderComplianceReport>[0];
    text = renderComplianceReport(format, result, { ...options, catalogue: plan.catalogue, ruleBook: plan.ruleBook, ...(plan.level === undefined ? {} : { defaultLevel: plan.level }) });
  } else if (plan.format === 'json') text = renderJsonParts(result, options.comparison ? { comparison: options.comparison } : options.history ? { history: options.history } : {});
  else text = renderReport(plan.format, result, options);

  let chunks: Iterable<Buffer>;
  if (plan.format === 'pdf') {
    try {
      chunks = [await printPdf(plan.chromium!, text as string)];
    } catch (error) {
      if (error instanceof ChromiumError) throw new ReportError('report.error.chromiumFailed', { detail: error.message }, EXIT.runtime);
      throw error;
    }
  } else chunks = typeof text === 'string' ? [Buffer.from(text, 'utf8')] : batches(text);

  if (plan.out === undefined) {
    for (const chunk of chunks) await new Promise<void>((resolve, reject) => ctx.stdout.write(chunk, (error) => (error ? reject(error) : resolve())));
    return EXIT.ok;
  }
  const size = await writeAtomically(plan.out, chunks);
  if (!flags.quiet) ctx.stderr.write(`${rt(ctx.lang, 'report.written', { file: flags.out!, size: new Formatter(ctx.lang, 'UTC').size(size) })}\n`);
  return EXIT.ok;
}

/** Pieces of text joined into buffers of about 1 MiB: few writes, and never the whole report in memory twice. */
function* batches(parts: Iterable<string>): Generator<Buffer> {
  let pending: string[] = [];
  let length = 0;
  for (const part of parts) {
    pending.push(part);
    length += part.length;
    if (length >= 1 << 20) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield Buffer.from(pending.join(''), 'utf8');
}

/** Checks flags, the output path and Chromium, so a mistake costs no database work. */
function preflight(ctx: CliContext, ref: string, flags: ReportFlags): Plan {
  parseAuditRef(ref);
  if (flags.compare !== undefined) parseAuditRef(flags.compare);
  const format = resolveFormat(flags.format, flags.out);
  const level = parseLevel(flags.level);
  const trend = parseTrend(flags.trend);
  let catalogue: ControlCatalogue | null = null;
  let ruleBook: RuleRef[] = [];
  if (flags.framework !== undefined) {
    if (flags.compare !== undefined) throw new ReportError('report.error.compareFramework', {});
    const book = loadRuleBook(ctx, flags.rules);
    catalogue = findCatalogue(book.catalogues, flags.framework, format);
    ruleBook = book.rules.map((r) => ({ id: r.id, category: r.category, severity: r.severity, controls: r.controls as Record<string, string[]>, deprecated: r.deprecated }));
  }
  let chromium: string | null = null;
  if (format === 'pdf') {
    chromium = findChromium(ctx.env);
    if (!chromium) throw new ReportError('report.error.noChromium', {}, EXIT.runtime);
    if (flags.out === undefined && ctx.stdout.isTTY) throw new ReportError('report.error.binaryToTerminal', {});
  }
  const out = flags.out === undefined ? undefined : checkWritable(flags.out);
  return { format, out, chromium, catalogue, ruleBook, level, trend };
}

/**
 * What the report shows decides what is read: the failures in full always; the other verdicts bare
 * (scores, coverage, control status) unless --all lists them; observations only where printed.
 */
function readPlanOf(plan: Plan, flags: ReportFlags): ReadPlan {
  const detail = flags.all ? 'all' : 'failures';
  const comparing = flags.compare !== undefined;
  // A change report needs what the later audit probed, to tell a fix from a port not checked again.
  const probed = comparing ? ['port.summary'] : [];
  if (plan.catalogue) return { detail: 'failures', observations: 'none', lastSeen: true };
  switch (plan.format) {
    case 'json':
      return { detail, observations: 'all' };
    case 'csv':
      return flags.all || comparing ? { detail, observations: probed } : { detail, outcomes: ['fail'], observations: 'none' };
    case 'sarif':
      return { detail: 'failures', observations: probed };
    case 'md':
    case 'html':
    case 'pdf':
      return { detail: 'failures', observations: ['port.open', ...probed] };
  }
}

/** Writes next to the target, then renames: a reader never sees half a report. Returns the size written. */
async function writeAtomically(path: string, chunks: Iterable<Buffer>): Promise<number> {
  const temporary = `${path}.${process.pid}.tmp`;
  let size = 0;
  try {
    const file = await open(temporary, 'w');
    try {
      for (const chunk of chunks) {
        await file.write(chunk);
        size += chunk.length;
      }
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    return size;
  } catch (error) {
    await rm(temporary, { force: true });
    throw new ReportError('report.error.out', { file: path, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

/** $TZ when set (as every Unix tool honours it), else the system's zone. */
function systemTimeZone(env: NodeJS.ProcessEnv): string {
  const zone = env.TZ?.replace(/^:/, '');
  if (zone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone;
    } catch {
      // Not an IANA name (e.g. a POSIX rule string): the runtime's own resolution applies.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
