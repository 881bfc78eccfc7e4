import type { Finding } from '../../core/model/finding.js';
import { endpoint } from '../evidence.js';
import { compareFindings } from '../priority.js';
import type { ReportView } from '../view.js';
import { severityBadge } from './badges.js';
import { esc, headRow } from './escape.js';

/** New, reopened, fixed, still open and not re-checked since the earlier audit (`rasoat diff`'s sets). */
export function changeSection(view: ReportView): string {
  const comparison = view.options.comparison;
  if (!comparison) return '';
  const { t, fmt } = view;
  const { diff, before } = comparison;
  const reopened = new Set(comparison.reopened);
  let html = `<section id="change" aria-labelledby="change-h"><h2 id="change-h">${esc(t('change.title', { id: before.id }))}</h2>`;
  html += `<p>${esc(
    t('change.lead', {
      id: before.id,
      date: fmt.date(before.startedAt),
      new: fmt.int(diff.new.length),
      reopened: fmt.int(diff.new.filter((f) => reopened.has(f.fingerprint)).length),
      fixed: fmt.int(diff.fixed.length),
      unchanged: fmt.int(diff.unchanged.length),
      notRechecked: fmt.int(diff.notRechecked.length),
    }),
  )}</p>`;
  html += table(view, 'change-new', t('change.new'), diff.new, reopened);
  html += table(view, 'change-fixed', t('change.fixed'), diff.fixed);
  html += table(view, 'change-unchanged', t('change.unchanged'), diff.unchanged);
  html += table(view, 'change-not-rechecked', t('change.notRechecked'), diff.notRechecked, undefined, t('change.notRecheckedLead'));
  return `${html}</section>`;
}

function table(view: ReportView, id: string, title: string, findings: readonly Finding[], reopened?: ReadonlySet<string>, lead?: string): string {
  const { t, fmt, lang } = view;
  let html = `<h3 id="${id}">${esc(title)} (${fmt.int(findings.length)})</h3>`;
  if (lead) html += `<p class="muted">${esc(lead)}</p>`;
  if (findings.length === 0) return `${html}<p>${esc(t('change.none'))}</p>`;
  html += `<table aria-labelledby="${id}">${headRow([t('col.severity'), t('col.host'), t('col.finding'), t('col.rule')])}<tbody>`;
  for (const f of [...findings].sort(compareFindings)) {
    const again = reopened?.has(f.fingerprint) ? ` <span class="badge sev-info">${esc(t('change.reopened'))}</span>` : '';
    html += `<tr><td>${severityBadge(view, f.severity)}</td><th scope="row">${esc(endpoint(f.host, f.port))}</th><td>${esc(f.title[lang])}${again}</td><td><code>${esc(f.ruleId)}</code></td></tr>`;
  }
  return `${html}</tbody></table>`;
}
