import type { Severity } from '../../core/model/severity.js';
import type { Lang } from '../../core/model/text.js';
import { t, type MessageId } from '../../i18n/t.js';

/** A symbol per severity, so a row reads without colour (NO_COLOR, monochrome terminals, logs). */
export const SEVERITY_SYMBOL: Record<Severity, string> = { critical: '◆', high: '▲', medium: '●', low: '○', info: '·' };

/** Colours when colour is wanted; the symbol and label carry the meaning either way. */
export const SEVERITY_COLOUR: Record<Severity, string> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'cyan', info: 'gray' };

export function severityTag(severity: Severity, lang: Lang): string {
  return `${SEVERITY_SYMBOL[severity]} ${t(lang, `tui.sev.${severity}` as MessageId)}`;
}

const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const NARROW = /^[\x20-\x7e]*$/;

/** Display width: combining marks take no column (Vietnamese written decomposed still lines up). */
export function width(text: string): number {
  if (NARROW.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n - (text.match(MARKS)?.length ?? 0);
}

/** Cuts to `columns` display columns (with an ellipsis when cut), then pads to exactly that. */
export function fit(text: string, columns: number): string {
  if (columns <= 0) return '';
  const clean = /[\r\n\t]/.test(text) ? text.replace(/[\r\n\t]+/g, ' ') : text;
  const w = width(clean);
  if (w <= columns) return clean + ' '.repeat(columns - w);
  if (NARROW.test(clean)) return `${clean.slice(0, columns - 1)}…`;
  let out = '';
  let used = 0;
  for (const char of clean) {
    const cw = MARK.test(char) ? 0 : 1;
    if (used + cw > columns - 1) break;
    out += char;
    used += cw;
  }
  return `${out}…${' '.repeat(Math.max(0, columns - used - 1))}`;
}

/** Wraps text to lines of at most `columns` display columns, breaking at spaces; keeps a paragraph's indent. */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const indent = /^ */.exec(paragraph)![0].slice(0, Math.max(0, columns - 10));
    const room = Math.max(1, columns - indent.length);
    let line = '';
    let started = false;
    const push = () => lines.push(indent + line);
    for (const word of paragraph.slice(indent.length).split(' ')) {
      let rest = word;
      while (width(rest) > room) {
        if (started) push();
        const chars = [...rest];
        line = chars.slice(0, room).join('');
        push();
        started = false;
        line = '';
        rest = chars.slice(room).join('');
      }
      if (!started) {
        line = rest;
        started = true;
      } else if (width(line) + 1 + width(rest) <= room) line += ` ${rest}`;
      else {
        push();
        line = rest;
      }
    }
    push();
  }
  return lines;
}

export function formatClock(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--:--';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

/** Local date and time, short: what fits a history row. */
export function formatStarted(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A window of `height` rows that keeps `cursor` visible, moving as little as possible from `top`. */
export function scrollTop(top: number, cursor: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let next = top;
  if (cursor < next) next = cursor;
  if (cursor >= next + h) next = cursor - h + 1;
  return Math.max(0, Math.min(next, Math.max(0, count - h)));
}
