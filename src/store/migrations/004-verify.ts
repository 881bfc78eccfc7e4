import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/**
 * Verify-after-patch results: one row per failure re-checked, linking the verifying audit to the
 * audit the failure was found in, with what the re-check showed. Written once, never updated.
 */
export const verify: Migration = {
  async up(db: Kysely<unknown>) {
    const { text, id } = columnTypes(db);
    await db.schema
      .createTable('verifications')
      .addColumn('id', 'integer', id)
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id'))
      .addColumn('original_audit_id', 'integer', (c) => c.notNull().references('audits.id'))
      .addColumn('fingerprint', text, (c) => c.notNull())
      .addColumn('rule_id', text, (c) => c.notNull())
      .addColumn('host', text, (c) => c.notNull())
      .addColumn('port', 'integer')
      .addColumn('result', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('verifications_audit').on('verifications').columns(['audit_id']).execute();
    await db.schema.createIndex('verifications_original').on('verifications').columns(['original_audit_id']).execute();
  },
};
