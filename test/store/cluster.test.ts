import { describe, expect, it } from 'vitest';
import { splitAudit } from '../../src/cluster/split.js';
import { emptyStats } from '../../src/cluster/settle.js';
import type { AuditMeta } from '../../src/core/model/audit.js';
import type { DistributedPlan } from '../../src/core/model/chunk.js';
import type { AuditJob } from '../../src/core/run-audit.js';
import type { Store } from '../../src/store/store.js';
import { forEachBackend } from '../helpers/backends.js';

const job: AuditJob = {
  targets: [{ spec: '127.0.150.0/30', group: { agency: 'So A', tags: [], segment: 'A' } }],
  exclude: [],
  excludePorts: '2024',
  resolve: {},
  allowLarge: false,
  scanners: ['ports'],
  scannerOptions: {},
  limits: { concurrency: 10, hostConcurrency: 2, ratePerHost: 0, maxHosts: 2, taskTimeoutMs: 1000, taskRetries: 0 },
  userAgent: 't',
};
const plan: DistributedPlan = { segments: [{ segment: 'A', hosts: 4, chunks: 2 }], judge: { rulesDirs: [], ruleParams: [], ruleIds: ['r'] }, agentWaitMs: 60_000 };

async function distributedAudit(store: Store, uuid: string): Promise<{ id: number; jobs: ReturnType<typeof splitAudit>['jobs'] }> {
  const meta: AuditMeta = { uuid, startedAt: '2026-11-25T00:00:00.000Z', auditor: 'a', machine: 'central', pid: 999_999_999, authorization: null, profile: 'standard', scope: { targets: [], targetFiles: [], exclude: [], excludePorts: '', resolve: {} }, options: {}, toolVersion: '0', rulesVersion: '0', scanners: ['ports'] };
  const id = await store.createAudit(meta, [{ id: 'r', severity: 'high', category: 'c', meta: {} }]);
  const { jobs } = splitAudit(job, uuid, 2);
  await store.cluster.begin(id, plan, jobs, '2026-11-25T00:00:00.000Z');
  return { id, jobs };
}

forEachBackend((backend) => {
  describe('distributed audits (migration 009)', () => {
    it('keeps the plan and chunks; beginning twice changes nothing', async () => {
      const store = await backend.open();
      const { id, jobs } = await distributedAudit(store, '00000000-0000-4000-8000-000000000001');
      await store.cluster.begin(id, plan, jobs, 'later');
      expect(await store.cluster.plan(id)).toEqual(plan);
      const chunks = await store.cluster.chunks(id);
      expect(chunks.map((c) => [c.chunk, c.segment, c.hosts, c.state])).toEqual([
        [0, 'A', 2, 'queued'],
        [1, 'A', 2, 'queued'],
      ]);
      expect(chunks[1]!.job).toEqual(jobs[1]);
      expect(await store.cluster.unfinished()).toEqual([id]);
    });

    it('settles a chunk once: a second delivery of its results stores nothing', async () => {
      const store = await backend.open();
      const { id, jobs } = await distributedAudit(store, '00000000-0000-4000-8000-000000000002');
      const host = jobs[0]!.hosts[0]!;
      const observation = { kind: 'host.status' as const, host: host.host, scanner: 'ports', at: '2026-11-25T00:00:01.000Z', data: { state: 'up' as const, reason: 'syn-ack', address: host.host } };
      const finding = { fingerprint: 'fp-1', ruleId: 'r', outcome: 'fail' as const, severity: 'high' as const, category: 'c', host: host.host, evidenceKey: '', evidence: {}, title: { en: 'x', vi: 'x' }, controls: {} };
      const settlement = { chunk: 0, state: 'stored' as const, agent: 'a1', reason: null, at: '2026-11-25T00:00:02.000Z', stats: { ...emptyStats(), hosts: 2 }, batch: { targets: [{ ...host, up: true }], tasks: [{ host: host.host, scanner: 'ports', status: 'ok' as const, durationMs: 5, attempts: 1 }], observations: [observation], findings: [finding] } };
      expect(await store.cluster.settle(id, settlement)).toBe(true);
      expect(await store.cluster.settle(id, { ...settlement, agent: 'a2' })).toBe(false);
      expect(await store.observations(id)).toHaveLength(1);
      expect(await store.findings(id)).toHaveLength(1);
      const chunks = await store.cluster.chunks(id, { withJobs: false });
      expect(chunks.map((c) => [c.state, c.agent, c.stats?.hosts ?? null])).toEqual([
        ['stored', 'a1', 2],
        ['queued', null, null],
      ]);
    });

    it('leaves a running distributed audit alone when its starting process is gone, and finishes it', async () => {
      const store = await backend.open();
      const { id } = await distributedAudit(store, '00000000-0000-4000-8000-000000000003');
      expect(await store.markAbandoned('central', () => false, '2026-11-25T01:00:00.000Z')).toBe(0);
      expect((await store.getAudit(String(id))).status).toBe('running');
      await store.cluster.finish(id);
      expect(await store.cluster.unfinished()).toEqual([]);
      expect(await store.markAbandoned('central', () => false, '2026-11-25T01:00:00.000Z')).toBe(1);
    });
  });
});
