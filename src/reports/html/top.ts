import { citations } from '../cite.js';
import { issueTitle, type ReportView } from '../view.js';
import { kevBadge, severityBadge } from './badges.js';
import { anchor, esc, link } from './escape.js';

const TOP = 10;
const HOSTS_SHOWN = 20;

/** The checks that failed, most urgent first, each with what it means and how to fix it. */
export function topSection(view: ReportView): string {
  const { t, fmt } = view;
  let html = `<section id="top" aria-labelledby="top-h"><h2 id="top-h">${esc(t('top.title'))}</h2>`;
  if (view.issues.length === 0) return `${html}<p>${esc(t('top.none'))}</p></section>`;
  html += `<p class="muted">${esc(t('top.lead'))}</p>`;
  view.issues.slice(0, TOP).forEach((issue, i) => {
    const rule = view.rule(issue.ruleId);
    const lang = view.lang;
    html += `<article class="issue" aria-labelledby="issue-${i + 1}">`;
    html += `<h3 id="issue-${i + 1}">${i + 1}. ${issue.kev ? `${kevBadge()} ` : ''}${severityBadge(view, issue.severity)} ${esc(issueTitle(view, issue))}</h3>`;
    const facts = [`${t('col.rule')}: <code>${esc(issue.ruleId)}</code>`, esc(t('top.affected', { count: fmt.int(issue.hosts.length) }))];
    if (issue.cvss !== null) facts.push(`CVSS ${esc(fmt.dec(issue.cvss))}`);
    html += `<p class="muted">${facts.join(' · ')}</p>`;
    if (rule.description[lang]) html += `<p>${esc(rule.description[lang])}</p>`;
    if (rule.remediation[lang]) html += `<p><strong>${esc(t('col.remediation'))}:</strong> ${esc(rule.remediation[lang])}</p>`;
    const hosts = issue.hosts.slice(0, HOSTS_SHOWN).map((h) => `<a href="#${anchor('host', h)}">${esc(h)}</a>`);
    const more = issue.hosts.length > HOSTS_SHOWN ? ` ${esc(t('top.more', { count: fmt.int(issue.hosts.length - HOSTS_SHOWN) }))}` : '';
    html += `<p><strong>${esc(t('col.hosts'))}:</strong> ${hosts.join(', ')}${more}</p>`;
    const cites = citations(rule.controls);
    if (cites.length > 0) html += `<p class="muted"><strong>${esc(t('col.controls'))}:</strong> ${esc(cites.join(', '))}</p>`;
    if (rule.references.length > 0) html += `<p class="muted"><strong>${esc(t('col.references'))}:</strong> ${rule.references.map(link).join(', ')}</p>`;
    html += '</article>';
  });
  return `${html}</section>`;
}
