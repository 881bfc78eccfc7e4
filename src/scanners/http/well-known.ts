import type { HttpResponse } from '../../core/net/index.js';
import { isHtml } from './exposures.js';

/** Disallow paths that tell a visitor where the sensitive parts of a site are. */
const SENSITIVE = /(admin|administrator|quantri|quan-tri|backup|\.bak|config|conf\b|install|setup|phpmyadmin|pma|private|secret|internal|noi-bo|\.sql|database|\/db\b|\/logs?\b|\/tmp\b|\/test\b|\/dev\b|staging|cgi-bin|\.git|\.env|wp-admin|manager|console|dashboard|\/api\/internal)/i;

/** Reads security.txt (RFC 9116): present when served as text with a Contact field. */
export function securityTxtOf(response: HttpResponse | null): { present: boolean; expires: string | null } {
  if (!response || response.status !== 200 || isHtml(response)) return { present: false, expires: null };
  const text = response.body.toString('utf8');
  if (!/^\s*Contact\s*:/im.test(text)) return { present: false, expires: null };
  const expires = /^\s*Expires\s*:\s*(\S+)/im.exec(text)?.[1];
  const parsed = expires ? Date.parse(expires) : NaN;
  return { present: true, expires: Number.isNaN(parsed) ? null : new Date(parsed).toISOString() };
}

/** robots.txt lines that point at administration, backups or internal areas. */
export function robotsSensitiveOf(response: HttpResponse | null): { present: boolean; sensitive: string[] } {
  if (!response || response.status !== 200 || isHtml(response)) return { present: false, sensitive: [] };
  const paths = response.body
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => /^\s*(?:dis)?allow\s*:\s*(\S+)/i.exec(line)?.[1])
    .filter((path): path is string => path !== undefined && SENSITIVE.test(path));
  return { present: true, sensitive: [...new Set(paths)].slice(0, 50) };
}
