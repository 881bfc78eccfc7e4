import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { cliEnv, collect, runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { clusterPeersPresent, Segment, startRedis, until, type TestRedis } from '../helpers/cluster.js';
import { needsPostgres, usePostgres } from '../helpers/postgres.js';

/**
 * Faults: an agent killed with -9 in the middle of a job, and the central process killed in the
 * middle of an audit. Slow web servers (every answer takes 100 ms) keep each job busy long enough
 * to kill something during it.
 */
const run = clusterPeersPresent() && needsPostgres();
const HOSTS = Array.from({ length: 8 }, (_, i) => `127.0.150.${i + 1}`);
const SCAN = ['-p', '8080', '--exclude-ports', '2024', '--no-nmap', '--only', 'ports,http', '-q'];

type Beat = { name: string; live: boolean; jobsDone: number; current: { job: string; done: number; total: number } | null };

describe.runIf(run)('distributed audit faults', () => {
  const pg = usePostgres();
  let dir: string;
  let redis: TestRedis;
  let seg: Segment;
  let central: NodeJS.ProcessEnv;
  let targets: string;
  const agents = new Map<string, ChildProcess>();
  let reference: Map<string, string[]>;

  const startAgent = (name: string) => agents.set(name, seg.rasoat(['agent', '--credentials', join(dir, 'a.yaml'), '--name', name, '--heartbeat', '1', '--lock', '3']));
  let admin: Redis;
  const beats = async (): Promise<Beat[]> => Object.values(await admin.hgetall('rasoat:seg.A.agents')).map((text) => {
    const beat = JSON.parse(text) as Beat & { lastSeen: string };
    return { ...beat, live: Date.now() - Date.parse(beat.lastSeen) < 3000 };
  });
  /** Rows of a history, SQLite file or PostgreSQL URL alike. */
  const rows = async <R,>(location: string, sql: string): Promise<R[]> =>
    location.startsWith('postgres') ? pg().query(sql, location) as Promise<R[]> : (new Database(location, { readonly: true }).prepare(sql).all() as R[]);
  const byHost = async (db: string, sql: string) => {
    const map = new Map<string, string[]>();
    for (const r of await rows<{ host: string; v: string }>(db, sql)) map.set(r.host, [...(map.get(r.host) ?? []), r.v]);
    for (const list of map.values()) list.sort();
    return map;
  };
  const FINDINGS = "select host, rule_id || ' ' || outcome || ' ' || evidence_key as v from findings";
  const OBSERVATIONS = "select host, kind || ' ' || coalesce(cast(port as text), '') as v from observations";

  beforeAll(async () => {
    dir = tempDir('rasoat-faults-');
    redis = await startRedis(dir);
    central = cliEnv({ RASOAT_QUEUE: redis.url, RASOAT_QUEUE_PASSWORD: redis.adminPassword });
    admin = new Redis({ path: redis.socket, password: redis.adminPassword });
    seg = new Segment('faults');
    await seg.webServers(HOSTS.map((address) => ({ address, port: 8080, banner: 'slow-portal/1.0', delayMs: 100 })));
    const added = await runCli(['agents', 'add', 'agent', '--segment', 'A', '--allow', '127.0.150.0/28', '--out', join(dir, 'a.yaml')], central);
    expect(added.code, added.stderr).toBe(0);
    targets = join(dir, 'targets.yaml');
    writeFileSync(targets, `groups:\n  - agency: So A\n    segment: A\n    targets: [127.0.150.1-8]\n`);
    // What one machine inside the segment finds: the distributed audits must store exactly this, once.
    const local = await collect(seg.rasoat(['--db', join(dir, 'local.db'), 'scan', '--targets', targets, ...SCAN]));
    expect(local.code, local.stderr).toBe(0);
    reference = await byHost(join(dir, 'local.db'), FINDINGS);
    expect(reference.size).toBe(8);
    startAgent('a1');
    startAgent('a2');
    await until(async () => (await beats()).filter((b) => b.live).length === 2, 20_000, 'two live agents');
  }, 180_000);

  afterAll(() => {
    admin?.disconnect();
    seg?.remove();
    redis?.stop();
  });

  it('loses and duplicates nothing when an agent is killed with -9 in the middle of a job', async () => {
    const db = join(dir, 'kill-agent.db');
    const scan = collect(spawnCli(['--db', db, 'scan', '--targets', targets, '--distributed', '--chunk-size', '2', '--agent-wait', '30', ...SCAN], central));
    let victim = '';
    await until(async () => {
      const busy = (await beats()).find((b) => b.live && b.current && b.current.done < b.current.total);
      if (busy) victim = busy.name;
      return busy !== undefined;
    }, 30_000, 'an agent in the middle of a job');
    agents.get(victim)!.kill('SIGKILL');
    const done = await scan;
    expect(done.code, done.stderr).toBe(0);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('select status from audits').get()).toEqual({ status: 'complete' });
    expect(sqlite.prepare("select count(*) as n from audit_chunks where state = 'stored'").get()).toEqual({ n: 4 });
    expect(sqlite.prepare('select count(*) as n, count(distinct host) as d from audit_targets').get()).toEqual({ n: 8, d: 8 });
    expect(await byHost(db, FINDINGS)).toEqual(reference);
    // Every host's observations once: the same kinds and ports as a one-machine scan of it.
    expect(await byHost(db, OBSERVATIONS)).toEqual(await byHost(join(dir, 'local.db'), OBSERVATIONS));
    startAgent(victim);
    await until(async () => (await beats()).filter((b) => b.live).length === 2, 20_000, 'the agent back');
  }, 120_000);

  it('stops a job at once when its agent lost the lock (frozen past it), so two agents never scan one host together', async () => {
    const db = join(dir, 'freeze.db');
    const scan = collect(spawnCli(['--db', db, 'scan', '--targets', targets, '--distributed', '--chunk-size', '8', '--agent-wait', '30', ...SCAN], central));
    let frozen = '';
    await until(async () => {
      const busy = (await beats()).find((b) => b.live && b.current && b.current.done < b.current.total);
      if (busy) frozen = busy.name;
      return busy !== undefined;
    }, 30_000, 'an agent in the middle of the job');
    const child = agents.get(frozen)!;
    let log = '';
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    child.kill('SIGSTOP');
    await until(async () => (await beats()).some((b) => b.name !== frozen && b.current !== null), 30_000, 'the other agent to take the job over');
    child.kill('SIGCONT');
    await until(() => /failed: lock lost/.test(log), 15_000, 'the thawed agent to drop the job');
    const done = await scan;
    expect(done.code, done.stderr).toBe(0);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('select state, agent from audit_chunks').all()).toEqual([{ state: 'stored', agent: [...agents.keys()].find((n) => n !== frozen) }]);
    expect(await byHost(db, OBSERVATIONS)).toEqual(await byHost(join(dir, 'local.db'), OBSERVATIONS));
  }, 120_000);

  it('keeps every result while the history is busy for longer than its lock timeout, and stores them once it is free', async () => {
    const db = join(dir, 'busy.db');
    const scan = collect(spawnCli(['--db', db, 'scan', '--targets', targets, '--distributed', '--chunk-size', '2', '--agent-wait', '30', ...SCAN], central));
    await until(async () => {
      try {
        return Number((await rows<{ n: number }>(db, "select count(*) as n from audit_chunks where state = 'stored'"))[0]!.n) >= 1;
      } catch {
        return false;
      }
    }, 60_000, 'a first stored job');
    const blocker = new Database(db);
    blocker.exec('begin immediate');
    await new Promise((r) => setTimeout(r, 6500)); // past the store's 5 s busy timeout: results fail and wait
    blocker.exec('commit');
    blocker.close();
    const done = await scan;
    expect(done.code, done.stderr).toBe(0);
    expect(await rows(db, "select count(*) as n from audit_chunks where state = 'stored'")).toEqual([{ n: 4 }]);
    expect(await byHost(db, FINDINGS)).toEqual(reference);
    expect(await byHost(db, OBSERVATIONS)).toEqual(await byHost(join(dir, 'local.db'), OBSERVATIONS));
  }, 120_000);

  it('resumes after the central process is killed, without rescanning what was stored', async () => {
    // The central history here is PostgreSQL: what a province's shared history would be.
    const db = await pg().createDatabase('central');
    // Heartbeats come every second: let the previous test's last one arrive before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const before = (await beats()).reduce((n, b) => n + b.jobsDone, 0);
    const child = spawnCli(['--db', db, 'scan', '--targets', targets, '--distributed', '--chunk-size', '2', '--agent-wait', '30', ...SCAN], central);
    const finished = collect(child);
    await until(async () => {
      try {
        return Number((await rows<{ n: number }>(db, "select count(*) as n from audit_chunks where state = 'stored'"))[0]!.n) >= 1;
      } catch {
        return false;
      }
    }, 60_000, 'a first stored job');
    child.kill('SIGKILL');
    expect((await finished).signal).toBe('SIGKILL');
    expect(await rows(db, 'select status from audits')).toEqual([{ status: 'running' }]);

    const midway = await runCli(['--db', db, 'jobs', '1', '--json'], central);
    const states = (JSON.parse(midway.stdout) as Array<{ state: string }>).map((j) => j.state);
    expect(states).toContain('done');
    expect(states.every((s) => ['done', 'running', 'waiting'].includes(s))).toBe(true);
    const resumed = await runCli(['--db', db, 'server', '--once'], central);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming audit #1: [0-3] of 4 jobs not finished/);
    expect(await rows(db, 'select status from audits')).toEqual([{ status: 'complete' }]);
    expect(await byHost(db, FINDINGS)).toEqual(reference);
    expect(await byHost(db, OBSERVATIONS)).toEqual(await byHost(join(dir, 'local.db'), OBSERVATIONS));
    // The agents' last heartbeats may come a second after the audit is stored.
    const jobsRun = async () => (await beats()).reduce((n, b) => n + b.jobsDone, 0) - before;
    await until(async () => (await jobsRun()) >= 4, 10_000, 'the agents to count their jobs');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await jobsRun()).toBe(4);
  }, 120_000);
});
