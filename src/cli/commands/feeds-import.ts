import type { Command } from 'commander';
import { countRecords, type FeedType } from '../../core/model/feed-records.js';
import { loadFeeds, type LoadedFeed } from '../../feeds/load.js';
import { t } from '../../i18n/t.js';
import { Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../format.js';
import { safeUser } from '../process-info.js';
import { redactArgs } from '../../store/location.js';

/** Wide enough for the longest feed type, endoflife-releases. */
const TYPE_WIDTH = 18;

/**
 * `rasoat feeds import <path...> [--type]`: each path read and checked whole before anything of it
 * is stored; each feed replaces its previous copy in one transaction. The first broken path stops
 * the command (exit 2); feeds imported before it stay.
 */
export async function feedsImportAction(ctx: CliContext, command: Command): Promise<number> {
  const paths = (command.processedArgs[0] as string[] | undefined) ?? [];
  const { type } = command.opts<{ type?: FeedType }>();
  const by = { actor: ctx.config.auditor ?? safeUser(), command: redactArgs(process.argv.slice(2)).join(' ') };
  let store: Store | null = null;
  try {
    for (const path of paths) {
      const started = ctx.clock.monotonic();
      const { feeds, skipped } = await loadFeeds(path, type);
      const loadMs = ctx.clock.monotonic() - started;
      for (const file of skipped) ctx.stderr.write(`${t(ctx.lang, 'feeds.skipped', { file })}\n`);
      // Opened (and created when missing) only once there is something valid to store.
      store ??= await Store.open(ctx.dbPath, { readonly: false });
      const total = feeds.reduce((sum, feed) => sum + countRecords(feed.records), 0);
      for (const feed of feeds) {
        const storeStarted = ctx.clock.monotonic();
        await store.feeds.replace(statusOf(feed, ctx), feed.records, by);
        const records = countRecords(feed.records);
        // A directory's reading time is shared among its feeds by their size.
        const ms = ctx.clock.monotonic() - storeStarted + (total > 0 ? (loadMs * records) / total : loadMs / feeds.length);
        ctx.stdout.write(`${line(ctx, feed, records, ms)}\n`);
      }
    }
  } finally {
    await store?.close();
  }
  return EXIT.ok;
}

function statusOf(feed: LoadedFeed, ctx: CliContext) {
  return { source: feed.source, name: feed.name, version: feed.version, dataDate: feed.dataDate, importedAt: new Date(ctx.clock.now()).toISOString(), records: countRecords(feed.records), sha256: feed.sha256 };
}

function line(ctx: CliContext, feed: LoadedFeed, records: number, ms: number): string {
  const seconds = Math.max(ms, 0.001) / 1000;
  return t(ctx.lang, 'feeds.imported', {
    type: feed.source.padEnd(TYPE_WIDTH),
    name: feed.name,
    records: formatNumber(records, ctx.lang),
    seconds: formatNumber(seconds, ctx.lang, 2),
    rate: formatNumber(Math.round(records / seconds), ctx.lang),
  });
}
