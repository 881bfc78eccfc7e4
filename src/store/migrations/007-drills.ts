import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/** Which audit each drill run produced: drill status and the run-to-run comparison read it. */
export const drills: Migration = {
  async up(db: Kysely<unknown>) {
    const { text, id } = columnTypes(db);
    await db.schema
      .createTable('drill_runs')
      .addColumn('id', 'integer', id)
      .addColumn('drill', text, (c) => c.notNull())
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id'))
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('drill_runs_drill').on('drill_runs').columns(['drill', 'id']).execute();
  },
};
