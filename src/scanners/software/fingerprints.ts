import type { ServiceConfidence, SoftwareSource } from '../../core/model/observation.js';
import type { FingerprintPlace, SoftwareFingerprint } from '../../core/model/software-fingerprint.js';
import type { Hit } from './hits.js';

/** A fingerprint with its expressions compiled. */
export interface CompiledFingerprint {
  spec: SoftwareFingerprint;
  match: RegExp;
  also: RegExp | null;
}

export type FingerprintIndex = ReadonlyMap<FingerprintPlace, readonly CompiledFingerprint[]>;

const SOURCE: Record<FingerprintPlace, SoftwareSource> = {
  header: 'header',
  cookie: 'header',
  meta: 'meta',
  html: 'content',
  url: 'url',
  content: 'content',
  path: 'path',
  'error-page': 'path',
};
const VERSIONED_CONFIDENCE: Record<FingerprintPlace, ServiceConfidence> = {
  header: 'medium',
  cookie: 'medium',
  meta: 'medium',
  html: 'medium',
  url: 'medium',
  content: 'high',
  path: 'high',
  'error-page': 'medium',
};

const compiled = new WeakMap<readonly SoftwareFingerprint[], FingerprintIndex>();

/** Fingerprints by place, compiled once per list (the same options object serves every host). */
export function indexFingerprints(fingerprints: readonly SoftwareFingerprint[]): FingerprintIndex {
  let index = compiled.get(fingerprints);
  if (index) return index;
  const byPlace = new Map<FingerprintPlace, CompiledFingerprint[]>();
  for (const spec of fingerprints) {
    const fingerprint = compile(spec);
    if (!fingerprint) continue;
    const list = byPlace.get(spec.in) ?? [];
    list.push(fingerprint);
    byPlace.set(spec.in, list);
  }
  compiled.set(fingerprints, (index = byPlace));
  return index;
}

/** A fingerprint whose expression does not compile is left out (the loader reports it first). */
function compile(spec: SoftwareFingerprint): CompiledFingerprint | null {
  try {
    const flags = (spec.flags ?? '').replace(/[gy]/g, '');
    return { spec, match: new RegExp(spec.match, flags), also: spec.also ? new RegExp(spec.also, flags) : null };
  } catch {
    return null;
  }
}

/**
 * The sighting `fingerprint` makes in `text`, or null. The named group `version` is the version;
 * without it the product is present, version unknown, confidence low. `evidence` replaces the
 * matched words as evidence when the place has better words (a whole Server header, with its
 * distribution comment).
 */
export function sight(fingerprint: CompiledFingerprint, text: string, location: string, evidence?: string): Hit | null {
  const found = fingerprint.match.exec(text);
  if (!found || (fingerprint.also && !fingerprint.also.test(text))) return null;
  const version = found.groups?.version || null;
  const { spec } = fingerprint;
  return {
    product: spec.product,
    version,
    source: SOURCE[spec.in],
    location,
    evidence: evidence ?? found[0],
    confidence: version === null ? 'low' : (spec.confidence ?? VERSIONED_CONFIDENCE[spec.in]),
  };
}

/** Every sighting the fingerprints of one place make in one text. */
export function sightAll(index: FingerprintIndex, place: FingerprintPlace, text: string, location: string): Hit[] {
  return (index.get(place) ?? []).flatMap((fingerprint) => sight(fingerprint, text, location) ?? []);
}
