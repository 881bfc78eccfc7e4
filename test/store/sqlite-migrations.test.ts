import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/store/migrations/001-init.js';
import { auditOrderIndexes } from '../../src/store/migrations/002-audit-order-indexes.js';
import { triage } from '../../src/store/migrations/003-triage.js';
import { verify } from '../../src/store/migrations/004-verify.js';
import { triageUntil } from '../../src/store/migrations/005-triage-until.js';
import { auditTrail } from '../../src/store/migrations/006-audit-trail.js';
import { drills } from '../../src/store/migrations/007-drills.js';
import { feeds } from '../../src/store/migrations/008-feeds.js';

const RELEASED = { '001-init': init, '002-audit-order-indexes': auditOrderIndexes, '003-triage': triage, '004-verify': verify, '005-triage-until': triageUntil, '006-audit-trail': auditTrail, '007-drills': drills, '008-feeds': feeds };

describe('the released migrations on SQLite', () => {
  // Histories written before PostgreSQL support must read the same schema: the SQL each released
  // migration runs on SQLite is fixed (golden/sqlite-migrations.sql, captured before the change).
  it('run exactly the SQL they always ran', async () => {
    const lines: string[] = [];
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }), log: (event) => void lines.push(`${event.query.sql} ${JSON.stringify(event.query.parameters)}`) });
    try {
      for (const [name, migration] of Object.entries(RELEASED)) {
        lines.push(`-- ${name}`);
        await migration.up(db);
      }
    } finally {
      await db.destroy();
    }
    expect(`${lines.join('\n')}\n`).toBe(readFileSync(new URL('golden/sqlite-migrations.sql', import.meta.url), 'utf8'));
  });
});
