import { decidedBy, decisionLabel, untilDay, untilText, type DecisionView } from '../decision-text.js';
import { endpoint } from '../evidence.js';
import { hasDecisions, type Suppression } from '../suppression.js';
import { esc, headRow } from './escape.js';

/**
 * Failures a decision keeps out of the counts (who, why, until when), then acceptances that have
 * expired (counted again). Absent when the audit has no decision to show.
 */
export function suppressedSection(view: DecisionView): string {
  const { suppressions } = view;
  if (!hasDecisions(suppressions)) return '';
  const { t, fmt } = view;
  const at = fmt.dateTime(suppressions.at);
  let html = `<section id="suppressed" aria-labelledby="suppressed-h"><h2 id="suppressed-h">${esc(t('suppressed.title'))} (${fmt.int(suppressions.active.length)})</h2>`;
  html += `<p>${esc(t('suppressed.lead', { at }))}</p>`;
  html += suppressions.active.length === 0 ? `<p>${esc(t('suppressed.noneInForce'))}</p>` : table(view, t('suppressed.title'), suppressions.active);
  if (suppressions.expired.length > 0) {
    html += `<h3 id="suppressed-expired">${esc(t('suppressed.expiredTitle'))} (${fmt.int(suppressions.expired.length)})</h3>`;
    html += `<p class="muted">${esc(t('suppressed.expiredLead', { at }))}</p>${table(view, t('suppressed.expiredTitle'), suppressions.expired)}`;
  }
  return `${html}</section>`;
}

function table(view: DecisionView, caption: string, list: readonly Suppression[]): string {
  const { t, fmt, lang } = view;
  let html = `<table><caption class="sr-only">${esc(caption)}</caption>`;
  html += headRow([t('col.severity'), t('col.host'), t('col.finding'), t('col.decision'), t('col.decisionReason'), t('col.decidedBy'), t('col.until')]);
  html += '<tbody>';
  for (const { finding: f, decision: d } of list) {
    html +=
      `<tr><td><span class="badge sev-${f.severity}">${esc(t(`severity.${f.severity}`))}</span></td><th scope="row">${esc(endpoint(f.host, f.port))}</th><td>${esc(f.title[lang])}<br><code class="muted">${esc(f.ruleId)}</code></td>` +
      `<td>${esc(decisionLabel(t, d))}</td><td>${esc(d.reason)}</td><td>${esc(decidedBy(fmt, d))}</td><td>${esc(untilText(t, fmt, d))}</td></tr>`;
  }
  return `${html}</tbody></table>`;
}

/** The badge beside a failure whose acceptance has expired (it counts again). */
export function expiredBadge(view: DecisionView, fingerprint: string): string {
  const found = view.suppressions.of(fingerprint);
  if (!found?.expired) return '';
  return ` <span class="badge sev-info">${esc(view.t('suppressed.expiredBadge', { until: untilDay(view.fmt, found.decision.until ?? '') }))}</span>`;
}
