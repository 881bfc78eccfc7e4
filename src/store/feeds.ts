import { userInfo } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import { countRecords, type FeedRecords } from '../core/model/feed-records.js';
import type { FeedStatus, JsExtractor, Knowledge } from '../core/model/knowledge.js';
import type { BulkWriter } from './bulk.js';
import { advisoryFromRow, cycleFromRow, extractorFromRow, feedFromRow, kevFromRow, RECORD_TABLES, recordRows, releaseFromRow } from './feed-rows.js';
import type { DatabaseSchema } from './schema.js';

/** Package names per query: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** Who imported a feed, with which command: for the audit trail. */
export interface ImportedBy {
  actor: string;
  command: string;
}

export interface KnowledgeFilter {
  /** Only advisories of these package names (every KEV entry, cycle and release still). */
  packages?: readonly string[];
}

/** The imported feeds: vulnerability and lifecycle knowledge, replaced feed by feed. */
export class FeedStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly bulk: BulkWriter,
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
    /** Also written in the import's transaction: the audit trail's record of it. */
    private readonly onReplace: (status: FeedStatus, by: ImportedBy, trx: Transaction<DatabaseSchema>) => Promise<void> = async () => {},
  ) {}

  /**
   * Replaces the feed of the same source and name, records and all, in one transaction: a failed
   * or interrupted import leaves the previous copy as it was. `status.records` is recounted.
   */
  async replace(status: FeedStatus, records: FeedRecords, by: ImportedBy = { actor: systemUser(), command: 'feeds import' }): Promise<void> {
    const stored: FeedStatus = { ...status, records: countRecords(records) };
    await this.guard(() =>
      this.db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('feeds').select('id').where('source', '=', stored.source).where('name', '=', stored.name).executeTakeFirst();
        if (old) {
          for (const table of RECORD_TABLES) await trx.deleteFrom(table).where('feed_id', '=', old.id).execute();
          await trx.deleteFrom('feeds').where('id', '=', old.id).execute();
        }
        const row = await trx
          .insertInto('feeds')
          .values({ source: stored.source, name: stored.name, version: stored.version, data_date: stored.dataDate, imported_at: stored.importedAt, records: stored.records, sha256: stored.sha256 })
          .returning('id')
          .executeTakeFirstOrThrow();
        // In this transaction: on SQLite, prepared statements on the one connection Kysely holds open.
        await this.bulk.write(recordRows(row.id, records), trx);
        await this.onReplace(stored, by, trx);
      }),
    );
  }

  /** Every imported feed, by source and name. */
  async status(): Promise<FeedStatus[]> {
    const rows = await this.guard(() => this.db.selectFrom('feeds').selectAll().orderBy('source').orderBy('name').execute());
    return rows.map(feedFromRow);
  }

  /**
   * What the feeds know, for the judge. When two feeds give the same KEV entry, product cycle or
   * release (a product file imported alone and again in its directory), the later import wins.
   */
  async knowledge(filter: KnowledgeFilter = {}): Promise<Knowledge> {
    const feedRows = await this.guard(() => this.db.selectFrom('feeds').selectAll().orderBy('source').orderBy('name').execute());
    const rank = new Map([...feedRows].sort((a, b) => a.imported_at.localeCompare(b.imported_at) || a.id - b.id).map((f, i) => [f.id, i]));
    const [advisories, kev, cycles, releases] = await Promise.all([
      this.advisoryRows(filter.packages),
      this.guard(() => this.db.selectFrom('kev_entries').selectAll().execute()),
      this.guard(() => this.db.selectFrom('lifecycle_cycles').selectAll().execute()),
      this.guard(() => this.db.selectFrom('product_releases').selectAll().execute()),
    ]);
    return {
      advisories: advisories.map(advisoryFromRow),
      kev: latestBy(kev, rank, (r) => r.cve).map(kevFromRow),
      lifecycles: latestBy(cycles, rank, (r) => `${r.product}\0${r.cycle}`).map(cycleFromRow),
      releases: latestBy(releases, rank, (r) => `${r.product}\0${r.version}`).map(releaseFromRow),
      feeds: feedRows.map(feedFromRow),
    };
  }

  /** retire.js's version extractors, for the software scanner. */
  async jsExtractors(): Promise<JsExtractor[]> {
    const rows = await this.guard(() => this.db.selectFrom('js_extractors').selectAll().orderBy('library').execute());
    return rows.map(extractorFromRow);
  }

  private async advisoryRows(packages: readonly string[] | undefined) {
    if (packages === undefined) return this.guard(() => this.db.selectFrom('advisories').selectAll().execute());
    const wanted = [...new Set(packages)];
    const rows = [];
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk = wanted.slice(i, i + CHUNK);
      rows.push(...(await this.guard(() => this.db.selectFrom('advisories').selectAll().where('package', 'in', chunk).execute())));
    }
    return rows;
  }
}

/** One row per key: the one of the latest-imported feed, in first-seen order. */
function latestBy<R extends { feed_id: number }>(rows: readonly R[], rank: ReadonlyMap<number, number>, key: (row: R) => string): R[] {
  const chosen = new Map<string, R>();
  for (const row of rows) {
    const k = key(row);
    const current = chosen.get(k);
    if (!current || (rank.get(row.feed_id) ?? 0) > (rank.get(current.feed_id) ?? 0)) chosen.set(k, row);
  }
  return [...chosen.values()];
}

function systemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
