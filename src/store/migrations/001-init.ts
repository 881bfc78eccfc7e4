import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './dialect.js';

/** The first schema: audits, the hosts each covered, rule snapshots, the task log, observations, findings. */
export const init: Migration = {
  async up(db: Kysely<unknown>) {
    const { text, id } = columnTypes(db);
    await db.schema
      .createTable('audits')
      .addColumn('id', 'integer', id)
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('started_at', text, (c) => c.notNull())
      .addColumn('ended_at', text)
      .addColumn('auditor', text, (c) => c.notNull())
      .addColumn('machine', text, (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('authorization', text)
      .addColumn('profile', text, (c) => c.notNull())
      .addColumn('scope_json', text, (c) => c.notNull())
      .addColumn('options_json', text, (c) => c.notNull())
      .addColumn('tool_version', text, (c) => c.notNull())
      .addColumn('rules_version', text, (c) => c.notNull())
      .addColumn('scanners_json', text, (c) => c.notNull())
      .addColumn('stats_json', text)
      .execute();

    await db.schema
      .createTable('audit_targets')
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('host', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('address', text)
      .addColumn('urls_json', text, (c) => c.notNull())
      .addColumn('agency', text)
      .addColumn('unit', text)
      .addColumn('owner', text)
      .addColumn('tags_json', text, (c) => c.notNull())
      .addColumn('level', 'integer')
      .addColumn('explicit', 'integer', (c) => c.notNull())
      .addColumn('up', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_targets_pk', ['audit_id', 'host'])
      .execute();

    await db.schema
      .createTable('audit_rules')
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('rule_id', text, (c) => c.notNull())
      .addColumn('severity', text, (c) => c.notNull())
      .addColumn('category', text, (c) => c.notNull())
      .addColumn('meta_json', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_rules_pk', ['audit_id', 'rule_id'])
      .execute();

    await db.schema
      .createTable('tasks')
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('host', text, (c) => c.notNull())
      .addColumn('scanner', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('tasks_pk', ['audit_id', 'host', 'scanner'])
      .execute();

    await db.schema
      .createTable('observations')
      .addColumn('id', 'integer', id)
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('host', text, (c) => c.notNull())
      .addColumn('port', 'integer')
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('scanner', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('data_json', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('observations_audit_host').on('observations').columns(['audit_id', 'host']).execute();

    await db.schema
      .createTable('findings')
      .addColumn('id', 'integer', id)
      .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('fingerprint', text, (c) => c.notNull())
      .addColumn('rule_id', text, (c) => c.notNull())
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('severity', text, (c) => c.notNull())
      .addColumn('category', text, (c) => c.notNull())
      .addColumn('host', text, (c) => c.notNull())
      .addColumn('port', 'integer')
      .addColumn('evidence_key', text, (c) => c.notNull())
      .addColumn('evidence_json', text, (c) => c.notNull())
      .addColumn('title_en', text, (c) => c.notNull())
      .addColumn('title_vi', text, (c) => c.notNull())
      .addColumn('reason', text)
      .addColumn('controls_json', text, (c) => c.notNull())
      .addUniqueConstraint('findings_audit_fingerprint', ['audit_id', 'fingerprint'])
      .execute();
    await db.schema.createIndex('findings_audit_outcome').on('findings').columns(['audit_id', 'outcome', 'severity']).execute();
    await db.schema.createIndex('findings_fingerprint').on('findings').column('fingerprint').execute();
  },
};
