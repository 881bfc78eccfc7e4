import type { Lang } from '../../core/model/text.js';

/**
 * Numbers, percentages and dates in the report's language and time zone. Formatters are cached:
 * a report of 10,000 findings would otherwise build an Intl object per cell.
 */
export class Formatter {
  private readonly number: Intl.NumberFormat;
  private readonly decimal: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private readonly parts: Intl.DateTimeFormat;
  private readonly offset: Intl.DateTimeFormat;

  constructor(
    readonly lang: Lang,
    readonly timeZone: string,
  ) {
    const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
    this.number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 0 });
    this.percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    this.parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' });
  }

  int(value: number): string {
    return this.number.format(value);
  }

  dec(value: number): string {
    return this.decimal.format(value);
  }

  pct(ratio: number): string {
    return this.percent.format(ratio);
  }

  /** 20/11/2026 (vi) or 20 Nov 2026 (en). */
  date(iso: string | null): string {
    const p = this.fields(iso);
    if (!p) return '-';
    return this.lang === 'vi' ? `${p.day}/${p.month}/${p.year}` : `${Number(p.day)} ${MONTHS[Number(p.month) - 1]} ${p.year}`;
  }

  /** 20/11/2026 09:15 (vi) or 20 Nov 2026 09:15 (en). */
  dateTime(iso: string | null): string {
    const p = this.fields(iso);
    if (!p) return '-';
    return `${this.date(iso)} ${p.hour}:${p.minute}`;
  }

  /** "ngày 20 tháng 11 năm 2026", the form of Vietnamese administrative documents; English: 20 November 2026. */
  longDate(iso: string | null): string {
    const p = this.fields(iso);
    if (!p) return '-';
    return this.lang === 'vi' ? `ngày ${p.day} tháng ${p.month} năm ${p.year}` : `${Number(p.day)} ${LONG_MONTHS[Number(p.month) - 1]} ${p.year}`;
  }

  /** The zone with its UTC offset, e.g. "Asia/Ho_Chi_Minh (GMT+7)". */
  zoneLabel(at: string): string {
    const name = this.offset.formatToParts(new Date(at)).find((part) => part.type === 'timeZoneName')?.value ?? '';
    return name ? `${this.timeZone} (${name})` : this.timeZone;
  }

  /** A byte count as B, kB or MB. */
  size(bytes: number): string {
    if (bytes < 1024) return `${this.int(bytes)} B`;
    if (bytes < 1024 * 1024) return `${this.dec(bytes / 1024)} kB`;
    return `${this.dec(bytes / 1024 / 1024)} MB`;
  }

  private fields(iso: string | null): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
    if (!iso) return null;
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return null;
    const out = { year: '', month: '', day: '', hour: '', minute: '' };
    for (const part of this.parts.formatToParts(time)) if (part.type in out) out[part.type as keyof typeof out] = part.value;
    return out;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
