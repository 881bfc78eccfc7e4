import type { ExposureCheck } from '../../core/model/http-check.js';
import type { HttpResponse } from '../../core/net/index.js';
import { looksLikeSoft404, type Soft404Sample } from './soft404.js';

const HTML_START = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]/i;
const regexes = new Map<string, RegExp>();

function regex(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let compiled = regexes.get(key);
  if (!compiled) regexes.set(key, (compiled = new RegExp(source, flags)));
  return compiled;
}

export function contentTypeOf(response: HttpResponse): string | null {
  const value = response.headers['content-type'];
  return typeof value === 'string' ? value : null;
}

export function isHtml(response: HttpResponse): boolean {
  return /^\s*text\/html/i.test(contentTypeOf(response) ?? '') || HTML_START.test(response.body.subarray(0, 512).toString('utf8'));
}

/**
 * The evidence that `response` really serves the file `check` looks for, or null. A catch-all
 * page never passes: the content must match and the page must differ from the site's soft 404.
 */
export function verifyExposure(check: ExposureCheck, response: HttpResponse, path: string, baseline: readonly Soft404Sample[]): string | null {
  if (!check.status.includes(response.status)) return null;
  if (check.notHtml && isHtml(response)) return null;
  if (check.contentType && !regex(check.contentType, 'i').test(contentTypeOf(response) ?? '')) return null;
  let evidence: string | null = null;
  if (check.hexPrefix) {
    const prefix = Buffer.from(check.hexPrefix, 'hex');
    if (!response.body.subarray(0, prefix.length).equals(prefix)) return null;
    evidence = `starts with ${check.hexPrefix} (${response.body.length}${response.truncated ? '+' : ''} bytes read)`;
  }
  if (check.body) {
    const match = regex(check.body, check.bodyFlags ?? '').exec(response.body.toString('utf8'));
    if (!match) return null;
    evidence = excerpt(match[0], check.redact);
  }
  if (looksLikeSoft404(response, path, baseline)) return null;
  return evidence;
}

/** A short, single-line excerpt; for files holding secrets, names stay and values are masked. */
export function excerpt(text: string, redact: boolean): string {
  let line = text.replace(/\s+/g, ' ').trim();
  if (redact) line = line.replace(/([=:]\s*['"]?)([^\s'",;)]{1,3})[^\s'",;)]*/g, '$1$2…');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
