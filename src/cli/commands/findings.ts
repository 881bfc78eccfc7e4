import type { Command } from 'commander';
import { LIFECYCLE_STATUSES, type FindingHistory, type LifecycleStatus } from '../../reports/lifecycle.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber, severityLabel, table } from '../format.js';
import { readLifecycle } from '../lifecycle.js';
import { openForReading } from '../open-store.js';
import { sortFindings } from './show.js';
import { UsageError } from '../../core/errors.js';

interface ListFlags {
  status?: string;
  overdue?: boolean;
  agency?: string;
  json?: boolean;
}

/** `rasoat findings`: every finding across audits with its status, first and last seen, days open and SLA. */
export async function findingsListAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<ListFlags>();
  const statuses = (flags.status ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of statuses) if (!(LIFECYCLE_STATUSES as readonly string[]).includes(s)) throw new UsageError('findings.badStatus', { value: s, known: LIFECYCLE_STATUSES.join(', ') });
  const store = await openForReading(ctx);
  let all: FindingHistory[] = [];
  if (store) {
    try {
      all = await readLifecycle(ctx, store, flags.agency ? { agency: flags.agency } : {});
    } finally {
      await store.close();
    }
  }
  const shown = all.filter((h) => (statuses.length === 0 || statuses.includes(h.status)) && (!flags.overdue || h.overdue));
  const byFinding = new Map(shown.map((h) => [h.finding, h]));
  const sorted = sortFindings(shown.map((h) => h.finding)).map((f) => byFinding.get(f)!);
  if (flags.json) {
    const json = sorted.map((h) => ({
      fingerprint: h.finding.fingerprint, ruleId: h.finding.ruleId, severity: h.finding.severity, host: h.finding.host, port: h.finding.port ?? null, title: h.finding.title,
      status: h.status, firstSeen: h.firstSeen, lastSeen: h.lastSeen, firstAudit: h.firstAudit, lastAudit: h.lastAudit, fixedBy: h.fixedBy, reopened: h.reopened,
      daysOpen: h.daysOpen, slaDays: h.slaDays, overdue: h.overdue, decision: h.decision, expired: h.expired,
    }));
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  const { lang } = ctx;
  const count = (s: LifecycleStatus) => formatNumber(all.filter((h) => h.status === s).length, lang);
  ctx.stdout.write(
    `${t(lang, 'findings.summary', { open: count('open'), reopened: count('reopened'), fixed: count('fixed'), accepted: count('accepted-risk'), falsePositive: count('false-positive'), overdue: formatNumber(all.filter((h) => h.overdue).length, lang) })}\n`,
  );
  if (sorted.length === 0) return EXIT.ok;
  const rows = sorted.map((h) => [
    t(lang, `lifecycle.${h.status}`) + (h.expired ? ` (${t(lang, 'findings.expired')})` : ''),
    severityLabel(h.finding.severity, lang, ctx),
    h.finding.host,
    h.finding.port === undefined ? '-' : String(h.finding.port),
    h.finding.title[lang],
    h.firstSeen.slice(0, 10),
    h.lastSeen.slice(0, 10),
    h.status === 'fixed' ? `#${h.fixedBy}` : String(h.daysOpen),
    h.slaDays === null ? '-' : h.overdue ? t(lang, 'findings.overdue', { days: h.slaDays }) : `${h.slaDays}`,
    h.finding.fingerprint.slice(0, 12),
  ]);
  const header = ['col.status', 'col.severity', 'col.host', 'col.port', 'col.finding', 'col.firstSeen', 'col.lastSeen', 'col.daysOpen', 'col.sla', 'col.fingerprint'] as const;
  ctx.stdout.write(`${table(header.map((id) => t(lang, id)), rows)}\n`);
  return EXIT.ok;
}
