import type { Command } from 'commander';
import type { FeedStatus } from '../../core/model/knowledge.js';
import { DEFAULT_FEED_AGE_LIMITS, feedAgeDays, type FeedAgeLimits } from '../../core/model/stale-feeds.js';
import { t } from '../../i18n/t.js';
import { redactLocation } from '../../store/location.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber, table } from '../format.js';
import { positiveInt } from '../numbers.js';
import { openForReading } from '../open-store.js';

/** `rasoat feeds status [--json] [--max-age-days N]`: what was imported, how old it is, which copies are stale. */
export async function feedsStatusAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ json?: boolean; maxAgeDays?: string }>();
  const limits = limitsOf(flags.maxAgeDays);
  const store = await openForReading(ctx);
  let feeds: FeedStatus[] = [];
  if (store) {
    try {
      feeds = await store.feeds.status();
    } finally {
      await store.close();
    }
  }
  const now = ctx.clock.now();
  const rows = feeds.map((feed) => {
    const ageDays = feedAgeDays(feed, now);
    return { ...feed, ageDays, limitDays: limits[feed.source], stale: ageDays > limits[feed.source] };
  });
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    ctx.stdout.write(`${t(ctx.lang, 'feeds.none', { path: redactLocation(ctx.dbPath) })}\n`);
    return EXIT.ok;
  }
  const { lang } = ctx;
  const header = ['col.source', 'col.name', 'col.version', 'col.dataDate', 'col.imported', 'col.records', 'col.age', 'col.status'] as const;
  const cells = rows.map((r) => [r.source, r.name, r.version ?? '-', r.dataDate ?? '-', r.importedAt.slice(0, 10), formatNumber(r.records, lang), String(r.ageDays), r.stale ? t(lang, 'feeds.stale') : '']);
  ctx.stdout.write(`${table(header.map((id) => t(lang, id)), cells)}\n`);
  const stale = rows.filter((r) => r.stale).length;
  if (stale > 0) ctx.stdout.write(`${t(lang, 'feeds.staleSummary', { count: stale })}\n`);
  return EXIT.ok;
}

/** --max-age-days N applies to every source; without it each source has its own default. */
function limitsOf(value: string | undefined): FeedAgeLimits {
  if (value === undefined) return DEFAULT_FEED_AGE_LIMITS;
  const days = positiveInt(value, 0, '--max-age-days', 0);
  return Object.fromEntries(Object.keys(DEFAULT_FEED_AGE_LIMITS).map((source) => [source, days])) as FeedAgeLimits;
}
