import { esc } from './escape.js';

/**
 * Charts as inline SVG: no script, no network, prints as vectors. Each is an image with a title
 * and a text description giving every value, and every bar or point is labelled with its number,
 * so a screen reader or a black-and-white print loses nothing.
 */

export interface Bar {
  label: string;
  value: number;
  /** Shown instead of the number (e.g. a localised figure). */
  text?: string;
  colour: string;
}

/** `id` must be unique in the document: the title and description are referenced by it. */
export function barChart(id: string, title: string, description: string, bars: readonly Bar[], width = 360): string {
  // About 7.5 px a character at 13 px: room for the longest label ("Đáp ứng một phần").
  const labelWidth = Math.min(200, Math.max(40, Math.ceil(Math.max(...bars.map((b) => b.label.length)) * 7.5) + 12));
  const row = 26;
  const height = bars.length * row + 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = width - labelWidth - 56;
  const rows = bars
    .map((bar, i) => {
      const y = 6 + i * row;
      const w = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * room));
      return (
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="13" fill="#111827">${esc(bar.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${row - 8}" rx="2" fill="${bar.colour}"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 15}" font-size="13" font-weight="600" fill="#111827">${esc(bar.text ?? String(bar.value))}</text>`
      );
    })
    .join('');
  return svg(id, title, description, width, height, rows);
}

export interface Point {
  label: string;
  sublabel: string;
  /** 0-100, null when the audit could not be graded (drawn as a gap). */
  value: number | null;
  text: string;
}

/** A line over audits (oldest left), for the risk score; y is 0-100. */
export function lineChart(id: string, title: string, description: string, points: readonly Point[], width = 520): string {
  const height = 220;
  const left = 44;
  const right = 44;
  const top = 16;
  const bottom = 46;
  const plotH = height - top - bottom;
  const plotW = width - left - right;
  const x = (i: number) => left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => top + plotH - (v / 100) * plotH;
  let body = '';
  for (const tick of [0, 25, 50, 75, 100]) {
    body += `<line x1="${left}" x2="${width - right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d1d5db" stroke-width="1"/>`;
    body += `<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="11" fill="#4b5563">${tick}</text>`;
  }
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.value === null) segments.push([]);
    else segments[segments.length - 1]!.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  for (const segment of segments) if (segment.length > 1) body += `<polyline points="${segment.join(' ')}" fill="none" stroke="#1e3a8a" stroke-width="2.5"/>`;
  points.forEach((p, i) => {
    const px = x(i).toFixed(1);
    if (p.value !== null) {
      body += `<circle cx="${px}" cy="${y(p.value).toFixed(1)}" r="4.5" fill="#1e3a8a"/>`;
      body += `<text x="${px}" y="${(y(p.value) - 9).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="600" fill="#111827">${esc(p.text)}</text>`;
    } else {
      body += `<text x="${px}" y="${y(50)}" text-anchor="middle" font-size="12" fill="#4b5563">${esc(p.text)}</text>`;
    }
    body += `<text x="${px}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="#111827">${esc(p.label)}</text>`;
    body += `<text x="${px}" y="${height - bottom + 30}" text-anchor="middle" font-size="11" fill="#4b5563">${esc(p.sublabel)}</text>`;
  });
  return svg(id, title, description, width, height, body);
}

export interface Stack {
  label: string;
  sublabel: string;
  /** Bottom to top. */
  segments: ReadonlyArray<{ value: number; colour: string }>;
  /** Written above the bar (the total and grade, say). */
  top: string;
}

/** Stacked bars over audits (oldest left), for failures by severity; the axis starts at zero. */
export function stackedBarChart(id: string, title: string, description: string, stacks: readonly Stack[], width = 520): string {
  const height = 220;
  const left = 40;
  const right = 12;
  const top = 24;
  const bottom = 46;
  const plotH = height - top - bottom;
  const slot = (width - left - right) / Math.max(1, stacks.length);
  const barW = Math.min(44, slot * 0.6);
  const max = Math.max(1, ...stacks.map((s) => s.segments.reduce((sum, g) => sum + g.value, 0)));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  let body = '';
  for (const tick of [...new Set([0, Math.round(max / 2), max])]) {
    body += `<line x1="${left}" x2="${width - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#d1d5db" stroke-width="1"/>`;
    body += `<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#4b5563">${tick}</text>`;
  }
  stacks.forEach((stack, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    const centre = (x + barW / 2).toFixed(1);
    let base = 0;
    for (const segment of stack.segments) {
      if (segment.value === 0) continue;
      body += `<rect x="${x.toFixed(1)}" y="${y(base + segment.value).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + segment.value)).toFixed(1)}" fill="${segment.colour}"/>`;
      base += segment.value;
    }
    body += `<text x="${centre}" y="${(y(base) - 6).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="600" fill="#111827">${esc(stack.top)}</text>`;
    body += `<text x="${centre}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="#111827">${esc(stack.label)}</text>`;
    body += `<text x="${centre}" y="${height - bottom + 30}" text-anchor="middle" font-size="11" fill="#4b5563">${esc(stack.sublabel)}</text>`;
  });
  return svg(id, title, description, width, height, body);
}

function svg(id: string, title: string, description: string, width: number, height: number, body: string): string {
  return (
    `<svg class="chart-svg" role="img" aria-labelledby="${id}-t ${id}-d" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(description)}</desc>${body}</svg>`
  );
}

export const SEVERITY_COLOUR = { critical: '#7f1d1d', high: '#b91c1c', medium: '#92400e', low: '#1e40af', info: '#4b5563' } as const;
export const GRADE_COLOUR = { A: '#166534', B: '#3f6212', C: '#92400e', D: '#b91c1c', F: '#7f1d1d' } as const;
