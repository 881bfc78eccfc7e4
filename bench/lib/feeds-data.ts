import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syntheticDebian } from '../../fixtures/feeds/osv-samples.js';
import { zipArchive } from '../../fixtures/feeds/zip-writer.js';

export interface SyntheticOsv {
  /** A directory of one JSON file per advisory, as OSV's all.zip unpacks. */
  directory: string;
  /** The same records as Debian/all.zip. */
  zip: string;
  /** The same records as one JSON array. */
  array: string;
  advisories: number;
}

/** A synthetic OSV dump of `count` Debian advisories in three forms, under `root`. */
export async function writeSyntheticOsv(root: string, count: number): Promise<SyntheticOsv> {
  const directory = join(root, 'osv-debian');
  const zipDir = join(root, 'Debian');
  await mkdir(directory, { recursive: true });
  await mkdir(zipDir, { recursive: true });
  const records = Array.from({ length: count }, (_, i) => syntheticDebian(i + 1));
  const entries = records.map((record) => ({ name: `${record.id as string}.json`, content: JSON.stringify(record) }));
  for (let i = 0; i < entries.length; i += 500) {
    await Promise.all(entries.slice(i, i + 500).map((e) => writeFile(join(directory, e.name), e.content)));
  }
  const zip = join(zipDir, 'all.zip');
  await writeFile(zip, zipArchive(entries));
  const array = join(root, 'debian-osv.json');
  await writeFile(array, JSON.stringify(records));
  return { directory, zip, array, advisories: count };
}
