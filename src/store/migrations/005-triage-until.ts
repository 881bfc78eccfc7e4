import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/**
 * An accepted risk may be accepted until a date (ISO-8601): after it, the finding counts again.
 * A column of the existing triage log, not a second table: one record of decisions per fingerprint.
 */
export const triageUntil: Migration = {
  async up(db: Kysely<unknown>) {
    const { text } = columnTypes(db);
    await db.schema.alterTable('triage').addColumn('until', text).execute();
  },
};
