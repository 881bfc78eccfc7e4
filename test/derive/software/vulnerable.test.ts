import { describe, expect, it } from 'vitest';
import { EMPTY_KNOWLEDGE, type Advisory, type Knowledge } from '../../../src/core/model/knowledge.js';
import type { ObservationData } from '../../../src/core/model/observation.js';
import { indexKnowledge } from '../../../src/derive/software/knowledge-index.js';
import { vulnerabilityOf } from '../../../src/derive/software/vulnerable.js';
import { builtinRulesDir, loadRules } from '../../../src/rules/load.js';

const book = loadRules([builtinRulesDir()]);
const { products, advisories: builtin } = book.software;
type Product = ObservationData['software.product'];

function product(over: Partial<Product>): Product {
  return { port: 22, site: null, product: 'openssh', version: '9.2p1', distro: null, source: 'banner', location: 'tcp/22', evidence: '', confidence: 'high', ...over };
}

const debian = (packageVersion: string | null, release: string | null = '12') => ({ name: 'debian', release, packageVersion });

function osv(id: string, ecosystem: string, pkg: string, fixed: string, cves: string[], cvss: number | null = 8.1): Advisory {
  return {
    id,
    source: 'osv',
    ecosystem,
    package: pkg,
    ranges: [{ scheme: 'debian', intervals: [{ fromInclusive: true, to: fixed, toInclusive: false }] }],
    versions: [],
    cves,
    aliases: [],
    cvss,
    severity: null,
    summary: '',
    references: [],
  };
}

const feeds = (advisories: Advisory[], kev: Knowledge['kev'] = []): Knowledge => ({
  ...EMPTY_KNOWLEDGE,
  advisories,
  kev,
  feeds: [{ source: 'osv', name: 'test.json', version: null, dataDate: '2026-11-01', importedAt: '2026-11-02T00:00:00Z', records: advisories.length, sha256: 'x' }],
});

describe('vulnerable versions (rasoat data for CVE-2024-6387, regreSSHion)', () => {
  const index = indexKnowledge(EMPTY_KNOWLEDGE, builtin, products);

  it('reports an upstream OpenSSH in the affected range, with the fix and the CVSS', () => {
    expect(vulnerabilityOf(product({ version: '9.2p1' }), index)).toMatchObject({ priority: 'high', cves: ['CVE-2024-6387'], maxCvss: 8.1, fixedIn: '9.8p1', confidence: 'high', kev: false });
    expect(vulnerabilityOf(product({ version: '4.3p2' }), index)).toMatchObject({ cves: ['CVE-2024-6387'], fixedIn: '4.4p1' });
  });

  it('leaves versions outside the ranges alone', () => {
    for (const version of ['9.8p1', '9.9p2', '8.4p1', '4.4p1', '7.4']) expect(vulnerabilityOf(product({ version }), index), version).toBeNull();
  });

  it('does not report a Debian 12 build that carries the fix, and reports one that does not', () => {
    expect(vulnerabilityOf(product({ distro: debian('1:9.2p1-2+deb12u3') }), index)).toBeNull();
    expect(vulnerabilityOf(product({ distro: debian('1:9.2p1-2+deb12u10') }), index)).toBeNull();
    expect(vulnerabilityOf(product({ distro: debian('1:9.2p1-2+deb12u2') }), index)).toMatchObject({ priority: 'high', confidence: 'high', fixedIn: '1:9.2p1-2+deb12u3' });
    expect(vulnerabilityOf(product({ distro: debian('1:9.2p1-2', null) }), index)).toMatchObject({ priority: 'high', cves: ['CVE-2024-6387'] });
  });

  it('judges an Ubuntu build of unknown release by the release with the same upstream version', () => {
    const ubuntu = (packageVersion: string) => ({ name: 'ubuntu', release: null, packageVersion });
    expect(vulnerabilityOf(product({ version: '8.9p1', distro: ubuntu('1:8.9p1-3ubuntu0.10') }), index)).toBeNull();
    expect(vulnerabilityOf(product({ version: '8.9p1', distro: ubuntu('1:8.9p1-3ubuntu0.6') }), index)).toMatchObject({ priority: 'high', confidence: 'high' });
    expect(vulnerabilityOf(product({ version: '9.6p1', distro: ubuntu('1:9.6p1-3ubuntu13.3') }), index)).toBeNull();
  });

  it('calls a distribution build without a package revision, or without that distribution\'s data, not conclusive', () => {
    const apache = product({ product: 'apache-http-server', version: '2.4.49', distro: { name: 'debian', release: null, packageVersion: null }, port: 80 });
    expect(vulnerabilityOf(apache, index)).toMatchObject({ priority: 'inconclusive', confidence: 'low', cves: ['CVE-2021-41773', 'CVE-2021-42013'] });
    const rhel = product({ distro: { name: 'rhel', release: '9', packageVersion: '8.7p1-38.el9' }, version: '8.7p1' });
    expect(vulnerabilityOf(rhel, index)).toMatchObject({ priority: 'inconclusive', confidence: 'low' });
  });
});

describe('vulnerable versions with imported feeds', () => {
  it('trusts the distribution data over the upstream range once it is imported', () => {
    const index = indexKnowledge(feeds([osv('DSA-9999-1', 'Debian:12', 'nginx', '1.22.1-9+deb12u2', ['CVE-2099-0001'])]), builtin, products);
    const nginx = (packageVersion: string) => product({ product: 'nginx', version: '1.22.1', port: 80, distro: debian(packageVersion) });
    expect(vulnerabilityOf(nginx('1.22.1-9+deb12u1'), index)).toMatchObject({ cves: ['CVE-2099-0001'], fixedIn: '1.22.1-9+deb12u2' });
    expect(vulnerabilityOf(nginx('1.22.1-9+deb12u2'), index)).toBeNull();
  });

  it('raises a flaw listed in CISA KEV to known-exploited, and marks ransomware use', () => {
    const kev = [{ cve: 'CVE-2021-41773', vendorProject: 'Apache', product: 'HTTP Server', name: 'x', dateAdded: '2021-11-03', dueDate: null, ransomware: true }];
    const index = indexKnowledge(feeds([], kev), builtin, products);
    const verdict = vulnerabilityOf(product({ product: 'apache-http-server', version: '2.4.49', port: 80 }), index);
    expect(verdict).toMatchObject({ priority: 'known-exploited', kev: true, kevCves: ['CVE-2021-41773'], ransomware: true, maxCvss: 9.8, cveCount: 2 });
  });

  it('matches retire.js ranges for a JavaScript library by its retire.js name', () => {
    const advisory: Advisory = { ...osv('retire-1', 'retire.js', 'moment.js', '2.29.4', ['CVE-2022-31129'], null), severity: 'high', ranges: [{ scheme: 'semver', intervals: [{ from: '2.18.0', fromInclusive: true, to: '2.29.4', toInclusive: false }] }] };
    const index = indexKnowledge(feeds([advisory]), builtin, products);
    const moment = (version: string) => product({ product: 'moment', version, port: 443, site: 'https://a', source: 'content' });
    expect(vulnerabilityOf(moment('2.18.1'), index)).toMatchObject({ priority: 'high', maxCvss: null, cves: ['CVE-2022-31129'] });
    expect(vulnerabilityOf(moment('2.29.4'), index)).toBeNull();
    expect(vulnerabilityOf(moment('2.17.0'), index)).toBeNull();
  });

  it('keeps advisories without a CVE by their own id', () => {
    const advisory: Advisory = { ...osv('GHSA-xxxx', 'npm', 'lodash', '4.17.21', [], 7.2), ranges: [{ scheme: 'semver', intervals: [{ fromInclusive: true, to: '4.17.21', toInclusive: false }] }] };
    const index = indexKnowledge(feeds([advisory]), builtin, products);
    expect(vulnerabilityOf(product({ product: 'lodash', version: '4.17.4', port: 443 }), index)).toMatchObject({ cves: [], advisories: ['GHSA-xxxx'], priority: 'high' });
  });
});
