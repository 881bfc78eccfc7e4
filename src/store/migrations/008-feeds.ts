import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/**
 * Offline feeds (rasoat feeds import): one row per imported feed, and its records by kind, each
 * row tied to its feed so a re-import replaces exactly that feed's rows.
 */
export const feeds: Migration = {
  async up(db: Kysely<unknown>) {
    const { text, id, real } = columnTypes(db);
    await db.schema
      .createTable('feeds')
      .addColumn('id', 'integer', id)
      .addColumn('source', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('version', text)
      .addColumn('data_date', text)
      .addColumn('imported_at', text, (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('sha256', text, (c) => c.notNull())
      .addUniqueConstraint('feeds_source_name', ['source', 'name'])
      .execute();

    await db.schema
      .createTable('advisories')
      .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id'))
      .addColumn('advisory_id', text, (c) => c.notNull())
      .addColumn('source', text, (c) => c.notNull())
      .addColumn('ecosystem', text, (c) => c.notNull())
      .addColumn('package', text, (c) => c.notNull())
      .addColumn('ranges_json', text, (c) => c.notNull())
      .addColumn('versions_json', text, (c) => c.notNull())
      .addColumn('cves_json', text, (c) => c.notNull())
      .addColumn('aliases_json', text, (c) => c.notNull())
      .addColumn('cvss', real)
      .addColumn('severity', text)
      .addColumn('summary', text, (c) => c.notNull())
      .addColumn('references_json', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('advisories_ecosystem_package').on('advisories').columns(['ecosystem', 'package']).execute();
    await db.schema.createIndex('advisories_package').on('advisories').column('package').execute();
    await db.schema.createIndex('advisories_feed').on('advisories').column('feed_id').execute();

    await db.schema
      .createTable('kev_entries')
      .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id'))
      .addColumn('cve', text, (c) => c.notNull())
      .addColumn('vendor_project', text, (c) => c.notNull())
      .addColumn('product', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('date_added', text, (c) => c.notNull())
      .addColumn('due_date', text)
      .addColumn('ransomware', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kev_entries_feed').on('kev_entries').column('feed_id').execute();

    await db.schema
      .createTable('lifecycle_cycles')
      .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id'))
      .addColumn('product', text, (c) => c.notNull())
      .addColumn('cycle', text, (c) => c.notNull())
      .addColumn('release_date', text)
      .addColumn('eol_json', text, (c) => c.notNull())
      .addColumn('support_json', text, (c) => c.notNull())
      .addColumn('extended_support_json', text, (c) => c.notNull())
      .addColumn('latest', text)
      .addColumn('lts', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lifecycle_cycles_feed').on('lifecycle_cycles').column('feed_id').execute();

    await db.schema
      .createTable('product_releases')
      .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id'))
      .addColumn('product', text, (c) => c.notNull())
      .addColumn('version', text, (c) => c.notNull())
      .addColumn('date', text)
      .execute();
    await db.schema.createIndex('product_releases_feed').on('product_releases').column('feed_id').execute();

    await db.schema
      .createTable('js_extractors')
      .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id'))
      .addColumn('library', text, (c) => c.notNull())
      .addColumn('filename_json', text, (c) => c.notNull())
      .addColumn('uri_json', text, (c) => c.notNull())
      .addColumn('filecontent_json', text, (c) => c.notNull())
      .addColumn('hashes_json', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('js_extractors_feed').on('js_extractors').column('feed_id').execute();
  },
};
