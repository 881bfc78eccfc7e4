import type { PreviousPage } from '../scanners/http/scanner.js';
import type { Store } from '../store/store.js';

/**
 * The pages' text as the latest earlier audits read it, for the http scanner to measure how much
 * each page changed (a defacement shows as a page that is suddenly another). Plain data, so it
 * travels with the unit of work.
 */
export async function previousPages(store: Store, auditId: number): Promise<Record<string, PreviousPage>> {
  const pages: Record<string, PreviousPage> = {};
  for (const [url, { audit, at, data }] of Object.entries(await store.latestPages(auditId))) {
    if (typeof data.fingerprint !== 'string' || typeof data.textLength !== 'number') continue;
    pages[url] = { audit, at, fingerprint: data.fingerprint, signature: typeof data.signature === 'string' ? data.signature : '', textLength: data.textLength };
  }
  return pages;
}
