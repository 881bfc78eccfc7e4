import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, isPostgres } from './dialect.js';

/**
 * The audit trail: who ran what, when, against which scope, from which machine, with which rules.
 * Append-only: triggers refuse updates and deletes, and each row carries the hash of the previous
 * row's hash and its own content, so a row changed behind rasoat's back (triggers dropped, file
 * edited) breaks the chain and `rasoat audits verify-trail` names it.
 */
export const auditTrail: Migration = {
  async up(db: Kysely<unknown>) {
    const { text, id } = columnTypes(db);
    await db.schema
      .createTable('audit_trail')
      .addColumn('id', 'integer', id)
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('actor', text, (c) => c.notNull())
      .addColumn('machine', text, (c) => c.notNull())
      .addColumn('action', text, (c) => c.notNull())
      .addColumn('command', text, (c) => c.notNull())
      .addColumn('audit_id', 'integer')
      .addColumn('detail_json', text, (c) => c.notNull())
      .addColumn('tool_version', text, (c) => c.notNull())
      .addColumn('rules_version', text, (c) => c.notNull())
      .addColumn('prev_hash', text, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull())
      .execute();
    if (isPostgres(db)) {
      // The same refusal in plpgsql; TRUNCATE too, which row triggers do not see.
      await sql`CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only()`.execute(db);
      await sql`CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only()`.execute(db);
      await sql`CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only()`.execute(db);
      return;
    }
    await sql`CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`.execute(db);
  },
};
