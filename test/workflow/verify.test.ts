import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { Store } from '../../src/store/store.js';
import { forEachBackend } from '../helpers/backends.js';
import { cliEnv, expectNoStackTrace, runCli } from '../helpers/cli.js';

// Loopback 127.0.120.0/24 only, never port 2024. A has MySQL (high) and SSH-alt (low); B has MySQL.
const A = '127.0.120.10';
const B = '127.0.120.11';
let aMysql: ListenerSet | null = null;
let others: ListenerSet;
beforeAll(async () => {
  others = await startListeners([
    { host: A, port: 2222 },
    { host: B, port: 3306 },
  ]);
});
afterAll(async () => {
  await aMysql?.close();
  await others.close();
});

interface VerifyJson {
  audit: number;
  results: Array<{ fingerprint: string; originalAudit: number; host: string; port: number | null; result: string }>;
}

forEachBackend((backend) => {
  describe('rasoat verify', () => {
    let db: string;
    beforeAll(async () => {
      db = await backend.location();
      aMysql = await startListeners([{ host: A, port: 3306 }]); // the tests close it: opened again for each backend
    });

    it('re-checks one fixed failure on its host and port only, as a new audit linked to the original', async () => {
      const scan = await runCli(['scan', A, B, '-p', '22,2222,3306', '--exclude-ports', '2024', '--db', db, '--json', '-q'], cliEnv());
      expect(scan.code, scan.stderr).toBe(0);
      const audit = JSON.parse(scan.stdout) as { audit: { id: number }; findings: Array<{ fingerprint: string; host: string; port?: number; ruleId: string }> };
      const target = audit.findings.find((f) => f.host === A && f.port === 3306)!;
      expect(target).toBeDefined();
      await aMysql!.close(); // the administrator closes MySQL on A
      aMysql = null;

      const run = await runCli(['verify', target.fingerprint, '--db', db, '--json'], cliEnv());
      expectNoStackTrace(run.stderr);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as VerifyJson;
      expect(result.results).toEqual([expect.objectContaining({ fingerprint: target.fingerprint, originalAudit: audit.audit.id, result: 'fixed' })]);
      expect(result.audit).toBeGreaterThan(audit.audit.id);

      const store = await Store.open(db, { readonly: true });
      try {
        // From the task log: A only (not B), and only the ports scanner (the rule reads port facts).
        expect((await store.tasks(result.audit)).map((t) => `${t.host}/${t.scanner}`)).toEqual([`${A}/ports`]);
        const record = await store.getAudit(String(result.audit));
        expect(record.profile).toBe('verify');
        expect(await store.verifications.of(audit.audit.id, 'original')).toEqual([expect.objectContaining({ auditId: result.audit, fingerprint: target.fingerprint, result: 'fixed' })]);
        // The other failures were not touched: A's SSH-alt was not re-judged.
        expect((await store.findings(result.audit, { outcomes: ['fail'] })).map((f) => f.port)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('verifying a whole audit says which failures are still present, and exits 1', async () => {
      const run = await runCli(['verify', '1', '--db', db, '--json'], cliEnv());
      expect(run.code, run.stderr).toBe(1);
      const result = JSON.parse(run.stdout) as VerifyJson;
      const byPlace = Object.fromEntries(result.results.map((r) => [`${r.host}:${r.port}`, r.result]));
      expect(byPlace).toEqual({ [`${A}:3306`]: 'fixed', [`${A}:2222`]: 'still-present', [`${B}:3306`]: 'still-present' });
    });

    it('an unknown fingerprint is one line and exit 2', async () => {
      const run = await runCli(['verify', 'abcdef0123456789', '--db', db], cliEnv());
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/no failing finding has the fingerprint/);
    });
  });
});
