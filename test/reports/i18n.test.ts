import { describe, expect, it } from 'vitest';
import { reportEn, type ReportMessageId } from '../../src/reports/i18n/en.js';
import { Formatter } from '../../src/reports/i18n/format.js';
import { reportVi } from '../../src/reports/i18n/vi.js';

const PLACEHOLDER = /\{([a-zA-Z0-9_.]+)\}/g;
const placeholders = (text: string) => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort().join();
const ids = Object.keys(reportEn) as ReportMessageId[];

describe('report catalogues', () => {
  it('have the same ids in both languages', () => {
    expect(Object.keys(reportVi).sort()).toEqual([...ids].sort());
  });

  it('use the same placeholders in both languages', () => {
    expect(ids.filter((id) => placeholders(reportEn[id]) !== placeholders(reportVi[id]))).toEqual([]);
  });

  it('have no empty message', () => {
    expect(ids.filter((id) => !reportEn[id].trim() || !reportVi[id].trim())).toEqual([]);
  });

  it('are translated: Vietnamese differs from English except for symbols and codes', () => {
    const same = ids.filter((id) => reportEn[id] === reportVi[id]);
    expect(same.sort()).toEqual(['col.cvss', 'col.kev', 'doc.subtitle', 'misc.dash']);
  });
});

describe('locale formats', () => {
  const vi = new Formatter('vi', 'Asia/Ho_Chi_Minh');
  const en = new Formatter('en', 'Asia/Ho_Chi_Minh');
  const at = '2026-11-20T17:30:00.000Z';

  it('write numbers and percentages the local way', () => {
    expect(vi.int(12345)).toBe('12.345');
    expect(en.int(12345)).toBe('12,345');
    expect(vi.pct(0.125)).toBe('12,5%');
    expect(en.pct(0.125)).toBe('12.5%');
  });

  it('write dates in the report time zone (the next day in Hanoi)', () => {
    expect(vi.date(at)).toBe('21/11/2026');
    expect(vi.dateTime(at)).toBe('21/11/2026 00:30');
    expect(en.dateTime(at)).toBe('21 Nov 2026 00:30');
    expect(vi.longDate(at)).toBe('ngày 21 tháng 11 năm 2026');
    expect(vi.zoneLabel(at)).toBe('Asia/Ho_Chi_Minh (GMT+7)');
    expect(vi.date(null)).toBe('-');
  });
});
