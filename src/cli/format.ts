import pc from 'picocolors';
import type { Outcome } from '../core/model/finding.js';
import type { Severity } from '../core/model/severity.js';
import type { Lang } from '../core/model/text.js';
import { t, type MessageId } from '../i18n/t.js';

export interface Style {
  color: boolean;
}

const SEVERITY_COLOUR: Record<Severity, (s: string) => string> = {
  critical: (s) => pc.bold(pc.magenta(s)),
  high: pc.red,
  medium: pc.yellow,
  low: pc.cyan,
  info: pc.dim,
};

/** A severity as a fixed-width label that reads without colour (NO_COLOR, logs, screen readers). */
export function severityLabel(severity: Severity, lang: Lang, style: Style): string {
  const label = t(lang, `severity.${severity}` as MessageId).padEnd(12);
  return style.color ? SEVERITY_COLOUR[severity](label) : label;
}

export function outcomeLabel(outcome: Outcome, lang: Lang): string {
  return t(lang, `outcome.${outcome}` as MessageId);
}

/** Display width: combining marks take no column, so Vietnamese text lines up in tables. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.normalize('NFC').replace(/\x1b\[[0-9;]*m/g, '')) if (!/\p{M}/u.test(char)) width++;
  return width;
}

export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** A plain text table: header row, a rule, rows; columns as wide as their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

/** Local date and time in the user's language, for humans; stored times stay ISO-8601 UTC. */
export function formatTime(iso: string | null, lang: Lang): string {
  if (!iso) return '-';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}
