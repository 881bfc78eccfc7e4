import { describe, expect, it } from 'vitest';
import { fixtureAudit, fixtureEarlierAudit } from '../../fixtures/reports/audit.js';
import type { AuditResult } from '../../src/core/model/audit-result.js';
import { BusyError, StoreError } from '../../src/core/errors.js';
import type { Observation } from '../../src/core/model/observation.js';
import { Store, type RuleSnapshot, type StoredTarget } from '../../src/store/store.js';
import { forEachBackend } from '../helpers/backends.js';

const rulesOf = (result: AuditResult): RuleSnapshot[] => result.rules.map((r) => ({ id: r.id, severity: r.severity as 'high', category: r.category, meta: r.meta }));
const TASKS = [
  { host: 'portal.stc.example.gov.vn', scanner: 'tls', status: 'ok' as const, durationMs: 1234.4, attempts: 1 },
  { host: '10.10.1.11', scanner: 'ports', status: 'timeout' as const, durationMs: 10, attempts: 2 },
];

async function stored(store: Store, result: AuditResult): Promise<number> {
  const id = await store.createAudit({ ...result.audit, command: 'scan -iL tinh-mau.yaml' }, rulesOf(result));
  await store.write(id, { targets: result.targets, tasks: TASKS, observations: result.observations, findings: result.findings as never });
  await store.finishAudit(id, 'complete', result.audit.stats, result.audit.endedAt!);
  return id;
}

forEachBackend((backend) => {
  describe('the same history on each backend', () => {
    it('gives back an audit as written: record, hosts, tasks, observations, verdicts, rules', async () => {
      const store = await backend.open();
      const result = fixtureAudit();
      const id = await stored(store, result);
      const record = await store.getAudit(result.audit.uuid.slice(0, 8));
      expect(record).toEqual({ ...result.audit, id });
      expect(await store.getAudit('latest')).toEqual(record);
      expect(await store.listAudits()).toEqual([record]);
      const byHost = (a: StoredTarget, b: StoredTarget) => (a.host < b.host ? -1 : 1);
      expect(await store.targets(id)).toEqual([...result.targets].sort(byHost).map((t) => ({ ...t, ports: [] })));
      expect(await store.tasks(id)).toEqual([{ ...TASKS[1], durationMs: 10 }, { ...TASKS[0], durationMs: 1234 }]);
      expect(await store.observations(id)).toEqual(result.observations);
      expect(await store.findings(id)).toEqual(result.findings);
      expect((await store.ruleSnapshots(id)).map((r) => r.id)).toEqual(rulesOf(result).map((r) => r.id).sort());
      const [entry] = await store.trail.entries();
      expect(entry).toMatchObject({ id: 1, action: 'audit', auditId: id, command: 'scan -iL tinh-mau.yaml' });
    });

    it('gives numbers as numbers: ids, counts, ports, durations, times', async () => {
      const store = await backend.open();
      expect(await store.countAudits()).toBe(0);
      const first = await stored(store, fixtureEarlierAudit());
      const second = await stored(store, fixtureAudit());
      expect([typeof first, second - first]).toEqual(['number', 1]);
      expect(await store.countAudits()).toBe(2);
      const seen = await store.lastSeen(second);
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) if (s.port !== undefined) expect(typeof s.port).toBe('number');
      expect(typeof (await store.getAudit(String(second))).pid).toBe('number');
      expect(typeof (await store.tasks(second))[0]!.durationMs).toBe('number');
    });

    it('orders hosts, tasks and rules byte by byte, as SQLite does', async () => {
      const store = await backend.open();
      const id = await store.createAudit({ ...fixtureAudit().audit }, []);
      const hosts = ['b.example', 'A.example', '_x.example', 'a.example', 'ä.example', 'Z.example'];
      await store.write(id, { targets: hosts.map((host) => ({ host, kind: 'name', urls: [], ports: [], explicit: true, up: true })), tasks: [], observations: [], findings: [] });
      expect((await store.targets(id)).map((t) => t.host)).toEqual(['A.example', 'Z.example', '_x.example', 'a.example', 'b.example', 'ä.example']);
    });

    it('gives host-level facts before port-level ones in the latest times, as SQLite orders NULLs', async () => {
      const store = await backend.open();
      const id = await store.createAudit({ ...fixtureAudit().audit }, []);
      const at = (s: number) => `2026-01-01T00:00:0${s}.000Z`;
      const observations = [
        { kind: 'port.open', host: 'h', port: 443, scanner: 'ports', at: at(1), data: {} },
        { kind: 'host.up', host: 'h', scanner: 'ports', at: at(2), data: {} },
        { kind: 'port.open', host: 'h', port: 22, scanner: 'ports', at: at(3), data: {} },
      ] as unknown as Observation[];
      await store.write(id, { targets: [], tasks: [], observations, findings: [] });
      expect(await store.lastSeen(id)).toEqual([{ host: 'h', at: at(2) }, { host: 'h', port: 22, at: at(3) }, { host: 'h', port: 443, at: at(1) }]);
    });

    it('writes a batch of more rows than one statement may bind (65,535 parameters on PostgreSQL)', async () => {
      const store = await backend.open();
      const id = await store.createAudit({ ...fixtureAudit().audit }, []);
      const observations: Observation[] = Array.from({ length: 12_000 }, (_, i) => ({ kind: 'port.open', host: `10.0.${i >> 8}.${i & 255}`, port: 443, scanner: 'ports', at: '2026-01-01T00:00:00.000Z', data: { i } }) as unknown as Observation);
      await store.write(id, { targets: [], tasks: [], observations, findings: [] });
      const read = await store.observations(id);
      expect(read).toHaveLength(12_000);
      expect(read.map((o) => (o.data as unknown as { i: number }).i)).toEqual(observations.map((_, i) => i));
    });

    it('updates a host written twice in one batch, as SQLite does row by row', async () => {
      const store = await backend.open();
      const id = await store.createAudit({ ...fixtureAudit().audit }, []);
      const target = { host: 'h.example', kind: 'name' as const, urls: ['https://h.example/'], ports: [], explicit: true };
      await store.write(id, { targets: [{ ...target, up: false }, { ...target, urls: [], up: true }], tasks: [], observations: [], findings: [] });
      expect(await store.targets(id)).toEqual([{ ...target, ports: [], up: true }]);
    });

    it('replaces the findings of an audit (rejudge)', async () => {
      const store = await backend.open();
      const result = fixtureAudit();
      const id = await stored(store, result);
      const kept = result.findings.slice(0, 2);
      await store.replaceFindings(id, kept as never, rulesOf(result).slice(0, 1), 'rules-2');
      expect(await store.findings(id)).toEqual(kept);
      expect((await store.getAudit(String(id))).rulesVersion).toBe('rules-2');
    });

    it('keeps the trail append-only and its chain verifiable, even with writers racing', async () => {
      const location = await backend.location();
      const a = await Store.open(location, { readonly: false });
      const b = await Store.open(location, { readonly: false });
      try {
        const entry = (n: number) => ({ at: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`, actor: 'x', machine: 'm', action: 'triage', command: 'c', auditId: null, detail: { n }, toolVersion: '1', rulesVersion: '' });
        // PostgreSQL: many writers at once (other machines). SQLite: one writer at a time, as its lock has it.
        if (backend.name === 'postgres') await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).trail.append(entry(n))));
        else for (let n = 0; n < 20; n++) await (n % 2 ? a : b).trail.append(entry(n));
        expect(await a.trail.verify()).toEqual({ rows: 20, broken: null });
        expect((await a.trail.entries()).map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      await expect(backend.exec(location, "update audit_trail set actor = 'someone' where id = 1")).rejects.toThrow(/append-only/);
      await expect(backend.exec(location, 'delete from audit_trail where id = 20')).rejects.toThrow(/append-only/);
      const after = await Store.open(location, { readonly: true });
      try {
        expect((await after.trail.verify()).broken).toBeNull();
      } finally {
        await after.close();
      }
    });

    it('lets one drill run at a time per history, from any process', async () => {
      const location = await backend.location();
      const a = await Store.open(location, { readonly: false });
      const b = await Store.open(location, { readonly: false });
      try {
        const release = await a.lockDrills('province', () => true);
        const refused = await b.lockDrills('other', () => true).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(BusyError);
        expect((refused as BusyError).message).toMatch(/drill "province" is already running .*process \d+/);
        await release();
        await (await b.lockDrills('other', () => true))();
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('refuses to write through a read-only open', async () => {
      const location = await backend.location();
      await (await Store.open(location, { readonly: false })).close();
      const store = await Store.open(location, { readonly: true });
      try {
        const error = await store.createAudit({ ...fixtureAudit().audit }, []).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).messageId).toBe('store.readOnly');
      } finally {
        await store.close();
      }
    });

    it('says a history of an older rasoat needs migrating, and migrates it', async () => {
      const location = await backend.location();
      const store = await Store.open(location, { readonly: false });
      await stored(store, fixtureAudit());
      await store.close();
      await backend.exec(location, "drop table audit_chunks; drop table distributed_audits; drop table js_extractors; drop table product_releases; drop table lifecycle_cycles; drop table kev_entries; drop table advisories; drop table feeds; delete from kysely_migration where name in ('008-feeds', '009-distributed')");
      await expect(Store.open(location, { readonly: true })).rejects.toMatchObject({ messageId: 'store.needsMigration' });
      expect(await Store.migrate(location)).toMatchObject({ applied: ['008-feeds', '009-distributed'], total: 9 });
      expect(await Store.migrate(location)).toMatchObject({ applied: [] });
      const upgraded = await Store.open(location, { readonly: true });
      expect(await upgraded.countAudits()).toBe(1);
      await upgraded.close();
    });

    it('refuses a history written by a newer rasoat', async () => {
      const location = await backend.location();
      await (await Store.open(location, { readonly: false })).close();
      await backend.exec(location, "insert into kysely_migration (name, timestamp) values ('999-future', '2030-01-01T00:00:00.000Z')");
      await expect(Store.open(location, { readonly: false })).rejects.toMatchObject({ messageId: 'store.newerSchema', params: { migration: '999-future' } });
    });
  });
});
