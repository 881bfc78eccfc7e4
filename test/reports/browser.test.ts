import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_TREND, fixtureAudit } from '../../fixtures/reports/audit.js';
import { CHROMIUM_FLAGS, findChromium, run } from '../../src/cli/pdf.js';
import { renderHtml } from '../../src/reports/html/report.js';
import { tempDir } from '../helpers/cli.js';
import { comparison, options, ROOT } from './support.js';

// Chromium is installed by .ci/run (Debian package `chromium`); without it this file is skipped.
const chromium = findChromium(process.env);
const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * Measures the rendered page from inside: a copy of the report gets a script (the report itself
 * allows none: its CSP is removed in the copy only) that records each section's box and each
 * chart's drawn shapes into the DOM, which --dump-dom then prints.
 */
const PROBE = `<script>
addEventListener('load', () => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { w: Math.round(r.width), h: Math.round(r.height), visible: getComputedStyle(el).display !== 'none' }; };
  const out = { sections: {}, charts: {}, title: document.title, lang: document.documentElement.lang, fonts: getComputedStyle(document.body).fontFamily };
  for (const s of document.querySelectorAll('main > section')) out.sections[s.id] = box(s);
  for (const svg of document.querySelectorAll('svg[role=img]')) {
    const shapes = [...svg.querySelectorAll('rect, circle, polyline')].filter((e) => { const b = e.getBBox(); return b.width > 0 && b.height > 0; }).length;
    out.charts[svg.getAttribute('aria-labelledby').split('-t ')[0]] = { ...box(svg), shapes, labels: svg.querySelectorAll('text').length };
  }
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out); document.body.append(pre);
});
</script>`;

describe.skipIf(!chromium)('the HTML report in headless Chromium', () => {
  const dir = tempDir('rasoat-browser-');
  const html = renderHtml(fixtureAudit(), options('vi', { trend: FIXTURE_TREND, comparison: comparison() }));
  const page = join(dir, 'report.html');
  writeFileSync(page, html);

  it('renders every section and chart with a real size', async () => {
    const probed = join(dir, 'probed.html');
    writeFileSync(probed, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', `${PROBE}</body>`));
    const dom = await run(chromium!, [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, 'profile-dom')}`, '--window-size=1280,2000', '--dump-dom', pathToFileURL(probed).href], 60_000);
    const json = /<pre id="probe">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(json, 'the probe script did not run').toBeDefined();
    const probe = JSON.parse(json!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as {
      sections: Record<string, { w: number; h: number; visible: boolean }>;
      charts: Record<string, { w: number; h: number; shapes: number; labels: number }>;
      lang: string;
    };
    expect(probe.lang).toBe('vi');
    expect(Object.keys(probe.sections)).toEqual(['summary', 'change', 'top', 'hosts', 'appendix']);
    for (const [id, box] of Object.entries(probe.sections)) {
      expect(box.visible, id).toBe(true);
      expect(box.w, id).toBeGreaterThan(600);
      expect(box.h, id).toBeGreaterThan(80);
    }
    expect(Object.keys(probe.charts).sort()).toEqual(['chart-grades', 'chart-severity', 'chart-trend']);
    for (const [id, chart] of Object.entries(probe.charts)) {
      expect(chart.w, id).toBeGreaterThan(200);
      expect(chart.h, id).toBeGreaterThan(100);
      expect(chart.labels, id).toBeGreaterThanOrEqual(5);
    }
    // 4 non-zero severity bars; 3 non-zero grade bars; trend: 3 points and 1 line (one audit ungraded).
    expect(probe.charts['chart-severity']!.shapes).toBe(4);
    expect(probe.charts['chart-grades']!.shapes).toBe(3);
    expect(probe.charts['chart-trend']!.shapes).toBe(4);
  });

  it('saves a screenshot of the report as a test artefact', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = join(ARTIFACTS, 'report.vi.png');
    await run(chromium!, [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, 'profile-shot')}`, '--hide-scrollbars', '--window-size=1280,2400', `--screenshot=${png}`, pathToFileURL(page).href], 60_000);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 2400]);
    expect(statSync(png).size).toBeGreaterThan(50_000);
  });
});
