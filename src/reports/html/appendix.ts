import type { ReportView } from '../view.js';
import { esc } from './escape.js';

/** Scope, profile, versions and method: what an inspector needs to trust or repeat the audit. */
export function appendixSection(view: ReportView): string {
  const { t, fmt, result } = view;
  const { audit } = result;
  const rows: Array<[string, string]> = [
    [t('appendix.uuid'), audit.uuid],
    [t('appendix.period'), `${fmt.dateTime(audit.startedAt)} – ${fmt.dateTime(audit.endedAt)}`],
    [t('appendix.status'), t(`status.${audit.status}`)],
    [t('appendix.auditor'), audit.auditor],
    [t('appendix.machine'), audit.machine],
    [t('appendix.authorization'), audit.authorization ?? t('misc.none')],
    [t('appendix.targets'), audit.scope.targets.join(', ') || t('misc.none')],
    [t('appendix.targetFiles'), audit.scope.targetFiles.join(', ') || t('misc.none')],
    [t('appendix.exclude'), audit.scope.exclude.join(', ') || t('misc.none')],
    [t('appendix.excludePorts'), audit.scope.excludePorts || t('misc.none')],
    [t('appendix.profile'), audit.profile],
    [t('appendix.scanners'), audit.scanners.join(', ')],
    [t('appendix.tool'), audit.toolVersion],
    [t('appendix.rules'), audit.rulesVersion],
    [t('appendix.ruleCount'), fmt.int(result.rules.length)],
    [t('appendix.feeds'), feeds(audit.options) ?? t('appendix.feedsNone')],
  ];
  let html = `<section id="appendix" aria-labelledby="appendix-h"><h2 id="appendix-h">${esc(t('appendix.title'))}</h2>`;
  html += `<h3>${esc(t('appendix.scope'))}</h3><dl class="meta">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
  const silent = (audit.stats?.hosts ?? result.targets.length) - result.targets.length;
  if (silent > 0) html += `<p class="muted">${esc(t('appendix.outOfScope', { count: fmt.int(silent) }))}</p>`;
  html += `<p class="muted">${esc(t('appendix.timeZone', { zone: fmt.zoneLabel(audit.startedAt) }))}</p>`;
  html += `<h3>${esc(t('appendix.method'))}</h3><p>${esc(t('appendix.methodText'))}</p>`;
  html += `<h3>${esc(t('appendix.verdicts'))}</h3><p>${esc(t('appendix.verdictsText'))}</p>`;
  return `${html}</section>`;
}

/** Vulnerability feeds the audit used, as `options.feeds` records them ({ name: version }). */
export function feeds(options: Record<string, unknown>): string | null {
  const value = options.feeds;
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value as Record<string, unknown>).map(([name, version]) => `${name} ${String(version)}`);
  return entries.length > 0 ? entries.join(', ') : null;
}
