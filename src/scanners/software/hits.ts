import type { ObservationData, ServiceConfidence, SoftwareSource } from '../../core/model/observation.js';

/** One sighting of a product: where, how, and the words that named it. */
export interface Hit {
  product: string;
  version: string | null;
  source: SoftwareSource;
  location: string;
  evidence: string;
  confidence: ServiceConfidence;
}

const MAX_EVIDENCE = 200;
const RANK: Record<ServiceConfidence, number> = { high: 3, medium: 2, low: 1 };

/** Evidence as the observation keeps it: one line, at most 200 characters. */
export function evidenceOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_EVIDENCE ? `${line.slice(0, MAX_EVIDENCE - 1)}…` : line;
}

/**
 * The `software.product` facts of one site: one per product, version and location, the most
 * confident sighting kept. A product seen only without a version is one fact per kind of place
 * (not one per script under /wp-content/), and none at all once some sighting gave its version.
 */
export function productFacts(hits: readonly Hit[], site: string | null, port: number): Array<ObservationData['software.product']> {
  const versioned = new Set(hits.filter((h) => h.version !== null).map((h) => h.product));
  const kept = new Map<string, Hit>();
  for (const hit of hits) {
    if (hit.version === null && versioned.has(hit.product)) continue;
    const key = hit.version === null ? `${hit.product}\0\0${hit.source}` : `${hit.product}\0${hit.version}\0${hit.location}`;
    const earlier = kept.get(key);
    if (!earlier || RANK[hit.confidence] > RANK[earlier.confidence]) kept.set(key, hit);
  }
  return [...kept.values()]
    .sort((a, b) => compare(a.product, b.product) || compare(a.version ?? '', b.version ?? '') || compare(a.location, b.location))
    .map((hit) => ({ port, site, product: hit.product, version: hit.version, distro: null, source: hit.source, location: hit.location, evidence: evidenceOf(hit.evidence), confidence: hit.confidence }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
