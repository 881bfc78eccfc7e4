import type { Command } from 'commander';
import { SEVERITIES } from '../../core/model/severity.js';
import { t } from '../../i18n/t.js';
import { isFailure } from '../../core/model/finding.js';
import { countedVerdicts } from '../../reports/suppression.js';
import { sparkline, trendSeries, type TrendInput } from '../../reports/trend.js';
import { decisionsAbout } from '../audit-result.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { table } from '../format.js';
import { positiveInt } from '../numbers.js';
import { openForReading } from '../open-store.js';

/**
 * `rasoat trend`: failures by severity, score and grade over the latest audits, overall and per
 * agency, with a sparkline of the failures. Verify audits are left out (they re-check a few
 * failures only, and would show as a sudden improvement). Failures suppressed by a decision in force
 * today (accepted risk, false positive) are left out of every audit, as reports count them.
 */
export async function trendAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ limit?: string; json?: boolean }>();
  const limit = positiveInt(flags.limit, 12, '--limit');
  const store = await openForReading(ctx);
  const inputs: TrendInput[] = [];
  if (store) {
    try {
      const audits = (await store.listAudits(1_000_000)).filter((a) => a.status !== 'running' && a.profile !== 'verify').slice(0, limit).reverse();
      for (const a of audits) inputs.push({ id: a.id, startedAt: a.startedAt, targets: await store.targets(a.id), findings: await store.verdicts(a.id, { detail: 'failures' }) });
      const triage = { at: new Date(ctx.clock.now()).toISOString(), decisions: await decisionsAbout(store, inputs.flatMap((a) => a.findings.filter(isFailure).map((f) => f.fingerprint))) };
      for (const input of inputs) input.findings = countedVerdicts(input.findings, triage);
    } finally {
      await store.close();
    }
  }
  const series = trendSeries(inputs);
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(series, null, 2)}\n`);
    return EXIT.ok;
  }
  const { lang } = ctx;
  if (inputs.length === 0) {
    ctx.stdout.write(`${t(lang, 'trend.none')}\n`);
    return EXIT.ok;
  }
  for (const s of series) {
    ctx.stdout.write(`\n${s.agency === null ? t(lang, 'trend.overall') : t(lang, 'trend.agency', { agency: s.agency })}\n`);
    const rows = s.points.map((p) => [`#${p.audit}`, p.startedAt.slice(0, 10), String(p.hosts), ...SEVERITIES.slice(0, 4).map((sev) => String(p.failures[sev])), p.score === null ? '-' : String(p.score), p.grade ?? '-']);
    ctx.stdout.write(`${table([t(lang, 'col.audit'), t(lang, 'col.date'), t(lang, 'col.hosts'), 'C', 'H', 'M', 'L', t(lang, 'col.score'), t(lang, 'col.grade')], rows)}\n`);
    const totals = s.points.map((p) => SEVERITIES.reduce((sum, sev) => sum + p.failures[sev], 0));
    ctx.stdout.write(`${t(lang, 'trend.failures')} ${sparkline(totals)}  ${t(lang, 'trend.score')} ${sparkline(s.points.map((p) => p.score))}\n`);
  }
  return EXIT.ok;
}
