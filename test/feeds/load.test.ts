import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { feedName, loadFeeds } from '../../src/feeds/load.js';
import { debianRegresshion, ubuntuRegresshion } from '../../fixtures/feeds/osv-samples.js';
import { zipArchive } from '../../fixtures/feeds/zip-writer.js';
import { tempDir } from '../helpers/cli.js';

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const kevText = JSON.stringify({ catalogVersion: '2024.07.10', dateReleased: '2024-07-10T00:00:00Z', vulnerabilities: [{ cveID: 'CVE-2024-6387', vendorProject: 'OpenBSD', product: 'OpenSSH', vulnerabilityName: 'x', dateAdded: '2024-07-09', dueDate: null }] });

describe('loading feed paths', () => {
  it('reads a directory of OSV records as one feed named after it, skipping files that are no feed', async () => {
    const dir = join(tempDir('rasoat-feeds-'), 'osv-debian');
    mkdirSync(dir);
    writeFileSync(join(dir, 'DSA-5724-1.json'), JSON.stringify(debianRegresshion()));
    writeFileSync(join(dir, 'USN-6859-1.json'), JSON.stringify(ubuntuRegresshion()));
    writeFileSync(join(dir, 'README.md'), '# OSV export\n');
    writeFileSync(join(dir, 'schema.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#' }));
    writeFileSync(join(dir, 'notes.txt'), 'not read at all');
    const { feeds, skipped } = await loadFeeds(dir);
    expect(feeds.map((f) => [f.source, f.name, f.records.advisories.length])).toEqual([['osv', 'osv-debian', 2]]);
    expect(skipped).toEqual([join(dir, 'README.md'), join(dir, 'schema.json')]);
    expect(feeds[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives one feed per type found in a directory', async () => {
    const dir = tempDir('rasoat-feeds-');
    writeFileSync(join(dir, 'kev.json'), kevText);
    writeFileSync(join(dir, 'nginx.yaml'), 'releases:\n  - releaseCycle: "1.26"\n    eol: false\n');
    const { feeds } = await loadFeeds(dir);
    expect(feeds.map((f) => f.source).sort()).toEqual(['endoflife', 'kev']);
  });

  it("reads OSV's all.zip entry by entry, naming it with its folder; the hash is the archive's", async () => {
    const dir = join(tempDir('rasoat-feeds-'), 'Debian');
    mkdirSync(dir);
    const zip = join(dir, 'all.zip');
    writeFileSync(zip, zipArchive([{ name: 'DSA-5724-1.json', content: JSON.stringify(debianRegresshion()) }, { name: 'USN-6859-1.json', content: JSON.stringify(ubuntuRegresshion()) }, { name: 'LICENSE', content: 'CC-BY' }]));
    const { feeds } = await loadFeeds(zip);
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.name).toBe('Debian/all.zip');
    expect(feeds[0]!.records.advisories.map((a) => `${a.ecosystem} ${a.package}`)).toEqual(['Debian:12 openssh', 'Ubuntu:22.04:LTS openssh']);
    expect(feeds[0]!.sha256).toBe(createHash('sha256').update(readFileSync(zip)).digest('hex'));
    expect(feedName('/x/nvd/feed.json')).toBe('feed.json');
  });

  it('fails the whole path, naming the file, when one document is broken', async () => {
    const dir = tempDir('rasoat-feeds-');
    writeFileSync(join(dir, 'a.json'), JSON.stringify(debianRegresshion()));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(ubuntuRegresshion()).slice(0, 50));
    const error = await failure(loadFeeds(dir));
    expect(error.messageId).toBe('feeds.badJson');
    expect(error.file).toBe(join(dir, 'b.json'));
  });

  it('names a damaged archive, a missing path and a directory without feeds', async () => {
    const dir = tempDir('rasoat-feeds-');
    const zip = zipArchive([{ name: 'a.json', content: JSON.stringify(debianRegresshion()) }]);
    writeFileSync(join(dir, 'cut.zip'), zip.subarray(0, zip.length - 30));
    expect((await failure(loadFeeds(join(dir, 'cut.zip')))).messageId).toBe('feeds.badZip');
    // A flipped byte in the entry's compressed data (after its 30-byte header and name): inflating fails or the CRC-32 differs.
    const damaged = zipArchive([{ name: 'a.json', content: JSON.stringify(debianRegresshion()) }]);
    damaged[40] = damaged[40]! ^ 0xff;
    writeFileSync(join(dir, 'damaged.zip'), damaged);
    const crc = await failure(loadFeeds(join(dir, 'damaged.zip')));
    expect(crc.messageId).toBe('feeds.badZip');
    expect((await failure(loadFeeds(join(dir, 'missing.json')))).messageId).toBe('feeds.notFound');
    mkdirSync(join(dir, 'empty'));
    expect((await failure(loadFeeds(join(dir, 'empty')))).messageId).toBe('feeds.noFeeds');
  });

  it('reads every document as the type given with --type', async () => {
    const dir = tempDir('rasoat-feeds-');
    writeFileSync(join(dir, 'kev.json'), kevText);
    const error = await failure(loadFeeds(dir, 'retirejs'));
    expect(error.messageId).toBe('feeds.invalid');
    expect(error.file).toBe(join(dir, 'kev.json'));
  });
});
