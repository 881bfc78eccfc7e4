import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../../src/core/model/knowledge.js';
import { affected, distroBuildOf, ecosystemsFor, inInterval, schemeOfEcosystem } from '../../../src/derive/versions/index.js';

// CVE-2024-6387 (regreSSHion) as OSV gives it for upstream OpenSSH and for Debian 12.
const UPSTREAM: Pick<Advisory, 'ecosystem' | 'ranges' | 'versions'> = {
  ecosystem: 'upstream',
  ranges: [{ scheme: 'generic', intervals: [{ from: '8.5p1', fromInclusive: true, to: '9.8p1', toInclusive: false }] }],
  versions: [],
};
const DEBIAN_12: Pick<Advisory, 'ecosystem' | 'ranges' | 'versions'> = {
  ecosystem: 'Debian:12',
  ranges: [{ scheme: 'debian', intervals: [{ from: '0', fromInclusive: true, to: '1:9.2p1-2+deb12u3', toInclusive: false }] }],
  versions: [],
};

describe('the public API, end to end: a Debian backport is not the upstream version', () => {
  it('OpenSSH_9.2p1 Debian-2+deb12u3: upstream 9.2p1 is in range, the Debian 12 package is fixed', () => {
    expect(affected(schemeOfEcosystem(UPSTREAM.ecosystem), '9.2p1', UPSTREAM.ranges, UPSTREAM.versions)).toBe(true);
    const distro = distroBuildOf({ version: '9.2p1', comment: 'Debian-2+deb12u3', debianEpoch: 1 });
    expect(distro).not.toBeNull();
    const deciding = ecosystemsFor(distro!, ['Debian:11', 'Debian:12', 'Ubuntu:22.04:LTS']);
    expect(deciding).toEqual([DEBIAN_12.ecosystem]);
    expect(affected(schemeOfEcosystem(deciding[0]!), distro!.packageVersion!, DEBIAN_12.ranges, DEBIAN_12.versions)).toBe(false);
  });

  it('the revision before the fix is affected', () => {
    const distro = distroBuildOf({ version: '9.2p1', comment: 'Debian-2+deb12u2', debianEpoch: 1 });
    expect(affected('debian', distro!.packageVersion!, DEBIAN_12.ranges, DEBIAN_12.versions)).toBe(true);
    expect(inInterval('debian', distro!.packageVersion!, DEBIAN_12.ranges[0]!.intervals[0]!)).toBe(true);
  });
});
