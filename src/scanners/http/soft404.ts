import { createHash, randomBytes } from 'node:crypto';
import type { HttpResponse } from '../../core/net/index.js';

/** How a site answered one path that cannot exist, reduced to what a real hit must differ from. */
export interface Soft404Sample {
  status: number;
  shape: string;
}

/** Paths no site has: a random name, plain and with a script extension (many CMSs route *.php differently). */
export function soft404Paths(): string[] {
  const token = randomBytes(8).toString('hex');
  return [`/rasoat-${token}`, `/rasoat-${token}.php`, `/rasoat-${token}/`];
}

export function sampleOf(response: HttpResponse, path: string): Soft404Sample {
  return { status: response.status, shape: shapeOf(response.body, path) };
}

/**
 * A page's shape: its text with the requested path (which 404 pages often echo), numbers and
 * whitespace taken out, hashed. Two answers with the same status and shape are the same page.
 */
export function shapeOf(body: Buffer, path: string): string {
  let text = body.toString('utf8');
  const name = path.split('/').filter(Boolean).pop() ?? '';
  for (const echo of [path, encodeURI(path), name, encodeURIComponent(name)]) if (echo.length > 1) text = text.split(echo).join('');
  text = text.replace(/\d+/g, '0').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(text).digest('hex');
}

/** Whether an answer is just the site's catch-all page again. */
export function looksLikeSoft404(response: HttpResponse, path: string, baseline: readonly Soft404Sample[]): boolean {
  const shape = shapeOf(response.body, path);
  return baseline.some((sample) => sample.status === response.status && sample.shape === shape);
}
