import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/**
 * Triage decisions (accepted risk, false positive, reopened), one row per decision, never updated:
 * the latest row of a fingerprint is its status, the earlier ones are the record of who changed it.
 * Keyed by fingerprint, not by audit, so a decision carries to later audits of the same asset.
 */
export const triage: Migration = {
  async up(db: Kysely<unknown>) {
    const { text, id } = columnTypes(db);
    await db.schema
      .createTable('triage')
      .addColumn('id', 'integer', id)
      .addColumn('fingerprint', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('actor', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('audit_id', 'integer')
      .execute();
    await db.schema.createIndex('triage_fingerprint').on('triage').columns(['fingerprint', 'id']).execute();
  },
};
