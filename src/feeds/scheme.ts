import type { VersionScheme } from '../core/model/knowledge.js';

/**
 * How versions of an OSV ecosystem compare: "Debian:12" and "Ubuntu:22.04:LTS" compare as dpkg
 * does, Red Hat and its rebuilds and SUSE as rpm does, npm as semver. Others fall back to generic.
 * (Local to the feeds for now; the version comparators of src/derive/versions will own it.)
 */
export function schemeOfEcosystem(ecosystem: string): VersionScheme {
  let scheme = known.get(ecosystem);
  if (scheme === undefined) {
    scheme = schemeOfFamily(ecosystem);
    known.set(ecosystem, scheme);
  }
  return scheme;
}

/** A dump names a few ecosystems tens of thousands of times. */
const known = new Map<string, VersionScheme>();

function schemeOfFamily(ecosystem: string): VersionScheme {
  const family = (ecosystem.split(':')[0] ?? '').trim().toLowerCase();
  if (family === 'npm') return 'semver';
  if (family === 'debian' || family === 'ubuntu') return 'debian';
  if (['red hat', 'almalinux', 'rocky linux', 'suse', 'opensuse'].includes(family)) return 'rpm';
  if (family === 'retire.js') return 'dotted';
  return 'generic';
}
