import type { Kysely, Selectable } from 'kysely';
import type { AuditStats } from '../core/model/audit.js';
import type { ChunkJob, ChunkRecord, ChunkState, DistributedPlan } from '../core/model/chunk.js';
import { batchRows } from './rows.js';
import type { BulkWriter } from './bulk.js';
import type { AuditChunksTable, DatabaseSchema } from './schema.js';
import type { WriteBatch } from './store.js';

export interface ChunkSettlement {
  chunk: number;
  state: Exclude<ChunkState, 'queued'>;
  agent: string | null;
  reason: string | null;
  at: string;
  stats: AuditStats;
  batch: WriteBatch;
}

/**
 * The chunks of distributed audits. A chunk is settled once: its results and its new state are
 * written in one transaction, and a chunk already settled is left alone, so a result delivered
 * twice (an agent killed after sending, a redelivered job) stores nothing twice.
 */
export class ClusterLog {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly bulk: BulkWriter,
    private readonly guard: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  /** Records the plan and every chunk as queued; a second call for the same audit changes nothing. */
  async begin(auditId: number, plan: DistributedPlan, jobs: ChunkJob[], at: string): Promise<void> {
    await this.guard(() =>
      this.db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('distributed_audits').select('audit_id').where('audit_id', '=', auditId).executeTakeFirst();
        if (existing) return;
        await trx.insertInto('distributed_audits').values({ audit_id: auditId, state: 'running', plan_json: JSON.stringify(plan) }).execute();
        for (let i = 0; i < jobs.length; i += 200) {
          await trx
            .insertInto('audit_chunks')
            .values(jobs.slice(i, i + 200).map((job) => ({ audit_id: auditId, chunk: job.chunk, segment: job.segment, hosts: job.hosts.length, state: 'queued', agent: null, reason: null, updated_at: at, stats_json: null, job_json: JSON.stringify(job) })))
            .execute();
        }
      }),
    );
  }

  async plan(auditId: number): Promise<DistributedPlan | null> {
    const row = await this.guard(() => this.db.selectFrom('distributed_audits').select('plan_json').where('audit_id', '=', auditId).executeTakeFirst());
    return row ? (JSON.parse(row.plan_json) as DistributedPlan) : null;
  }

  /** Distributed audits not yet finished: what a (re)started server takes up. */
  async unfinished(): Promise<number[]> {
    const rows = await this.guard(() => this.db.selectFrom('distributed_audits').select('audit_id').where('state', '=', 'running').orderBy('audit_id').execute());
    return rows.map((r) => r.audit_id);
  }

  async chunks(auditId: number, options: { withJobs: boolean } = { withJobs: true }): Promise<ChunkRecord[]> {
    const rows = await this.guard(() => this.db.selectFrom('audit_chunks').selectAll().where('audit_id', '=', auditId).orderBy('chunk').execute());
    return rows.map((r) => toChunk(r, options.withJobs));
  }

  /** Writes a chunk's results and its final state together; false (and nothing written) if it was already settled. */
  async settle(auditId: number, settlement: ChunkSettlement): Promise<boolean> {
    return this.guard(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('audit_chunks').select('state').where('audit_id', '=', auditId).where('chunk', '=', settlement.chunk).executeTakeFirst();
        if (!row || row.state !== 'queued') return false;
        await trx
          .updateTable('audit_chunks')
          .set({ state: settlement.state, agent: settlement.agent, reason: settlement.reason, updated_at: settlement.at, stats_json: JSON.stringify(settlement.stats) })
          .where('audit_id', '=', auditId)
          .where('chunk', '=', settlement.chunk)
          .execute();
        await this.bulk.write(batchRows(auditId, settlement.batch), trx);
        return true;
      }),
    );
  }

  async finish(auditId: number): Promise<void> {
    await this.guard(() => this.db.updateTable('distributed_audits').set({ state: 'done' }).where('audit_id', '=', auditId).execute());
  }
}

function toChunk(r: Selectable<AuditChunksTable>, withJob: boolean): ChunkRecord {
  return {
    auditId: r.audit_id,
    chunk: r.chunk,
    segment: r.segment,
    hosts: r.hosts,
    state: r.state as ChunkState,
    agent: r.agent,
    reason: r.reason,
    updatedAt: r.updated_at,
    stats: r.stats_json ? (JSON.parse(r.stats_json) as AuditStats) : null,
    job: withJob ? (JSON.parse(r.job_json) as ChunkJob) : (null as unknown as ChunkJob),
  };
}
