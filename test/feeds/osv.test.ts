import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { intervalsOf } from '../../src/feeds/osv.js';
import { parseFeedText } from '../../src/feeds/parse.js';
import { schemeOfEcosystem } from '../../src/derive/versions/compare.js';
import { t } from '../../src/i18n/t.js';
import { debianRegresshion, ubuntuRegresshion } from '../../fixtures/feeds/osv-samples.js';

const osv = (value: unknown) => parseFeedText(JSON.stringify(value), 'osv.json');

describe('OSV', () => {
  it('reads a Debian DSA: ecosystem, package, fixed version, CVE from upstream (CVE-2024-6387)', () => {
    const feed = osv(debianRegresshion());
    expect(feed.source).toBe('osv');
    expect(feed.version).toBe('2024-07-01T12:00:00Z');
    expect(feed.dataDate).toBe('2024-07-01');
    expect(feed.records.advisories).toEqual([
      {
        id: 'DSA-5724-1',
        source: 'osv',
        ecosystem: 'Debian:12',
        package: 'openssh',
        ranges: [{ scheme: 'debian', intervals: [{ fromInclusive: false, to: '1:9.2p1-2+deb12u3', toInclusive: false }] }],
        versions: [],
        cves: ['CVE-2024-6387'],
        aliases: ['CVE-2024-6387'],
        cvss: null,
        severity: null,
        summary: 'openssh - security update',
        references: ['https://www.debian.org/security/2024/dsa-5724'],
      },
    ]);
  });

  it('reads an Ubuntu USN: CVEs from related, explicit versions, CVSS 8.1 from the vector', () => {
    const [advisory] = osv(ubuntuRegresshion()).records.advisories;
    expect(advisory).toMatchObject({
      id: 'USN-6859-1',
      ecosystem: 'Ubuntu:22.04:LTS',
      package: 'openssh',
      ranges: [{ scheme: 'debian', intervals: [{ fromInclusive: false, to: '1:8.9p1-3ubuntu0.10', toInclusive: false }] }],
      versions: ['1:8.9p1-3', '1:8.9p1-3ubuntu0.1'],
      cves: ['CVE-2024-6387'],
      cvss: 8.1,
      severity: 'high',
      summary: 'openssh vulnerability',
    });
  });

  it('reads an array of records; the feed version is the newest modified', () => {
    const feed = osv([debianRegresshion(), ubuntuRegresshion()]);
    expect(feed.records.advisories.map((a) => a.ecosystem)).toEqual(['Debian:12', 'Ubuntu:22.04:LTS']);
    expect(feed.version).toBe('2024-07-02T08:00:00Z');
  });

  it('gives one advisory per affected package, with ECOSYSTEM and SEMVER ranges and no GIT ranges', () => {
    const record = {
      id: 'GHSA-aaaa-bbbb-cccc',
      modified: '2024-03-01T00:00:00Z',
      aliases: ['CVE-2024-0001'],
      database_specific: { severity: 'MODERATE' },
      affected: [
        { package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.3.0' }] }] },
        { package: { ecosystem: 'AlmaLinux:8', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:1.1.1k-12.el8_9' }] }] },
        { package: { ecosystem: 'Debian:11', name: 'only-git' }, ranges: [{ type: 'GIT', repo: 'https://example.org/x.git', events: [{ introduced: 'abc' }, { fixed: 'def' }] }] },
        { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
      ],
    };
    const advisories = osv(record).records.advisories;
    expect(advisories.map((a) => [a.ecosystem, a.package, a.ranges[0]!.scheme, a.severity, a.cves.join()])).toEqual([
      ['npm', 'left-pad', 'semver', 'medium', 'CVE-2024-0001'],
      ['AlmaLinux:8', 'openssl', 'rpm', 'medium', 'CVE-2024-0001'],
    ]);
    expect(advisories[0]!.ranges[0]!.intervals).toEqual([{ from: '1.0.0', fromInclusive: true, to: '1.3.0', toInclusive: true }]);
  });

  it('turns events into intervals: introduced "0" has no lower bound, a trailing introduced no upper bound', () => {
    expect(
      intervalsOf({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }, { introduced: '2.0' }, { fixed: '2.4' }, { introduced: '3.0' }] }),
    ).toEqual([
      { fromInclusive: false, to: '1.2', toInclusive: false },
      { from: '2.0', fromInclusive: true, to: '2.4', toInclusive: false },
      { from: '3.0', fromInclusive: true, toInclusive: false },
    ]);
  });

  it('prefers a CVSS v3 vector to words, takes the affected package severity first, and skips withdrawn records', () => {
    const base = { modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1.0'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }] };
    const scored = osv({ ...base, id: 'PYSEC-1', database_specific: { severity: 'LOW' } }).records.advisories[0]!;
    expect([scored.cvss, scored.severity, scored.ranges]).toEqual([9.8, 'critical', []]);
    const ubuntuWord = osv({ id: 'UBUNTU-CVE-2024-1', modified: '2024-01-01T00:00:00Z', severity: [{ type: 'Ubuntu', score: 'negligible' }], affected: [{ package: { ecosystem: 'Ubuntu:24.04:LTS', name: 'y' }, versions: ['1'] }] });
    expect(ubuntuWord.records.advisories[0]!.severity).toBe('low');
    expect(ubuntuWord.records.advisories[0]!.cves).toEqual([]);
    expect(osv({ ...base, id: 'PYSEC-2', withdrawn: '2024-02-01T00:00:00Z' }).records.advisories).toEqual([]);
  });

  it('names the record and field of a malformed one', () => {
    try {
      osv([debianRegresshion(), { ...ubuntuRegresshion(), affected: [{ package: { ecosystem: 'Ubuntu:22.04:LTS' } }] }]);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const line = t('en', (error as InputError).messageId, (error as InputError).params);
      expect(line).toContain('[1].affected[0].package.name');
      expect((error as InputError).file).toBe('osv.json');
    }
  });
});

describe('schemeOfEcosystem', () => {
  it('compares distributions as their package managers do', () => {
    const ecosystems = ['npm', 'Debian:12', 'Ubuntu:22.04:LTS', 'Red Hat', 'AlmaLinux:8', 'Rocky Linux:9', 'SUSE:Linux Enterprise Server 15 SP5', 'openSUSE:Leap 15.5', 'PyPI', 'Go'];
    expect(ecosystems.map(schemeOfEcosystem)).toEqual(['semver', 'debian', 'debian', 'rpm', 'rpm', 'rpm', 'rpm', 'rpm', 'generic', 'generic']);
  });
});
