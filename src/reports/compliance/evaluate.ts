import type { AuditResult, ReportTarget } from '../../core/model/audit-result.js';
import type { Verdict } from '../../core/model/finding.js';
import { isSeverity } from '../../core/model/severity.js';
import type { CatalogueControl } from '../../rules/schema.js';
import { citeControl } from '../cite.js';
import { compareHosts } from '../priority.js';
import { ruleTexts } from '../rule-text.js';
import { suppressionsOf, type Suppression } from '../suppression.js';
import { checkVerdicts, evidenceFor, ObservationTimes, type CheckVerdicts } from './evidence.js';
import { mappedRules, mergeRules, summariseChecks } from './mapping.js';
import { failingSeverities, planFor } from './plan.js';
import {
  emptyStatusCounts,
  type ComplianceOptions,
  type ComplianceResult,
  type ControlRow,
  type ControlStatus,
  type LevelSection,
  type Reason,
  type RuleRef,
} from './types.js';

const NATURAL = new Intl.Collator('en', { numeric: true });

type TargetVerdict = 'pass' | 'fail' | 'notAssessed' | 'notApplicable';
/** What one check's findings on one host come to: failed, unresolved (error or gap), passed, or none of those. */
type HostOutcome = 'fail' | 'error' | 'gap' | 'pass' | 'none';

interface Context {
  result: AuditResult;
  options: ComplianceOptions;
  rules: RuleRef[];
  ran: Set<string>;
  /** Findings by rule id, then host. */
  verdicts: Map<string, Map<string, Verdict[]>>;
  times: ObservationTimes;
  texts: ReturnType<typeof ruleTexts>;
  /** Severity of each failing check, for the plans. */
  severities: ReturnType<typeof failingSeverities>;
  /** Each check's outcome per host, worked out the first time a row asks. */
  outcomes: Map<string, Map<string, HostOutcome>>;
  /** Failures kept out by a decision in force, by rule id. */
  suppressed: Map<string, Suppression[]>;
}

/** The targets of one section, and each check's verdicts over them (shared by the section's rows). */
interface Scope {
  /** In host order. */
  targets: ReportTarget[];
  hosts: Set<string>;
  sums: Map<string, CheckVerdicts | null>;
}

/**
 * Each control of the catalogue, at each protection level present among the targets, with its
 * status, the reasons, the evidence and a remediation plan. Pure: the catalogue and today's rule
 * book come in through the options. How checks map to controls: ./mapping.ts.
 */
export function evaluateCompliance(given: AuditResult, options: ComplianceOptions): ComplianceResult {
  const { catalogue } = options;
  // Judged on what counts: a failure suppressed by a decision in force is a pass of its check here.
  const suppressions = suppressionsOf(given);
  const result = suppressions.counted === given.findings ? given : { ...given, findings: suppressions.counted };
  const suppressed = new Map<string, Suppression[]>();
  for (const s of suppressions.active) suppressed.set(s.finding.ruleId, [...(suppressed.get(s.finding.ruleId) ?? []), s]);
  const snapshot: RuleRef[] = result.rules.map((r) => ({ id: r.id, category: r.category, severity: isSeverity(r.severity) ? r.severity : 'info', controls: ruleTexts([r]).get(r.id)!.controls }));
  const verdicts = new Map<string, Map<string, Verdict[]>>();
  for (const f of result.findings) {
    let byHost = verdicts.get(f.ruleId);
    if (!byHost) verdicts.set(f.ruleId, (byHost = new Map()));
    const list = byHost.get(f.host);
    if (list) list.push(f);
    else byHost.set(f.host, [f]);
  }
  const ctx: Context = {
    result,
    options,
    rules: mergeRules(snapshot, options.ruleBook ?? []),
    ran: new Set(snapshot.map((r) => r.id)),
    verdicts,
    times: new ObservationTimes(result),
    texts: ruleTexts(result.rules),
    severities: failingSeverities(result),
    outcomes: new Map(),
    suppressed,
  };
  const levelBased = catalogue.controls.some((c) => c.clauses !== undefined);
  const sections: LevelSection[] = [];
  if (!levelBased) sections.push(section(ctx, null, result.targets, false));
  else {
    const byLevel = new Map<number | null, ReportTarget[]>();
    for (const target of result.targets) {
      const level = target.group?.level ?? options.defaultLevel ?? null;
      byLevel.set(level, [...(byLevel.get(level) ?? []), target]);
    }
    const levels = [...byLevel.keys()].sort((a, b) => (a ?? 99) - (b ?? 99));
    for (const level of levels) sections.push(section(ctx, level, byLevel.get(level) ?? [], true));
    if (sections.length === 0) sections.push(section(ctx, options.defaultLevel ?? null, [], true));
  }
  const counts = emptyStatusCounts();
  for (const s of sections) for (const row of s.rows) counts[row.status]++;
  const applicable = Object.values(counts).reduce((a, b) => a + b, 0) - counts.not_applicable;
  const assessed = counts.pass + counts.partial + counts.fail;
  return {
    catalogue,
    levelBased,
    unverified: catalogue.controls.filter((c) => !c.verified).length,
    sections,
    totals: { counts, applicable, assessed, passed: counts.pass, coverage: applicable > 0 ? assessed / applicable : null, passRate: assessed > 0 ? counts.pass / assessed : null },
  };
}

function section(ctx: Context, level: number | null, targets: readonly ReportTarget[], levelBased: boolean): LevelSection {
  const hosts = targets.map((t) => t.host).sort(compareHosts);
  const scope: Scope = { targets: [...targets].sort((a, b) => compareHosts(a.host, b.host)), hosts: new Set(hosts), sums: new Map() };
  // Clause order (5.2 before 5.12), as the standard and the annual report tables list them;
  // controls not required at this level last.
  const rows = ctx.options.catalogue.controls
    .map((control) => controlRow(ctx, control, level, scope, levelBased))
    .sort((a, b) => Number(levelBased && a.clause === null) - Number(levelBased && b.clause === null) || NATURAL.compare(a.clause ?? a.control.id, b.clause ?? b.control.id));
  const counts = emptyStatusCounts();
  for (const row of rows) counts[row.status]++;
  return { level, targets: hosts, rows, counts };
}

/** A check's outcome on each host it judged. */
function outcomesOf(ctx: Context, ruleId: string): Map<string, HostOutcome> {
  let outcomes = ctx.outcomes.get(ruleId);
  if (!outcomes) {
    outcomes = new Map();
    for (const [host, found] of ctx.verdicts.get(ruleId) ?? []) {
      let outcome: HostOutcome = 'none';
      if (found.some((f) => f.outcome === 'fail')) outcome = 'fail';
      else if (found.some((f) => f.outcome === 'not-assessed' || f.outcome === 'error')) outcome = found.some((f) => f.outcome === 'error') ? 'error' : 'gap';
      else if (found.some((f) => f.outcome === 'pass')) outcome = 'pass';
      outcomes.set(host, outcome);
    }
    ctx.outcomes.set(ruleId, outcomes);
  }
  return outcomes;
}

function controlRow(ctx: Context, control: CatalogueControl, level: number | null, scope: Scope, levelBased: boolean): ControlRow {
  const { targets } = scope;
  const { catalogue } = ctx.options;
  const clause = level === null ? null : (control.clauses?.[String(level) as '1'] ?? null);
  const mapped = mappedRules(catalogue, control, ctx.rules);
  const row: ControlRow = {
    control,
    level,
    clause,
    cite: citeControl(catalogue.framework, control.id, catalogue.cite, clause ?? undefined),
    status: 'not_assessed',
    reasons: [],
    checks: mapped.map((r) => r.id),
    checksNotRun: mapped.filter((r) => !ctx.ran.has(r.id)).map((r) => r.id),
    targets: { pass: [], fail: [], notAssessed: [], notApplicable: [] },
    evidence: [],
    plan: null,
    suppressed: [],
  };
  const done = (status: ControlStatus, reasons: Reason[] = []): ControlRow => {
    row.status = status;
    row.reasons.push(...reasons);
    row.plan = planFor(ctx.result, ctx.options, row, ctx.texts, ctx.severities);
    return row;
  };
  if (levelBased && level === null) return done('not_assessed', [{ code: 'levelUnknown', params: {} }]);
  if (levelBased && control.clauses && clause === null) return done('not_applicable', [{ code: 'levelNotRequired', params: { level: level ?? '-' } }]);
  if (mapped.length === 0) {
    if (control.documents) return done('manual');
    return done('not_assessed', [{ code: 'noCheck', params: { categories: control.categories.join(', ') || '-' } }]);
  }
  if (targets.length === 0) return done('not_applicable', [{ code: 'noTargets', params: {} }]);

  let unreachable = 0;
  let errored = 0;
  let notGathered = 0;
  const checks = mapped.map((rule) => ({ ran: ctx.ran.has(rule.id), outcomes: outcomesOf(ctx, rule.id) }));
  for (const target of targets) {
    let verdict: TargetVerdict = 'notApplicable';
    let anyPass = false;
    let anyError = false;
    let anyGap = false;
    for (const check of checks) {
      const outcome = check.outcomes.get(target.host);
      if (!check.ran || outcome === undefined) {
        if (verdict !== 'fail') verdict = 'notAssessed';
        if (check.ran) anyGap = true;
      } else if (outcome === 'fail') verdict = 'fail';
      else if (outcome === 'error' || outcome === 'gap') {
        if (verdict !== 'fail') verdict = 'notAssessed';
        if (outcome === 'error') anyError = true;
        else anyGap = true;
      } else if (outcome === 'pass') anyPass = true;
    }
    if (verdict === 'notApplicable' && anyPass) verdict = 'pass';
    if (verdict === 'notAssessed') {
      if (target.up === false) unreachable++;
      else if (anyError) errored++;
      else if (anyGap) notGathered++;
    }
    row.targets[verdict].push(target.host);
  }
  const sumsOf = (ruleId: string): CheckVerdicts | null => {
    if (!scope.sums.has(ruleId)) scope.sums.set(ruleId, checkVerdicts(ctx.verdicts.get(ruleId), scope.hosts, ctx.options.lang));
    return scope.sums.get(ruleId)!;
  };
  row.evidence = evidenceFor(ctx.result, ctx.options.lang, mapped, sumsOf, ctx.times, ctx.texts);

  const { pass, fail, notAssessed } = row.targets;
  const total = targets.length;
  row.suppressed = mapped.flatMap((rule) => (ctx.suppressed.get(rule.id) ?? []).filter((x) => scope.hosts.has(x.finding.host)));
  // Said on the row whatever its status: an auditor must see what a decision took out of it.
  const noted: Reason[] = row.suppressed.length > 0 ? [{ code: 'suppressed', params: { count: row.suppressed.length } }] : [];
  const why: Reason[] = [];
  if (row.checksNotRun.length > 0) why.push({ code: 'notRun', params: { checks: summariseChecks(row.checksNotRun) } });
  if (unreachable > 0) why.push({ code: 'unreachable', params: { count: unreachable } });
  if (errored > 0) why.push({ code: 'errored', params: { count: errored } });
  if (notGathered > 0) why.push({ code: 'notGathered', params: { count: notGathered } });
  if (fail.length > 0) return done(pass.length > 0 ? 'partial' : 'fail', [{ code: 'failedOn', params: { failed: fail.length, total } }, ...why, ...noted]);
  if (notAssessed.length > 0 || row.checksNotRun.length > 0) return done('not_assessed', [...why, ...noted]);
  if (pass.length > 0) return done('pass', [{ code: 'passed', params: { checks: mapped.length, targets: pass.length } }, ...noted]);
  return done('not_applicable', [{ code: 'checksNotApplicable', params: {} }, ...noted]);
}
