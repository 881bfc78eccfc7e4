import type { Command } from 'commander';
import type { AuditResult } from '../../core/model/audit-result.js';
import { isDetailed, isFailure, type Finding, type Verdict } from '../../core/model/finding.js';
import type { Observation } from '../../core/model/observation.js';
import { atLeast, severityRank, type Severity } from '../../core/model/severity.js';
import { t } from '../../i18n/t.js';
import { renderJson } from '../../reports/json.js';
import { suppressionsOf } from '../../reports/suppression.js';
import { readAuditResult } from '../audit-result.js';
import { parseAuditRef } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber, formatTime, outcomeLabel, severityLabel, table } from '../format.js';
import { openForReadingOrFail } from '../open-store.js';

interface ShowFlags {
  all?: boolean;
  minSeverity?: Severity;
  failOn?: Severity;
  json?: boolean;
}

export async function showAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<ShowFlags>();
  const ref = command.processedArgs[0] as string;
  parseAuditRef(ref);
  const store = await openForReadingOrFail(ctx);
  let result: AuditResult;
  try {
    // The terminal lists failures; --all lists the others by title, and --json gives what `report --format json` gives.
    result = await readAuditResult(store, ref, { detail: flags.all ? 'all' : 'failures', suppressionsAt: new Date(ctx.clock.now()).toISOString() });
  } finally {
    await store.close();
  }
  if (flags.json) ctx.stdout.write(renderJson(result));
  else printAudit(ctx, result, flags);
  const threshold = flags.failOn;
  if (threshold && suppressionsOf(result).counted.some((f) => isFailure(f) && atLeast(f.severity, threshold))) return EXIT.findings;
  return EXIT.ok;
}

export function sortFindings<T extends Verdict>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.host.localeCompare(b.host, 'en', { numeric: true }) ||
      (a.port ?? 0) - (b.port ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function printAudit(ctx: CliContext, result: AuditResult, flags: ShowFlags): void {
  const { lang } = ctx;
  const { audit } = result;
  const out = (line = '') => ctx.stdout.write(`${line}\n`);

  out(t(lang, 'show.header', { id: audit.id, status: t(lang, `status.${audit.status}`), started: formatTime(audit.startedAt, lang), ended: formatTime(audit.endedAt, lang) }));
  out(t(lang, 'show.who', { auditor: audit.auditor, machine: audit.machine, authorization: audit.authorization ?? t(lang, 'show.noAuthorization') }));
  out(t(lang, 'show.scope', { targets: [...audit.scope.targets, ...audit.scope.targetFiles].join(' '), scanners: audit.scanners.join(', '), rules: audit.rulesVersion }));
  out();

  const openPorts = new Map<string, Array<Observation<'port.open'>>>();
  for (const o of result.observations) {
    if (o.kind === 'port.open') openPorts.set(o.host, [...(openPorts.get(o.host) ?? []), o]);
  }
  const up = result.targets.filter((target) => target.up);
  out(t(lang, 'show.hosts', { up: formatNumber(up.length, lang), total: formatNumber(audit.stats?.hosts ?? result.targets.length, lang) }));
  if (result.targets.length > 0) {
    const rows = result.targets.map((target) => [
      target.host,
      target.up ? t(lang, 'show.up') : t(lang, 'show.down'),
      target.group?.agency ?? '-',
      (openPorts.get(target.host) ?? [])
        .sort((a, b) => a.data.port - b.data.port)
        .map((o) => `${o.data.port}/${o.data.service}`)
        .join(', ') || '-',
    ]);
    out(indent(table([t(lang, 'col.host'), t(lang, 'col.state'), t(lang, 'col.agency'), t(lang, 'col.openPorts')], rows)));
  }
  out();

  const suppressions = suppressionsOf(result);
  const inForce = (f: Finding) => suppressions.of(f.fingerprint)?.expired === false;
  const allFailures = sortFindings(result.findings.filter(isFailure).filter((f) => !flags.minSeverity || atLeast(f.severity, flags.minSeverity)));
  const failures = allFailures.filter((f) => !inForce(f));
  const hidden = allFailures.filter(inForce);
  out(t(lang, 'show.failures', { count: formatNumber(failures.length, lang) }));
  if (failures.length > 0) {
    const rows = failures.map((f) => [severityLabel(f.severity, lang, ctx), f.host, f.port === undefined ? '-' : String(f.port), f.title[lang], f.ruleId]);
    out(indent(table([t(lang, 'col.severity'), t(lang, 'col.host'), t(lang, 'col.port'), t(lang, 'col.finding'), t(lang, 'col.rule')], rows)));
  }

  if (hidden.length > 0) {
    out();
    out(t(lang, 'show.suppressed', { count: formatNumber(hidden.length, lang) }));
    const rows = hidden.map((f) => {
      const d = suppressions.of(f.fingerprint)!.decision;
      return [t(lang, `lifecycle.${d.status === 'false-positive' ? 'false-positive' : 'accepted-risk'}`), f.host, f.port === undefined ? '-' : String(f.port), f.title[lang], d.reason, d.actor, d.until?.slice(0, 10) ?? '-'];
    });
    out(indent(table([t(lang, 'col.status'), t(lang, 'col.host'), t(lang, 'col.port'), t(lang, 'col.finding'), t(lang, 'col.reason'), t(lang, 'col.who'), t(lang, 'col.until')], rows)));
  }

  const others = result.findings.filter((f) => f.outcome !== 'fail');
  const counts = new Map<string, number>();
  for (const f of others) counts.set(f.outcome, (counts.get(f.outcome) ?? 0) + 1);
  out();
  out(t(lang, 'show.otherOutcomes', { summary: [...counts].map(([o, n]) => `${outcomeLabel(o as Finding['outcome'], lang)}: ${formatNumber(n, lang)}`).join(', ') || '-' }));
  if (flags.all && others.length > 0) {
    const rows = sortFindings(others).map((f) => [outcomeLabel(f.outcome, lang), f.host, isDetailed(f) ? f.title[lang] : f.ruleId, f.reason ?? '', f.ruleId]);
    out(indent(table([t(lang, 'col.outcome'), t(lang, 'col.host'), t(lang, 'col.check'), t(lang, 'col.reason'), t(lang, 'col.rule')], rows)));
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
