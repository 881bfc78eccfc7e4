import type { FeedType } from '../core/model/feed-records.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An OSV record has an id and a modified time (the two fields the schema requires). */
function isOsv(value: unknown): boolean {
  return isRecord(value) && typeof value.id === 'string' && typeof value.modified === 'string';
}

/**
 * Which feed a parsed document is, by its shape alone (file names lie: every OSV dump is
 * all.zip, every endoflife.date file is named after its product). null when it is none of them.
 */
export function detectFeedType(value: unknown): FeedType | null {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (isRecord(first) && 'cycle' in first) return 'endoflife';
    if (isOsv(first)) return 'osv';
    return null;
  }
  if (!isRecord(value)) return null;
  if (typeof value.catalogVersion === 'string' && Array.isArray(value.vulnerabilities)) return 'kev';
  if (isOsv(value)) return 'osv';
  if (isRecord(value.versions)) return 'endoflife-releases';
  if (Array.isArray(value.releases) && value.releases.some((r) => isRecord(r) && 'releaseCycle' in r)) return 'endoflife';
  const libraries = Object.values(value);
  if (libraries.length > 0 && libraries.every((l) => isRecord(l) && (Array.isArray(l.vulnerabilities) || isRecord(l.extractors)))) return 'retirejs';
  return null;
}
