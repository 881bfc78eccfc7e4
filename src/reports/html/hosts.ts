import { evidenceLine, isKev } from '../evidence.js';
import type { HostRisk } from '../risk.js';
import { verdictReason } from '../verdict-reason.js';
import { failureCells, groupName, type GroupView, type ReportView } from '../view.js';
import { gradeBadge, kevBadge, percentOrDash, severityBadge } from './badges.js';
import { anchor, esc, headRow } from './escape.js';
import { expiredBadge } from './suppressed.js';

/** Per agency: a table of its hosts; then each host that failed something, finding by finding. */
export function hostsSection(view: ReportView): string {
  const { t } = view;
  let html = `<section id="hosts" aria-labelledby="hosts-h"><h2 id="hosts-h">${esc(t('agency.title'))}</h2>`;
  for (const group of view.groups) html += groupSection(view, group);
  return `${html}</section>`;
}

function groupSection(view: ReportView, group: GroupView): string {
  const { t, fmt } = view;
  const name = groupName(view, group);
  const id = anchor('agency', group.key || 'none');
  const owner = group.owner ?? t('agency.noOwner');
  const lead = group.level === null ? t('agency.leadNoLevel', { hosts: fmt.int(group.hosts.length), owner }) : t('agency.lead', { hosts: fmt.int(group.hosts.length), level: group.level, owner });
  let html = `<section class="agency" aria-labelledby="${id}"><h3 id="${id}">${esc(name)}</h3><p>${esc(lead)}</p>`;
  html += `<table><caption class="sr-only">${esc(name)}</caption>`;
  html += headRow([t('col.host'), t('col.state'), t('col.grade'), t('col.score'), t('col.coverage'), t('col.failures'), t('col.ports')]);
  html += '<tbody>';
  for (const risk of group.hosts) {
    const failing = view.failuresByHost.has(risk.host);
    const host = failing || risk.target?.up === false ? `<a href="#${anchor('host', risk.host)}">${esc(risk.host)}</a>` : esc(risk.host);
    html +=
      `<tr><th scope="row">${host}</th><td>${esc(t(risk.target?.up === false ? 'state.down' : 'state.up'))}</td><td>${gradeBadge(view, risk.grade)}</td>` +
      `<td class="num">${risk.score === null ? '-' : fmt.int(risk.score)}</td><td class="num">${percentOrDash(view, risk.coverage)}</td>` +
      `<td class="num">${failureCells(risk.failures)}</td><td>${esc(ports(view, risk.host))}</td></tr>`;
  }
  html += '</tbody></table>';
  for (const risk of group.hosts) if (view.failuresByHost.has(risk.host) || risk.target?.up === false) html += hostSection(view, risk);
  return `${html}</section>`;
}

function hostSection(view: ReportView, risk: HostRisk): string {
  const { t, fmt, lang } = view;
  const id = anchor('host', risk.host);
  const address = risk.target?.address && risk.target.address !== risk.host ? ` (${risk.target.address})` : '';
  let html = `<section class="host" aria-labelledby="${id}"><h4 id="${id}">${esc(t('host.title', { host: risk.host }))}${esc(address)}</h4>`;
  const unresolved = view.unresolvedByHost.get(risk.host) ?? [];
  if (risk.target?.up === false) {
    const reason = unresolved[0]?.reason ? verdictReason(unresolved[0].reason, lang) : t('state.down');
    return `${html}<p>${esc(t('host.down', { reason }))}</p></section>`;
  }
  html += `<p>${esc(t('host.summary', { grade: risk.grade ?? '–', score: risk.score === null ? '-' : fmt.int(risk.score), coverage: percentOrDash(view, risk.coverage), ports: ports(view, risk.host) }))}</p>`;
  const failures = view.failuresByHost.get(risk.host) ?? [];
  html += `<table><caption class="sr-only">${esc(t('host.title', { host: risk.host }))}</caption>`;
  html += headRow([t('col.severity'), t('col.finding'), t('col.port'), t('col.evidence'), t('col.remediation')]);
  html += '<tbody>';
  for (const f of failures) {
    const rule = view.rule(f.ruleId);
    html +=
      `<tr><td>${isKev(f) ? `${kevBadge()} ` : ''}${severityBadge(view, f.severity)}</td><th scope="row">${esc(f.title[lang])}${expiredBadge(view, f.fingerprint)}<br><code class="muted">${esc(f.ruleId)}</code></th>` +
      `<td class="num">${f.port ?? '-'}</td><td class="evidence">${esc(evidenceLine(f.evidence))}</td><td>${esc(rule.remediation[lang])}</td></tr>`;
  }
  html += '</tbody></table>';
  if (unresolved.length > 0) {
    const reasons = new Map<string, number>();
    for (const f of unresolved) {
      const reason = verdictReason(f.reason ?? f.outcome, lang);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const summary = [...reasons].map(([reason, n]) => `${reason} × ${fmt.int(n)}`).join(', ');
    html += `<p class="muted">${esc(t('host.notAssessed', { summary }))}</p>`;
  }
  return `${html}</section>`;
}

function ports(view: ReportView, host: string): string {
  const list = view.openPorts.get(host) ?? [];
  if (list.length === 0) return view.t('misc.none');
  return list.length > 30 ? `${list.slice(0, 30).join(', ')}, … (+${list.length - 30})` : list.join(', ');
}
