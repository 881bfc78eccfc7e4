import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';
import { InputError } from '../core/errors.js';

/** OSV entries are a few kB; anything this large is not one (or is a zip bomb). */
const MAX_ENTRY_MB = 64;

export interface ZipDocument {
  /** The entry's path inside the archive. */
  entry: string;
  bytes: Buffer;
}

/** Whether these leading bytes open a zip archive (a local file header or an empty archive's end record). */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06));
}

/**
 * The *.json entries of a zip archive, one at a time: the archive is read from disk entry by entry
 * (yauzl reads the central directory, then each entry on demand), never whole into memory.
 */
export async function* zipJsonEntries(path: string): AsyncGenerator<ZipDocument> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true });
  } catch (error) {
    throw new InputError('feeds.badZip', { file: path, detail: (error as Error).message });
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || !/\.json$/i.test(entry.fileName)) continue;
      if (entry.uncompressedSize > MAX_ENTRY_MB * 2 ** 20) throw new InputError('feeds.entryTooLarge', { file: path, entry: entry.fileName, limit: MAX_ENTRY_MB });
      yield { entry: entry.fileName, bytes: await buffer(await zip.openReadStreamPromise(entry)) };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('feeds.badZip', { file: path, detail: (error as Error).message });
  } finally {
    zip.close();
  }
}
