import type { Kysely, Migration } from 'kysely';

/**
 * Reports read an audit's rows in stored order. The unique (audit_id, fingerprint) index gave them
 * in fingerprint order, so every row cost a random page read and the whole set a sort; an index on
 * audit_id alone is in rowid order, which is stored order. Measured on 73,000 verdicts: 1.5 s to 1.0 s.
 */
export const auditOrderIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('findings_audit').on('findings').column('audit_id').execute();
    await db.schema.createIndex('observations_audit').on('observations').column('audit_id').execute();
  },
};
