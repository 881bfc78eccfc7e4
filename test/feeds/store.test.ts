import { describe, expect, it } from 'vitest';
import { emptyRecords, type FeedRecords } from '../../src/core/model/feed-records.js';
import type { FeedStatus } from '../../src/core/model/knowledge.js';
import { parseFeedText } from '../../src/feeds/parse.js';
import { debianRegresshion, syntheticDebian, ubuntuRegresshion } from '../../fixtures/feeds/osv-samples.js';
import { forEachBackend } from '../helpers/backends.js';


function status(name: string, importedAt: string, source: FeedStatus['source'] = 'osv'): FeedStatus {
  return { source, name, version: '2024-07-02T08:00:00Z', dataDate: '2024-07-02', importedAt, records: 0, sha256: 'a'.repeat(64) };
}

const osvRecords = (values: unknown[]): FeedRecords => parseFeedText(JSON.stringify(values), 'osv.json').records;

forEachBackend((backend) => {
  describe('store.feeds', () => {
    it('stores a feed and gives its status and its knowledge back as imported', async () => {
      const store = await backend.open();
      const records = osvRecords([debianRegresshion(), ubuntuRegresshion()]);
      await store.feeds.replace(status('Debian/all.zip', '2026-01-01T00:00:00.000Z'), records);
      expect(await store.feeds.status()).toEqual([{ ...status('Debian/all.zip', '2026-01-01T00:00:00.000Z'), records: 2 }]);
      const knowledge = await store.feeds.knowledge();
      expect(knowledge.advisories).toEqual(records.advisories);
      expect(knowledge.feeds.map((f) => f.name)).toEqual(['Debian/all.zip']);
    });

    it('replaces the rows of the same source and name on re-import, and keeps other feeds', async () => {
      const store = await backend.open();
      await store.feeds.replace(status('debian', '2026-01-01T00:00:00.000Z'), osvRecords([debianRegresshion(), ubuntuRegresshion()]));
      await store.feeds.replace(status('other', '2026-01-01T00:00:00.000Z'), osvRecords([syntheticDebian(7)]));
      await store.feeds.replace(status('debian', '2026-02-01T00:00:00.000Z'), osvRecords([syntheticDebian(1), syntheticDebian(2), syntheticDebian(3)]));
      const feeds = await store.feeds.status();
      expect(feeds.map((f) => [f.name, f.records, f.importedAt.slice(0, 10)])).toEqual([
        ['debian', 3, '2026-02-01'],
        ['other', 1, '2026-01-01'],
      ]);
      const ids = (await store.feeds.knowledge()).advisories.map((a) => a.id).sort();
      expect(ids).toEqual(['DLA-100001-1', 'DLA-100002-1', 'DLA-100003-1', 'DLA-100007-1']);
    });

    it('leaves the previous copy whole when an import fails half-way', async () => {
      const store = await backend.open();
      const good = osvRecords([debianRegresshion(), ubuntuRegresshion()]);
      await store.feeds.replace(status('debian', '2026-01-01T00:00:00.000Z'), good);
      // The third advisory breaks a NOT NULL column after two rows were already written.
      const broken = osvRecords([syntheticDebian(1), syntheticDebian(2), syntheticDebian(3)]);
      (broken.advisories[2] as { package: unknown }).package = null;
      await expect(store.feeds.replace(status('debian', '2026-03-01T00:00:00.000Z'), broken)).rejects.toThrow();
      expect((await store.feeds.status()).map((f) => [f.name, f.records, f.importedAt])).toEqual([['debian', 2, '2026-01-01T00:00:00.000Z']]);
      expect((await store.feeds.knowledge()).advisories).toEqual(good.advisories);
      expect((await store.trail.entries()).filter((e) => e.action === 'feeds-import')).toHaveLength(1);
    });

    it('gives only the advisories of the packages asked for', async () => {
      const store = await backend.open();
      await store.feeds.replace(status('mixed', '2026-01-01T00:00:00.000Z'), osvRecords([debianRegresshion(), syntheticDebian(1), syntheticDebian(2)]));
      const only = await store.feeds.knowledge({ packages: ['openssh', 'pkg2', 'absent'] });
      expect(only.advisories.map((a) => `${a.ecosystem} ${a.package}`).sort()).toEqual(['Debian:12 openssh', 'Debian:12 pkg2']);
      expect((await store.feeds.knowledge({ packages: [] })).advisories).toEqual([]);
    });

    it('keeps KEV entries, cycles, releases and JS extractors, the latest import winning a duplicate cycle', async () => {
      const store = await backend.open();
      const nginx = (eol: string): FeedRecords => ({ ...emptyRecords(), lifecycles: [{ product: 'nginx', cycle: '1.26', releaseDate: '2024-04-23', eol, support: true, extendedSupport: null, latest: '1.26.2', lts: false }] });
      await store.feeds.replace(status('products', '2026-01-01T00:00:00.000Z', 'endoflife'), nginx('2025-04-23'));
      await store.feeds.replace(status('nginx.yaml', '2026-02-01T00:00:00.000Z', 'endoflife'), nginx('2025-05-01'));
      await store.feeds.replace(status('kev.json', '2026-01-01T00:00:00.000Z', 'kev'), { ...emptyRecords(), kev: [{ cve: 'CVE-2024-6387', vendorProject: 'OpenBSD', product: 'OpenSSH', name: 'x', dateAdded: '2024-07-09', dueDate: null, ransomware: true }] });
      const extractor = { library: 'jquery', filename: ['jquery-(§§version§§).js'], uri: [], filecontent: ['jQuery v(§§version§§)'], hashes: { abc: '1.8.1' } };
      await store.feeds.replace(status('repo.json', '2026-01-01T00:00:00.000Z', 'retirejs'), { ...emptyRecords(), jsExtractors: [extractor], releases: [{ product: 'jquery', version: '1.8.1', date: null }] });
      const knowledge = await store.feeds.knowledge();
      expect(knowledge.lifecycles).toEqual([{ product: 'nginx', cycle: '1.26', releaseDate: '2024-04-23', eol: '2025-05-01', support: true, extendedSupport: null, latest: '1.26.2', lts: false }]);
      expect(knowledge.kev).toEqual([{ cve: 'CVE-2024-6387', vendorProject: 'OpenBSD', product: 'OpenSSH', name: 'x', dateAdded: '2024-07-09', dueDate: null, ransomware: true }]);
      expect(knowledge.releases).toEqual([{ product: 'jquery', version: '1.8.1', date: null }]);
      expect(await store.feeds.jsExtractors()).toEqual([extractor]);
    });

    it('records each import in the audit trail, chained like every other entry', async () => {
      const store = await backend.open();
      await store.feeds.replace(status('debian', '2026-01-01T00:00:00.000Z'), osvRecords([debianRegresshion()]), { actor: 'auditor-a', command: 'feeds import all.zip' });
      const [entry] = await store.trail.entries();
      expect(entry).toMatchObject({ action: 'feeds-import', actor: 'auditor-a', command: 'feeds import all.zip', auditId: null, detail: { source: 'osv', name: 'debian', version: '2024-07-02T08:00:00Z', records: 1, sha256: 'a'.repeat(64) } });
      expect((await store.trail.verify()).broken).toBeNull();
    });
  });
});
