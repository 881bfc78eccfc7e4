import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { detectFeedType } from '../../src/feeds/detect.js';
import { parseFeedText } from '../../src/feeds/parse.js';
import { t } from '../../src/i18n/t.js';

/** The one line a user would see for a parse error. */
function errorOf(run: () => unknown): { line: string; file: string | undefined; at: number | undefined } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { line: t('en', error.messageId, error.params), file: error.file, at: error.line };
  }
  throw new Error('expected an InputError');
}

const kev = (vulnerabilities: unknown[]) => JSON.stringify({ title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2024.07.10', dateReleased: '2024-07-10T15:00:00Z', count: vulnerabilities.length, vulnerabilities });
const kevEntry = (cve: string, dateAdded: string, ransomware = 'Unknown') => ({ cveID: cve, vendorProject: 'OpenSSH', product: 'OpenSSH', vulnerabilityName: 'x', dateAdded, shortDescription: 'x', requiredAction: 'x', dueDate: '2024-08-01', knownRansomwareCampaignUse: ransomware, notes: '', cwes: [] });

describe('CISA KEV', () => {
  it('gives one entry per vulnerability; version = catalogVersion, data date = newest dateAdded', () => {
    const feed = parseFeedText(kev([kevEntry('CVE-2023-1111', '2024-07-01', 'Known'), kevEntry('CVE-2024-2222', '2024-07-09'), kevEntry('CVE-2022-3333', '2022-01-05')]), 'kev.json');
    expect(feed.source).toBe('kev');
    expect(feed.version).toBe('2024.07.10');
    expect(feed.dataDate).toBe('2024-07-09');
    expect(feed.records.kev).toHaveLength(3);
    expect(feed.records.kev[0]).toEqual({ cve: 'CVE-2023-1111', vendorProject: 'OpenSSH', product: 'OpenSSH', name: 'x', dateAdded: '2024-07-01', dueDate: '2024-08-01', ransomware: true });
    expect(feed.records.kev[1]!.ransomware).toBe(false);
  });

  it('names the file and the field of a malformed entry', () => {
    const bad = kevEntry('CVE-2024-2222', '9 July 2024');
    const error = errorOf(() => parseFeedText(kev([kevEntry('CVE-2023-1111', '2024-07-01'), bad]), '/data/kev.json'));
    expect(error.file).toBe('/data/kev.json');
    expect(error.line).toContain('vulnerabilities[1].dateAdded');
    expect(error.line).toContain('YYYY-MM-DD');
    expect(error.line).not.toContain('\n');
  });

  it('rejects JSON cut short with a one-line error', () => {
    const error = errorOf(() => parseFeedText(kev([kevEntry('CVE-2023-1111', '2024-07-01')]).slice(0, 120), 'kev.json'));
    expect(error.line).toMatch(/^not valid JSON \(.+\): the file is damaged or cut short/);
  });
});

const retire = {
  'retire-example': { vulnerabilities: [{ below: '0.0.2', severity: 'low', identifiers: { CVE: ['CVE-XXXX-XXXX'] } }], extractors: { filename: ['retire-example-(§§version§§)'] } },
  jquery: {
    vulnerabilities: [
      { below: '1.6.3', severity: 'medium', identifiers: { summary: 'XSS with location.hash', CVE: ['CVE-2011-4969'], githubID: 'GHSA-579v-mp3v-rrw5' }, info: ['https://nvd.nist.gov/vuln/detail/CVE-2011-4969'] },
      { atOrAbove: '1.8.0', below: '2.2.0', severity: 'medium', identifiers: { summary: 'parseHTML() executes scripts in event handlers', issue: '11974' }, info: [] },
      { above: '3.0.0', atOrBelow: '3.4.1', severity: 'low', identifiers: { retid: '73' } },
    ],
    extractors: { uri: ['/(§§version§§)/jquery(\\.min)?\\.js'], filename: ['jquery-(§§version§§)(\\.min)?\\.js'], filecontent: ['/\\*!? jQuery v(§§version§§)'], hashes: { '0123abcd': '1.8.1' }, func: ['jQuery.fn.jquery'] },
  },
  'dont check': { extractors: { uri: ['^https?://www.google-analytics.com/ga.js'] } },
};

describe('retire.js', () => {
  const feed = parseFeedText(JSON.stringify(retire), 'jsrepository-v4.json');

  it('gives one advisory per vulnerability, skipping the example and "dont check"', () => {
    expect(feed.source).toBe('retirejs');
    expect(feed.records.advisories.map((a) => a.package)).toEqual(['jquery', 'jquery', 'jquery']);
    expect(feed.records.advisories[0]).toEqual({
      id: 'CVE-2011-4969',
      source: 'retirejs',
      ecosystem: 'retire.js',
      package: 'jquery',
      ranges: [{ scheme: 'semver', intervals: [{ fromInclusive: false, to: '1.6.3', toInclusive: false }] }],
      versions: [],
      cves: ['CVE-2011-4969'],
      aliases: ['GHSA-579v-mp3v-rrw5'],
      cvss: null,
      severity: 'medium',
      summary: 'XSS with location.hash',
      references: ['https://nvd.nist.gov/vuln/detail/CVE-2011-4969'],
    });
  });

  it('maps atOrAbove/above/below/atOrBelow onto inclusive and exclusive bounds', () => {
    expect(feed.records.advisories[1]!.ranges[0]!.intervals).toEqual([{ from: '1.8.0', fromInclusive: true, to: '2.2.0', toInclusive: false }]);
    expect(feed.records.advisories[2]!.ranges[0]!.intervals).toEqual([{ from: '3.0.0', fromInclusive: false, to: '3.4.1', toInclusive: true }]);
    expect(feed.records.advisories[1]!.aliases).toEqual(['issue:11974']);
    expect(feed.records.advisories[2]!.id).toBe('retid:73');
    expect(feed.records.advisories[2]!.severity).toBe('low');
  });

  it('keeps each library extractor (filename, uri, filecontent, hashes)', () => {
    expect(feed.records.jsExtractors).toEqual([
      { library: 'jquery', filename: ['jquery-(§§version§§)(\\.min)?\\.js'], uri: ['/(§§version§§)/jquery(\\.min)?\\.js'], filecontent: ['/\\*!? jQuery v(§§version§§)'], hashes: { '0123abcd': '1.8.1' } },
    ]);
  });

  it('rejects a library whose vulnerabilities are not a list', () => {
    const error = errorOf(() => parseFeedText(JSON.stringify({ jquery: { vulnerabilities: [{ below: 3 }] } }), 'repo.json', 'retirejs'));
    expect(error.line).toContain('jquery.vulnerabilities[0].below');
  });
});

const nginxYaml = `title: nginx
category: server-app
releases:
  - releaseCycle: "1.27"
    releaseDate: 2024-05-28
    eol: false
    latest: "1.27.3"
    latestReleaseDate: 2024-11-26

  - releaseCycle: "1.26"
    releaseDate: 2024-04-23
    eol: 2025-04-23
    eoas: 2024-05-28
    latest: "1.26.2"
    latestReleaseDate: 2024-08-14
`;

describe('endoflife.date products', () => {
  it('reads the YAML: cycle, dates, eol as date or boolean, eoas as support; product from the file name', () => {
    const feed = parseFeedText(nginxYaml, 'products/nginx.yaml');
    expect(feed.source).toBe('endoflife');
    expect(feed.dataDate).toBe('2024-11-26');
    expect(feed.records.lifecycles).toEqual([
      { product: 'nginx', cycle: '1.27', releaseDate: '2024-05-28', eol: false, support: null, extendedSupport: null, latest: '1.27.3', lts: false },
      { product: 'nginx', cycle: '1.26', releaseDate: '2024-04-23', eol: '2025-04-23', support: '2024-05-28', extendedSupport: null, latest: '1.26.2', lts: false },
    ]);
  });

  it('reads a Markdown file by its front matter', () => {
    const feed = parseFeedText(`---\n${nginxYaml}---\n\n> nginx is a web server.\n`, 'nginx.md');
    expect(feed.records.lifecycles.map((c) => `${c.product} ${c.cycle}`)).toEqual(['nginx 1.27', 'nginx 1.26']);
  });

  it("reads the public API's JSON array; unquoted numbers become text, an LTS date means LTS", () => {
    const api = [
      { cycle: '22', releaseDate: '2024-04-24', eol: '2027-04-30', latest: '22.11.0', lts: '2024-10-29', support: '2025-10-21', extendedSupport: false },
      { cycle: 23, releaseDate: '2024-10-16', eol: '2025-06-01', latest: '23.3.0', lts: false, support: '2025-04-01' },
    ];
    const feed = parseFeedText(JSON.stringify(api), 'nodejs.json');
    expect(feed.source).toBe('endoflife');
    expect(feed.records.lifecycles[0]).toEqual({ product: 'nodejs', cycle: '22', releaseDate: '2024-04-24', eol: '2027-04-30', support: '2025-10-21', extendedSupport: false, latest: '22.11.0', lts: true });
    expect(feed.records.lifecycles[1]!.cycle).toBe('23');
    expect(feed.records.lifecycles[1]!.lts).toBe(false);
  });

  it('names the YAML line of a bad date', () => {
    const error = errorOf(() => parseFeedText(nginxYaml.replace('eol: 2025-04-23', 'eol: next year'), 'nginx.yaml'));
    expect(error.file).toBe('nginx.yaml');
    expect(error.at).toBe(12);
    expect(error.line).toContain('releases[1].eol');
  });

  it('counts front-matter lines from the top of the Markdown file', () => {
    const error = errorOf(() => parseFeedText(`---\n${nginxYaml.replace('eol: 2025-04-23', 'eol: soon')}---\n`, 'nginx.md'));
    expect(error.at).toBe(13);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = errorOf(() => parseFeedText('releases:\n  - releaseCycle: "1"\n   eol: [\n', 'broken.yaml'));
    expect(error.file).toBe('broken.yaml');
    expect(error.line).toMatch(/^YAML syntax error/);
  });
});

describe('endoflife.date release-data', () => {
  it('gives every version with its date; product from the file name', () => {
    const text = JSON.stringify({ releases: {}, versions: { '1.27.3': { name: '1.27.3', date: '2024-11-26' }, '1.27.2': { name: '1.27.2', date: '2024-10-02' }, '0.1.0': { name: '0.1.0' } } });
    const feed = parseFeedText(text, 'release-data/nginx.json');
    expect(feed.source).toBe('endoflife-releases');
    expect(feed.dataDate).toBe('2024-11-26');
    expect(feed.records.releases).toEqual([
      { product: 'nginx', version: '1.27.3', date: '2024-11-26' },
      { product: 'nginx', version: '1.27.2', date: '2024-10-02' },
      { product: 'nginx', version: '0.1.0', date: null },
    ]);
  });

  it('rejects a version without a usable date', () => {
    const error = errorOf(() => parseFeedText(JSON.stringify({ versions: { '1.0': { name: '1.0', date: 'yesterday' } } }), 'x.json'));
    expect(error.line).toContain('versions.1.0.date');
  });
});

describe('format detection', () => {
  it('tells the formats apart by content, whatever the file is called', () => {
    expect(detectFeedType(JSON.parse(kev([])))).toBe('kev');
    expect(detectFeedType(retire)).toBe('retirejs');
    expect(detectFeedType({ id: 'GHSA-x', modified: '2024-01-01T00:00:00Z' })).toBe('osv');
    expect(detectFeedType([{ id: 'GHSA-x', modified: '2024-01-01T00:00:00Z' }])).toBe('osv');
    expect(detectFeedType({ releases: {}, versions: {} })).toBe('endoflife-releases');
    expect(detectFeedType({ releases: [{ releaseCycle: '1' }] })).toBe('endoflife');
    expect(detectFeedType([{ cycle: '1' }])).toBe('endoflife');
    expect(detectFeedType({ $schema: 'http://json-schema.org/draft-07/schema#', properties: {} })).toBeNull();
    expect(detectFeedType([])).toBeNull();
    expect(detectFeedType('text')).toBeNull();
  });

  it('asks for --type when it cannot tell, and --type overrides detection', () => {
    expect(errorOf(() => parseFeedText('{"hello": "world"}', 'x.json')).line).toContain('--type');
    expect(errorOf(() => parseFeedText(kev([]), 'kev.json', 'osv')).line).toContain('not a valid osv feed');
    expect(errorOf(() => parseFeedText('  \n', 'empty.json')).line).toContain('empty');
  });

  it('finds no feed in Markdown without front matter', () => {
    expect(errorOf(() => parseFeedText('# README\n\nSome text.\n', 'README.md')).line).toContain('cannot tell which feed');
  });
});
