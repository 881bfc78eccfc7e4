import { describe, expect, it } from 'vitest';
import { emptyAudit, FIXTURE_TREND, fixtureAudit } from '../../fixtures/reports/audit.js';
import { renderComplianceReport } from '../../src/reports/index.js';
import { renderHtml } from '../../src/reports/html/report.js';
import { STYLE } from '../../src/reports/html/style.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { comparison, options } from './support.js';

const html = renderHtml(fixtureAudit(), options('vi', { trend: FIXTURE_TREND }));
const book = loadRules([builtinRulesDir()]);
const compliance = renderComplianceReport('html', fixtureAudit(), { ...options('vi'), catalogue: book.catalogues.find((c) => c.framework === 'tcvn14423:2026')!, defaultLevel: 3 });

function selfContained(page: string): void {
  expect(page).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'');
  expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
  expect(page).not.toMatch(/\ssrc=/i);
  // Links to references are fine (nothing is fetched when viewing); nothing else points outside.
  for (const [, url] of page.matchAll(/href="([^"]+)"/g)) expect(url!.startsWith('#') || /^https?:\/\//.test(url!)).toBe(true);
}

function accessible(page: string): void {
  expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
  const levels = [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  levels.forEach((level, i) => {
    if (i > 0) expect(level - levels[i - 1]!, `heading h${level} after h${levels[i - 1]}`).toBeLessThanOrEqual(1);
  });
  for (const table of page.match(/<table[\s\S]*?<\/table>/g) ?? []) expect(table).toMatch(/<th scope="(col|row|colgroup)"/);
  for (const svg of page.match(/<svg[\s\S]*?<\/svg>/g) ?? []) {
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
  }
}

describe('HTML report', () => {
  it('is one self-contained file: no script, no resource to fetch, a strict CSP', () => {
    selfContained(html);
    selfContained(compliance);
  });

  it('has the sections a leader and an inspector look for', () => {
    for (const id of ['summary', 'top', 'hosts', 'appendix']) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('aria-labelledby="chart-severity-t chart-severity-d"');
    expect(html).toContain('aria-labelledby="chart-grades-t chart-grades-d"');
    expect(html).toContain('aria-labelledby="chart-trend-t chart-trend-d"');
    expect(html).toContain('Kém hơn lần rà soát trước (số 9): điểm rủi ro 31 → 45.');
    expect(renderHtml(fixtureAudit(), options('en', { comparison: comparison() }))).toContain('<section id="change"');
  });

  it('is accessible: one h1, no skipped heading levels, header cells, described charts', () => {
    accessible(html);
    accessible(compliance);
    accessible(renderHtml(emptyAudit(), options('en')));
  });

  it('escapes everything a scanned host said', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;xin chào&quot;)&lt;/script&gt;');
  });

  it('puts KEV and critical findings first', () => {
    const top = html.slice(html.indexOf('<section id="top"'));
    expect(top.indexOf('CVE-2023-44487')).toBeLessThan(top.indexOf('Docker API'));
    expect(top.indexOf('Docker API')).toBeLessThan(top.indexOf('Telnet'));
  });

  it('keeps text contrast at 4.5:1 or more on every badge colour (WCAG AA)', () => {
    const colours = [...STYLE.matchAll(/--(critical|high|medium|low|info|g[A-F]|gN): (#[0-9a-f]{6})/g)].map((m) => m[2]!);
    expect(colours.length).toBeGreaterThanOrEqual(10);
    for (const colour of colours) expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#4b5563', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
