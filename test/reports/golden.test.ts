import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAudit, FIXTURE_TREND, fixtureAudit } from '../../fixtures/reports/audit.js';
import type { Lang } from '../../src/core/model/text.js';
import { renderComplianceReport, renderReport } from '../../src/reports/index.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { asRead, comparison, expectGolden, GOLDEN_DIR, options } from './support.js';

const LANGS: Lang[] = ['vi', 'en'];
const EXT = { json: 'json', csv: 'csv', html: 'html', sarif: 'sarif.json', md: 'md' } as const;

describe('golden reports of the fixture audit', () => {
  for (const lang of LANGS) {
    for (const format of ['json', 'csv', 'html', 'sarif', 'md'] as const) {
      it(`${format} (${lang})`, () => {
        expectGolden(`report.${lang}.${EXT[format]}`, renderReport(format, asRead(fixtureAudit()), options(lang, { trend: FIXTURE_TREND })));
      });
    }
  }

  for (const format of ['json', 'csv', 'html', 'sarif', 'md'] as const) {
    it(`change report since audit #9, ${format} (vi)`, () => {
      expectGolden(`compare.vi.${EXT[format]}`, renderReport(format, asRead(fixtureAudit()), options('vi', { comparison: comparison() })));
    });
  }

  it('is the same bytes every time (no clock, no randomness)', () => {
    const a = renderReport('html', fixtureAudit(), options('vi', { trend: FIXTURE_TREND }));
    const b = renderReport('html', fixtureAudit(), options('vi', { trend: FIXTURE_TREND }));
    expect(a).toBe(b);
  });

  it('the golden files carry Vietnamese text', () => {
    const html = readFileSync(join(GOLDEN_DIR, 'report.vi.html'), 'utf8');
    expect(html).toContain('Tóm tắt cho lãnh đạo');
    expect(html).toContain('Sở Tài chính');
    expect(html).toContain('<html lang="vi">');
  });
});

describe('golden compliance reports', () => {
  const book = loadRules([builtinRulesDir()]);
  const catalogue = (framework: string) => book.catalogues.find((c) => c.framework === framework)!;
  const cases = [
    ['tcvn14423:2026', 'vi', ['html', 'md', 'json', 'csv']],
    ['tcvn14423:2026', 'en', ['md']],
    ['tcvn11930:2017', 'vi', ['md']],
    ['circular12:2022', 'vi', ['md']],
    ['asvs:5.0.0', 'en', ['md']],
    ['cis:v8', 'en', ['md']],
    ['iso27001:2022', 'en', ['md']],
    ['nist80053:r5', 'en', ['md']],
    ['pcidss:4.0.1', 'en', ['html', 'json']],
  ] as const;
  for (const [framework, lang, formats] of cases) {
    for (const format of formats) {
      it(`${framework} ${format} (${lang})`, () => {
        // The fixture's own rule snapshot only: the golden files must not move when rules/ grows.
        const text = renderComplianceReport(format, asRead(fixtureAudit()), { ...options(lang), catalogue: catalogue(framework), defaultLevel: 3 });
        expectGolden(`compliance.${framework.replace(':', '-')}.${lang}.${format === 'html' ? 'html' : format}`, text);
      });
    }
  }
});

describe('an audit that found nothing', () => {
  for (const format of ['json', 'csv', 'html', 'sarif', 'md'] as const) {
    it(`still gives a complete ${format} report`, () => {
      const text = renderReport(format, emptyAudit(), options('vi'));
      expect(text.length).toBeGreaterThan(50);
      if (format === 'json' || format === 'sarif') expect(() => JSON.parse(text)).not.toThrow();
    });
  }
});
