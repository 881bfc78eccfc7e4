import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/**
 * Distributed audits (rasoat server): the job each audit was split from, and its chunks — which
 * segment each went to, its state, the agent that finished it and what it counted. The chunk
 * table is what lets a restarted server resume without rescanning, and what makes a result
 * delivered twice store once.
 */
export const distributed: Migration = {
  async up(db: Kysely<unknown>) {
    const { text } = columnTypes(db);
    await db.schema
      .createTable('distributed_audits')
      .addColumn('audit_id', 'integer', (c) => c.primaryKey().references('audits.id').onDelete('cascade'))
      .addColumn('state', text, (c) => c.notNull())
      .addColumn('plan_json', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_chunks')
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('chunk', 'integer', (c) => c.notNull())
      .addColumn('segment', text, (c) => c.notNull())
      .addColumn('hosts', 'integer', (c) => c.notNull())
      .addColumn('state', text, (c) => c.notNull())
      .addColumn('agent', text)
      .addColumn('reason', text)
      .addColumn('updated_at', text, (c) => c.notNull())
      .addColumn('stats_json', text)
      .addColumn('job_json', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_chunks_pk', ['audit_id', 'chunk'])
      .execute();
  },
};
