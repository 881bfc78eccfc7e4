import type { AuditStats, AuditStatus } from '../../core/model/audit.js';
import type { Finding } from '../../core/model/finding.js';
import { severityRank } from '../../core/model/severity.js';
import type { EngineEvent, EventSink } from '../../core/scheduler/events.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { formatDuration, formatNumber, severityLabel } from '../format.js';

/** Keeps what the end-of-scan summary needs: failures, open ports, hosts that did not answer. */
export class SummaryCollector implements EventSink {
  readonly failures: Finding[] = [];
  openPorts = 0;
  readonly unreachable: Array<{ host: string; reason: string }> = [];
  elapsedMs = 0;

  handle(event: EngineEvent): void {
    if (event.type === 'finding' && event.finding.outcome === 'fail') this.failures.push(event.finding);
    else if (event.type === 'observation') {
      const o = event.observation;
      if (o.kind === 'port.open') this.openPorts++;
      else if (o.kind === 'scan.error' && (o.data.reason === 'dns' || o.data.reason === 'out-of-scope')) {
        this.unreachable.push({ host: o.host, reason: o.data.message });
      } else if (o.kind === 'host.status' && o.data.state === 'down') this.downHosts.set(o.host, o.data.reason);
    } else if (event.type === 'host.end' && event.target.explicit && !event.up && this.downHosts.has(event.target.host)) {
      this.unreachable.push({ host: event.target.host, reason: this.downHosts.get(event.target.host)! });
    } else if (event.type === 'progress') this.elapsedMs = event.snapshot.elapsedMs;
  }

  private readonly downHosts = new Map<string, string>();
}

const SHOWN = 25;

export function printScanSummary(ctx: CliContext, auditId: number, outcome: { status: AuditStatus; stats: AuditStats }, summary: SummaryCollector): void {
  const { lang } = ctx;
  const { stats } = outcome;
  const out = (line = '') => ctx.stdout.write(`${line}\n`);
  for (const { host, reason } of summary.unreachable) ctx.stderr.write(`${t(lang, 'scan.hostUnreachable', { host, reason })}\n`);

  out(
    t(lang, outcome.status === 'interrupted' ? 'scan.doneInterrupted' : 'scan.done', {
      id: auditId,
      elapsed: formatDuration(summary.elapsedMs),
      hosts: formatNumber(stats.hosts, lang),
      up: formatNumber(stats.hostsUp, lang),
      down: formatNumber(stats.hostsDown, lang),
      ports: formatNumber(summary.openPorts, lang),
    }),
  );
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((s) => `${formatNumber(stats.failures[s], lang)} ${t(lang, `severity.${s}`).toLowerCase()}`)
    .join(', ');
  out(
    t(lang, 'scan.findings', {
      counts,
      notAssessed: formatNumber(stats.outcomes['not-assessed'] ?? 0, lang),
      errors: formatNumber(stats.outcomes.error ?? 0, lang),
    }),
  );
  const sorted = [...summary.failures].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.host.localeCompare(b.host, 'en', { numeric: true }) || (a.port ?? 0) - (b.port ?? 0),
  );
  if (sorted.length > 0) out();
  for (const finding of sorted.slice(0, SHOWN)) {
    out(`  ${severityLabel(finding.severity, lang, ctx)} ${finding.host.padEnd(16)} ${finding.title[lang]}  [${finding.ruleId}]`);
  }
  if (sorted.length > SHOWN) out(`  ${t(lang, 'scan.more', { count: formatNumber(sorted.length - SHOWN, lang) })}`);
  out();
  out(t(lang, 'scan.next', { id: auditId }));
}
