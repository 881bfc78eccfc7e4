import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { Store } from '../../src/store/store.js';
import { forEachBackend } from '../helpers/backends.js';
import { cliEnv, expectNoStackTrace, runCli } from '../helpers/cli.js';

// Loopback 127.0.120.0/24 only, never port 2024.
const HOST = '127.0.120.40';
let listeners: ListenerSet;
beforeAll(async () => {
  listeners = await startListeners([{ host: HOST, port: 2222 }]);
});
afterAll(() => listeners.close());

forEachBackend((backend) => {
  describe('the audit trail', () => {
    let db: string;
    beforeAll(async () => {
      db = await backend.location();
    });
    // Dropping a trigger: PostgreSQL names the table too.
    const dropTrigger = (name: string) => (backend.name === 'postgres' ? `drop trigger ${name} on audit_trail` : `drop trigger ${name}`);
    const scan = async (auditor: string) => expect((await runCli(['scan', HOST, '-p', '2222', '--only', 'ports', '--exclude-ports', '2024', '--auditor', auditor, '--authorization', 'QD-12/2026', '--db', db, '-q'], cliEnv())).code).toBe(0);

    it('records who ran what, when, on which scope, from where, with which rules', async () => {
      await scan('nguyen.an');
      await scan('tran.binh');
      const store = await Store.open(db, { readonly: true });
      try {
        const entries = await store.trail.entries();
        expect(entries).toHaveLength(2);
        expect(entries[0]).toMatchObject({ actor: 'nguyen.an', action: 'audit', auditId: 1, detail: { authorization: 'QD-12/2026', scope: { targets: [HOST] } } });
        expect(entries[0]!.command).toContain(`scan ${HOST}`);
        expect(entries[1]!.rulesVersion).toMatch(/./);
      } finally {
        await store.close();
      }
      // Accepting a risk is recorded too.
      const failing = JSON.parse((await runCli(['findings', '--json', '--db', db], cliEnv())).stdout) as Array<{ fingerprint: string }>;
      expect((await runCli(['findings', 'accept', failing[0]!.fingerprint, '--reason', 'bastion', '--by', 'le.chi', '--db', db], cliEnv())).code).toBe(0);
      const reopened = await Store.open(db, { readonly: true });
      try {
        expect((await reopened.trail.entries()).at(-1)).toMatchObject({ action: 'triage', actor: 'le.chi', detail: { fingerprint: failing[0]!.fingerprint, status: 'accepted-risk', reason: 'bastion' } });
      } finally {
        await reopened.close();
      }
      const ok = await runCli(['audits', 'verify-trail', '--db', db], cliEnv());
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/intact: 3 record/);
    });

    it('refuses updates, and detects a row edited behind its back', async () => {
      await expect(backend.exec(db, "update audit_trail set actor = 'someone' where id = 1")).rejects.toThrow(/append-only/);
      await backend.exec(db, dropTrigger('audit_trail_no_update'));
      await backend.exec(db, "update audit_trail set actor = 'someone.else' where id = 1");
      const run = await runCli(['audits', 'verify-trail', '--db', db], cliEnv());
      expectNoStackTrace(run.stderr);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/AUDIT TRAIL ALTERED: record 1 no longer matches its hash/);
    });

    it('detects a deleted row', async () => {
      await backend.exec(db, `${dropTrigger('audit_trail_no_delete')}; update audit_trail set actor = 'nguyen.an' where id = 1; delete from audit_trail where id = 1`);
      const run = await runCli(['audits', 'verify-trail', '--db', db], cliEnv());
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/record 1 is missing/);
    });
  });
});
