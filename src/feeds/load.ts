import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { FeedType } from '../core/model/feed-records.js';
import { decodeDocument } from './decode.js';
import { appendFeed, mergeFeeds, type ParsedFeed } from './parsed-feed.js';
import { parseDecoded, parseFeedText } from './parse.js';
import { isZip, zipJsonEntries } from './zip.js';

/** One feed read from a path: its records, the name it is stored under, and the hash of what was read. */
export interface LoadedFeed extends ParsedFeed {
  name: string;
  sha256: string;
}

export interface LoadResult {
  feeds: LoadedFeed[];
  /** Files of a directory or archive that hold no feed rasoat reads (a README, a JSON Schema). */
  skipped: string[];
}

const DOCUMENT = /\.(json|ya?ml|md)$/i;

/**
 * Reads a feed file, a directory of them or an OSV zip. A file is one feed; a directory or archive
 * is one feed per type found in it, named after it. Any document that cannot be read fails the
 * whole path (a one-line InputError naming the file), so nothing of a broken feed is imported.
 */
export async function loadFeeds(path: string, type?: FeedType): Promise<LoadResult> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'feeds.notFound' : 'feeds.unreadable', { file: path, detail: error.code ?? error.message });
  });
  if (info.isDirectory()) return loadDirectory(path, type);
  if (await startsAsZip(path)) return loadZip(path, type);
  const bytes = await readOrFail(path);
  const feed = parseFeedText(bytes.toString('utf8'), path, type);
  return { feeds: [{ ...feed, name: feedName(path), sha256: sha256(bytes) }], skipped: [] };
}

/**
 * The name a feed is kept under: its file or directory name; OSV publishes every ecosystem's dump
 * as all.zip, so that one is named with its folder ("Debian/all.zip").
 */
export function feedName(path: string): string {
  const name = basename(resolve(path));
  return name.toLowerCase() === 'all.zip' ? `${basename(dirname(resolve(path)))}/${name}` : name;
}

async function loadDirectory(path: string, type: FeedType | undefined): Promise<LoadResult> {
  const entries = await readdir(path, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError('feeds.unreadable', { file: path, detail: error.code ?? error.message });
  });
  const files = entries.filter((e) => e.isFile() && DOCUMENT.test(e.name)).map((e) => e.name).sort();
  // Read synchronously: an OSV directory holds tens of thousands of small files, and an
  // asynchronous read each spent most of the import waiting on the thread pool.
  const documents = (function* () {
    for (const name of files) yield { name, file: join(path, name), bytes: readOrFailSync(join(path, name)) };
  })();
  return collect(path, documents, type);
}

async function loadZip(path: string, type: FeedType | undefined): Promise<LoadResult> {
  const documents = (async function* () {
    for await (const { entry, bytes } of zipJsonEntries(path)) yield { name: entry, file: `${path}:${entry}`, bytes };
  })();
  // The archive's own hash: the same download always has the same one.
  return collect(path, documents, type, () => hashOfFile(path));
}

interface Document {
  name: string;
  file: string;
  bytes: Buffer;
}

/**
 * Parses each document and gathers them by type. The hash is the file's when given, else (a
 * directory) one running hash of every document's name, length and bytes, in name order.
 */
async function collect(path: string, documents: AsyncIterable<Document> | Iterable<Document>, type: FeedType | undefined, fileHash?: () => Promise<string>): Promise<LoadResult> {
  const byType = new Map<FeedType, ParsedFeed>();
  const skipped: string[] = [];
  const running = fileHash ? null : createHash('sha256');
  for await (const doc of documents) {
    running?.update(`${doc.name}\0${doc.bytes.length}\0`).update(doc.bytes);
    const parsed = parseDecoded(decodeDocument(doc.bytes.toString('utf8'), doc.file), doc.file, type);
    if (!parsed) {
      skipped.push(doc.file);
      continue;
    }
    const gathered = byType.get(parsed.source);
    if (gathered) appendFeed(gathered, parsed);
    else byType.set(parsed.source, mergeFeeds(parsed.source, [parsed]));
  }
  if (byType.size === 0) throw new InputError('feeds.noFeeds', { file: path });
  const sha = fileHash ? await fileHash() : running!.digest('hex');
  const feeds = [...byType.values()].map((feed) => ({ ...feed, name: feedName(path), sha256: sha }));
  return { feeds, skipped };
}

async function startsAsZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return isZip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function readOrFailSync(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError('feeds.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

async function readOrFail(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError('feeds.unreadable', { file, detail: error.code ?? error.message });
  });
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function hashOfFile(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error: NodeJS.ErrnoException) => reject(new InputError('feeds.unreadable', { file: path, detail: error.code ?? error.message })))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
