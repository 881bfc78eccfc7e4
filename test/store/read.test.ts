import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudit, fixtureEarlierAudit } from '../../fixtures/reports/audit.js';
import type { AuditResult } from '../../src/core/model/audit-result.js';
import { StoreError } from '../../src/core/errors.js';
import { ObservationTimes } from '../../src/reports/compliance/evidence.js';
import { Store } from '../../src/store/store.js';
import { cliEnv, runCli, tempDir } from '../helpers/cli.js';
import { asRead } from '../reports/support.js';
import { forEachBackend } from '../helpers/backends.js';

/** Writes a report fixture audit into a history, as a scan would have. */
async function stored(store: Store, result: AuditResult): Promise<number> {
  const { audit } = result;
  const id = await store.createAudit(audit, result.rules.map((r) => ({ id: r.id, severity: r.severity as 'high', category: r.category, meta: r.meta })));
  await store.write(id, { targets: result.targets, tasks: [], observations: result.observations, findings: result.findings as never });
  await store.finishAudit(id, 'complete', audit.stats, audit.endedAt!);
  return id;
}

forEachBackend((backend) => {
  describe('reading an audit for a report', () => {
    let store: Store;
    let earlier: number;
    let current: number;

    beforeAll(async () => {
      store = await Store.open(await backend.location(), { readonly: false });
      earlier = await stored(store, fixtureEarlierAudit());
      current = await stored(store, fixtureAudit());
    });
    afterAll(async () => store.close());

    it('gives failures in full and the other verdicts bare, in stored order', async () => {
      const read = await store.verdicts(current, { detail: 'failures' });
      expect(read).toEqual(asRead(fixtureAudit()).findings);
      expect(read.filter((v) => 'evidence' in v).every((v) => v.outcome === 'fail')).toBe(true);
    });

    it('gives every verdict in full when asked, and only the outcomes asked', async () => {
      expect(await store.verdicts(current, { detail: 'all' })).toEqual(fixtureAudit().findings);
      const passFail = await store.verdicts(current, { detail: 'failures', outcomes: ['fail', 'pass'] });
      expect(passFail).toEqual(asRead(fixtureAudit()).findings.filter((v) => v.outcome === 'fail' || v.outcome === 'pass'));
      expect(await store.verdicts(current, { detail: 'failures', outcomes: ['fail'] })).toEqual(fixtureAudit().findings.filter((f) => f.outcome === 'fail'));
    });

    it('shares one parsed controls object among the findings of a rule', async () => {
      const findings = await store.findings(current);
      const byRule = new Map<string, Set<object>>();
      for (const f of findings) byRule.set(`${f.ruleId}\0${JSON.stringify(f.controls)}`, (byRule.get(`${f.ruleId}\0${JSON.stringify(f.controls)}`) ?? new Set()).add(f.controls));
      for (const objects of byRule.values()) expect(objects.size).toBe(1);
    });

    it('reads observations of the kinds asked', async () => {
      const open = await store.observations(current, { kinds: ['port.open'] });
      expect(open).toEqual(fixtureAudit().observations.filter((o) => o.kind === 'port.open'));
      expect(open.length).toBeGreaterThan(0);
    });

    it('dates evidence the same from the latest times as from every observation', async () => {
      const result = fixtureAudit();
      const fromObservations = new ObservationTimes(result);
      const fromLastSeen = new ObservationTimes({ ...result, observations: [], lastSeen: await store.lastSeen(current) });
      const endpoints = [...result.findings.map((f) => [f.host, f.port] as const), ...result.targets.map((t) => [t.host, undefined] as const)];
      for (const [host, port] of endpoints) expect(fromLastSeen.of(host, port), `${host}:${port}`).toBe(fromObservations.of(host, port));
    });

    it('collects the fingerprints failing in earlier audits', async () => {
      const failing = await store.failingFingerprints([earlier]);
      expect([...failing].sort()).toEqual(fixtureEarlierAudit().findings.filter((f) => f.outcome === 'fail').map((f) => (f as { fingerprint: string }).fingerprint).sort());
      expect(await store.failingFingerprints([])).toEqual(new Set());
    });
  });
});

describe('a history written by the previous schema', () => {
  it('is upgraded when a reading command opens it', async () => {
    const db = join(tempDir(), 'old.db');
    const store = await Store.open(db, { readonly: false });
    await stored(store, fixtureAudit());
    await store.close();
    const sqlite = new Database(db);
    // As rasoat left it before 002 (and so before every later migration).
    sqlite.exec(
      "drop table audit_chunks; drop table distributed_audits; drop table triage; drop table verifications; drop table audit_trail; drop table drill_runs; drop table advisories; drop table kev_entries; drop table lifecycle_cycles; drop table product_releases; drop table js_extractors; drop table feeds; drop index findings_audit; drop index observations_audit; delete from kysely_migration where name in ('002-audit-order-indexes', '003-triage', '004-verify', '005-triage-until', '006-audit-trail', '007-drills', '008-feeds', '009-distributed')",
    );
    sqlite.close();

    await expect(Store.open(db, { readonly: true })).rejects.toThrow(StoreError);
    const shown = await runCli(['show', 'latest', '--db', db], cliEnv());
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('portal.stc.example.gov.vn');
    const upgraded = new Database(db, { readonly: true });
    const indexes = (upgraded.prepare("select name from sqlite_master where type = 'index'").all() as Array<{ name: string }>).map((r) => r.name);
    upgraded.close();
    expect(indexes).toEqual(expect.arrayContaining(['findings_audit', 'observations_audit', 'triage_fingerprint', 'verifications_audit']));
  });
});
