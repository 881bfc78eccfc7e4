import type { Command } from 'commander';
import type { Finding } from '../../core/model/finding.js';
import type { AuditRecord } from '../../core/model/audit.js';
import type { AuditJob } from '../../core/run-audit.js';
import { planVerify, type VerifyResult } from '../../core/workflow/verify-plan.js';
import { t } from '../../i18n/t.js';
import { diffAudits } from '../../reports/diff.js';
import { portsOfInterest } from '../../rules/ports-of-interest.js';
import { SCANNERS } from '../../scanners/index.js';
import { HTTP_DEFAULTS } from '../../scanners/http/scanner.js';
import { feedsUsed, softwareJudgeData, softwareScanOptions, storedScannerOptions } from '../software-judge.js';
import { PORTS_DEFAULTS } from '../../scanners/ports/scanner.js';
import { parseAuditRef, Store } from '../../store/store.js';
import type { Verification } from '../../store/verify.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber, severityLabel, table } from '../format.js';
import { loadRuleBook } from '../rulebook.js';
import type { RuleBook } from '../../rules/load.js';
import { runJob } from '../run-job.js';
import { isSuppressed } from '../../core/model/triage.js';
import { safeUser } from '../process-info.js';

interface VerifyFlags {
  rules?: string[];
  auditor?: string;
  authorization?: string;
  json?: boolean;
  quiet?: boolean;
}

/** A fingerprint (or a prefix of 9+ hex digits: no audit uuid prefix that long lacks its dash). */
const FINGERPRINT = /^[0-9a-f]{9,32}$/i;

/**
 * `rasoat verify <audit|fingerprint...>`: re-runs only the checks behind the chosen open failures,
 * on their hosts and ports, as a new audit linked to each failure's audit, and says of each one
 * whether it is fixed, still present, or could not be verified.
 */
export async function verifyAction(ctx: CliContext, command: Command): Promise<number> {
  const refs = (command.processedArgs[0] as string[] | undefined) ?? [];
  const flags = command.opts<VerifyFlags>();
  for (const ref of refs) if (!FINGERPRINT.test(ref)) parseAuditRef(ref);
  const book = loadRuleBook(ctx, flags.rules);
  const store = await Store.open(ctx.dbPath, { readonly: false });
  try {
    const chosen = new Map<string, { auditId: number; finding: Finding }>();
    for (const ref of refs) {
      if (FINGERPRINT.test(ref)) {
        const found = await store.verifications.latestFailure(ref.toLowerCase());
        chosen.set(found.finding.fingerprint, found);
        continue;
      }
      const audit = await store.getAudit(ref);
      const failures = await store.findings(audit.id, { outcomes: ['fail'] });
      const decisions = await store.triage.current(failures.map((f) => f.fingerprint));
      const now = new Date(ctx.clock.now()).toISOString();
      for (const finding of failures) if (!isSuppressed(decisions.get(finding.fingerprint), now)) chosen.set(finding.fingerprint, { auditId: audit.id, finding });
    }
    if (chosen.size === 0) {
      ctx.stdout.write(`${t(ctx.lang, 'verify.nothing')}\n`);
      return EXIT.ok;
    }

    const originals = new Map<number, AuditRecord>();
    for (const { auditId } of chosen.values()) if (!originals.has(auditId)) originals.set(auditId, await store.getAudit(String(auditId)));
    const base = [...originals.values()].sort((a, b) => b.id - a.id)[0]!;
    const targets = (await Promise.all([...originals.keys()].map((id) => store.targets(id)))).flat();
    const openPorts = new Map<string, number[]>();
    for (const id of originals.keys()) {
      for (const o of await store.observations(id, { kinds: ['port.open'] })) if (o.port !== undefined) openPorts.set(o.host, [...(openPorts.get(o.host) ?? []), o.port]);
    }
    const failures = [...chosen.values()].map((c) => c.finding);
    const ruleIds = new Set(failures.map((f) => f.ruleId));
    const plan = planVerify({ failures, rules: book.rules, scanners: SCANNERS, targets, openPorts, rulePorts: portsOfInterest(book.rules.filter((r) => ruleIds.has(r.id))) });
    const rules = book.rules.filter((r) => plan.ruleIds.includes(r.id));

    const results = new Map<string, VerifyResult>(plan.unknownRule.map((f) => [f.fingerprint, 'could-not-verify']));
    let verifyAudit: number | null = null;
    let interrupted = false;
    if (plan.scanners.length > 0) {
      const job = verifyJob(base, plan, book, ctx.version);
      const software = await softwareJudgeData(store, book);
      job.scannerOptions.software = await softwareScanOptions(job.scannerOptions.software, book, store);
      const run = await runJob(ctx, store, job, rules, software, {
        auditor: flags.auditor ?? ctx.config.auditor ?? safeUser(),
        authorization: flags.authorization ?? base.authorization,
        profile: 'verify',
        scope: { targets: plan.targets.map((x) => x.spec), targetFiles: [], exclude: job.exclude, excludePorts: job.excludePorts, resolve: job.resolve },
        options: { limits: job.limits, scannerOptions: storedScannerOptions(job.scannerOptions), allowLarge: false, verifies: [...originals.keys()], feeds: feedsUsed(software.knowledge.feeds) },
        toolVersion: ctx.version,
        rulesVersion: book.version,
      }, flags.quiet === true || flags.json === true);
      verifyAudit = run.auditId;
      interrupted = run.outcome.status === 'interrupted';
      const after = { findings: await store.findings(run.auditId), observations: await store.observations(run.auditId, { kinds: ['port.summary'] }) };
      const diff = diffAudits({ findings: failures.filter((f) => !results.has(f.fingerprint)), observations: [] }, after);
      for (const f of diff.fixed) results.set(f.fingerprint, 'fixed');
      for (const f of diff.unchanged) results.set(f.fingerprint, 'still-present');
      for (const f of diff.notRechecked) results.set(f.fingerprint, 'could-not-verify');
      const rows: Verification[] = [...chosen.values()].map(({ auditId, finding }) => ({
        auditId: run.auditId,
        originalAuditId: auditId,
        fingerprint: finding.fingerprint,
        ruleId: finding.ruleId,
        host: finding.host,
        port: finding.port ?? null,
        result: results.get(finding.fingerprint) ?? 'could-not-verify',
      }));
      await store.verifications.record(rows);
    }
    return print(ctx, flags, verifyAudit, [...chosen.values()], results, interrupted);
  } finally {
    await store.close();
  }
}

/** The original audit's scope and options, narrowed to the plan: its hosts, its ports, its scanners, no discovery. */
function verifyJob(base: AuditRecord, plan: ReturnType<typeof planVerify>, book: Pick<RuleBook, 'httpChecks' | 'spamTerms'>, version: string): AuditJob {
  const options = (base.options.scannerOptions ?? {}) as Record<string, Record<string, unknown>>;
  return {
    targets: plan.targets,
    exclude: base.scope.exclude,
    excludePorts: base.scope.excludePorts,
    resolve: { ...base.scope.resolve, ...plan.resolve },
    allowLarge: false,
    scanners: plan.scanners,
    scannerOptions: {
      ...options,
      // Known-up hosts are not rediscovered: discovery would touch ports no failure is about.
      ports: { ...PORTS_DEFAULTS, ...options.ports, ports: plan.ports, extraPorts: [], skipDiscovery: true },
      http: { ...HTTP_DEFAULTS, ...options.http, checks: book.httpChecks, spamTerms: book.spamTerms, previousPages: {} },
    },
    limits: base.options.limits as AuditJob['limits'],
    userAgent: `rasoat/${version} (security audit; +https://github.com/rasoat)`,
  };
}

function print(ctx: CliContext, flags: VerifyFlags, auditId: number | null, chosen: Array<{ auditId: number; finding: Finding }>, results: Map<string, VerifyResult>, interrupted: boolean): number {
  const { lang } = ctx;
  const resultOf = (f: Finding) => results.get(f.fingerprint) ?? 'could-not-verify';
  if (flags.json) {
    const json = { audit: auditId, results: chosen.map(({ auditId: original, finding: f }) => ({ fingerprint: f.fingerprint, originalAudit: original, ruleId: f.ruleId, severity: f.severity, host: f.host, port: f.port ?? null, result: resultOf(f) })) };
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const count = (r: VerifyResult) => formatNumber(chosen.filter((c) => resultOf(c.finding) === r).length, lang);
    ctx.stdout.write(`${t(lang, 'verify.header', { id: auditId ?? '-', fixed: count('fixed'), still: count('still-present'), unverified: count('could-not-verify') })}\n`);
    const rows = chosen.map(({ finding: f }) => [t(lang, `verify.${resultOf(f)}`), severityLabel(f.severity, lang, ctx), f.host, f.port === undefined ? '-' : String(f.port), f.title[lang], f.fingerprint]);
    ctx.stdout.write(`${table([t(lang, 'col.result'), t(lang, 'col.severity'), t(lang, 'col.host'), t(lang, 'col.port'), t(lang, 'col.finding'), t(lang, 'col.fingerprint')], rows)}\n`);
  }
  if (interrupted) return EXIT.interrupted;
  return chosen.some((c) => resultOf(c.finding) === 'still-present') ? EXIT.findings : EXIT.ok;
}
