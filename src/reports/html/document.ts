import type { Lang } from '../../core/model/text.js';
import { rt } from '../i18n/t.js';
import { esc } from './escape.js';
import { STYLE } from './style.js';

/**
 * Content-Security-Policy of every report: nothing may be fetched or run when it is opened (no
 * scripts, fonts, images or frames from anywhere), only the inline stylesheet and data: images.
 */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface Page {
  lang: Lang;
  title: string;
  /** Lines under the title (scope, period ...), as text. */
  subtitle: string[];
  /** Table of contents: section id → heading. */
  toc: Array<[string, string]>;
  /** Sections, already HTML. */
  body: string;
  version: string;
}

/** One self-contained HTML file: inline CSS and SVG, a strict CSP, readable without a network. */
export function htmlPage(page: Page): string {
  const t = (id: Parameters<typeof rt>[1], params?: Record<string, string | number>) => rt(page.lang, id, params);
  const toc = page.toc.length > 1 ? `<nav aria-label="${esc(t('doc.toc'))}"><h2>${esc(t('doc.toc'))}</h2><ol>${page.toc.map(([id, title]) => `<li><a href="#${id}">${esc(title)}</a></li>`).join('')}</ol></nav>` : '';
  return [
    '<!doctype html>',
    `<html lang="${page.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="rasoat ${esc(page.version)}">`,
    `<title>${esc(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="cover"><h1>${esc(page.title)}</h1>${page.subtitle.map((line) => `<p class="muted">${esc(line)}</p>`).join('')}`,
    `<p class="notice">${esc(t('doc.confidential'))}</p></header>`,
    toc,
    `<main>${page.body}</main>`,
    `<footer><p class="muted">${esc(t('doc.generatedBy', { version: page.version }))}</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
