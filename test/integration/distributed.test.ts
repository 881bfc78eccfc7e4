import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCredentials } from '../../src/cli/queue-options.js';
import { cliEnv, collect, runCli, tempDir } from '../helpers/cli.js';
import { clusterPeersPresent, Segment, startRedis, until, type TestRedis } from '../helpers/cluster.js';

/**
 * Two segments simulated by network namespaces, each with its own loopback and its own web
 * servers; the same address 127.0.150.20 answers differently in each, so who scanned it shows.
 * Agents run inside their namespace and reach the central Redis through its Unix socket.
 */
const run = clusterPeersPresent();
const A_HOST = '127.0.150.10';
const B_HOST = '127.0.150.20';
const C_HOST = '127.0.150.40';
/** In segment D, whose only agent is not allowed to scan it: the agent refuses the job. */
const D_HOST = '127.0.150.60';
const SCAN = ['-p', '8080', '--exclude-ports', '2024', '--no-nmap', '--only', 'ports,http', '-q'];

describe.runIf(run)('distributed audit over two segments', () => {
  let dir: string;
  let redis: TestRedis;
  let a: Segment;
  let b: Segment;
  let central: NodeJS.ProcessEnv;
  let scan: Awaited<ReturnType<typeof runCli>>;
  let agentA: ChildProcess;
  const secrets: string[] = [];

  beforeAll(async () => {
    dir = tempDir('rasoat-cluster-');
    redis = await startRedis(dir);
    secrets.push(redis.adminPassword);
    central = cliEnv({ RASOAT_QUEUE: redis.url, RASOAT_QUEUE_PASSWORD: redis.adminPassword });
    a = new Segment('a');
    b = new Segment('b');
    await a.webServers([{ address: A_HOST, port: 8080, banner: 'segA-portal/1.0' }, { address: B_HOST, port: 8080, banner: 'wrong-segment/6.6' }]);
    await b.webServers([{ address: B_HOST, port: 8080, banner: 'segB-portal/2.0' }]);
    for (const [name, segment, allow] of [['agent-a', 'A', '127.0.150.0/28'], ['agent-b', 'B', '127.0.150.16/28'], ['agent-d', 'D', '127.0.150.48/30']] as const) {
      const added = await runCli(['agents', 'add', name, '--segment', segment, '--allow', allow, '--out', join(dir, `${name}.yaml`)], central);
      expect(added.code, added.stderr).toBe(0);
      secrets.push(readCredentials(join(dir, `${name}.yaml`)).password!);
    }
    agentA = a.rasoat(['agent', '--credentials', join(dir, 'agent-a.yaml'), '--heartbeat', '1']);
    b.rasoat(['agent', '--credentials', join(dir, 'agent-b.yaml'), '--heartbeat', '1']);
    b.rasoat(['agent', '--credentials', join(dir, 'agent-d.yaml'), '--heartbeat', '1']);
    const admin = new Redis({ path: redis.socket, password: redis.adminPassword });
    try {
      await until(async () => (await Promise.all(['A', 'B', 'D'].map((s) => admin.hlen(`rasoat:seg.${s}.agents`)))).every((n) => n === 1), 20_000, 'the agents to report');
    } finally {
      admin.disconnect();
    }
    const targets = join(dir, 'targets.yaml');
    const groups = [`  - agency: So A\n    segment: A\n    targets: [${A_HOST}]`, `  - agency: So B\n    segment: B\n    targets: [${B_HOST}]`, `  - agency: Xa C\n    segment: C\n    targets: [${C_HOST}]`, `  - agency: Xa D\n    segment: D\n    targets: [${D_HOST}]`];
    writeFileSync(targets, `groups:\n${groups.join('\n')}\n`);
    scan = await runCli(['--db', join(dir, 'central.db'), 'scan', '--targets', targets, '--distributed', '--agent-wait', '3', '--chunk-size', '1', ...SCAN], central);
  }, 120_000);

  afterAll(() => {
    a?.remove();
    b?.remove();
    redis?.stop();
  });

  const findingsOf = (db: string, host: string) =>
    (new Database(db, { readonly: true }).prepare('select rule_id, outcome, evidence_key from findings where host = ? order by rule_id, evidence_key').all(host) as Array<Record<string, string>>).map((r) => `${r.rule_id} ${r.outcome} ${r.evidence_key}`);

  it('completes, each segment\'s hosts scanned only by that segment\'s agent', () => {
    expect(scan.code, scan.stderr).toBe(0);
    const db = new Database(join(dir, 'central.db'), { readonly: true });
    expect(db.prepare('select status from audits').get()).toEqual({ status: 'complete' });
    const chunks = db.prepare('select segment, state, agent from audit_chunks order by chunk').all();
    expect(chunks).toEqual([
      { segment: 'A', state: 'stored', agent: 'agent-a' },
      { segment: 'B', state: 'stored', agent: 'agent-b' },
      { segment: 'C', state: 'not-assessed', agent: null },
      { segment: 'D', state: 'not-assessed', agent: null },
    ]);
    const evidence = (db.prepare('select evidence_json from findings where host = ?').all(B_HOST) as Array<{ evidence_json: string }>).map((r) => r.evidence_json).join(' ');
    expect(evidence).toContain('segB-portal');
    expect(evidence).not.toContain('wrong-segment');
  });

  it('reports exactly the findings of one-machine audits of each segment', async () => {
    for (const [segment, host] of [[a, A_HOST], [b, B_HOST]] as const) {
      const db = join(dir, `${segment.ns}.db`);
      const local = await collect(segment.rasoat(['--db', db, 'scan', host, ...SCAN]));
      expect(local.code, local.stderr).toBe(0);
      const expected = findingsOf(db, host);
      expect(expected.length).toBeGreaterThan(10);
      expect(findingsOf(join(dir, 'central.db'), host)).toEqual(expected);
    }
  }, 60_000);

  it('ends a segment without a live agent as not assessed, with the reason, never passed', () => {
    const db = new Database(join(dir, 'central.db'), { readonly: true });
    const outcomes = db.prepare('select outcome, reason from findings where host = ?').all(C_HOST) as Array<{ outcome: string; reason: string }>;
    expect(outcomes.length).toBeGreaterThan(10);
    for (const o of outcomes) {
      expect(o.outcome).toBe('not-assessed');
      expect(o.reason).toBe('not-scanned: no live agent in segment C for 3 s');
    }
  });

  it('has an agent refuse a job outside its own allowed scope, and says so in the audit', async () => {
    const db = new Database(join(dir, 'central.db'), { readonly: true });
    const reasons = db.prepare('select distinct reason from findings where host = ?').all(D_HOST) as Array<{ reason: string }>;
    expect(reasons).toEqual([{ reason: `not-scanned: refused by agent agent-d: ${D_HOST} is outside this agent's allowed scope (127.0.150.48/30)` }]);
    const listed = await runCli(['agents', '--json'], central);
    expect((JSON.parse(listed.stdout) as Array<{ name: string; jobsRefused: number }>).find((a) => a.name === 'agent-d')?.jobsRefused).toBe(1);
  });

  it('shows the audit target by target: done by which agent, or not assessed and why', async () => {
    const jobs = await runCli(['--db', join(dir, 'central.db'), 'jobs', '1', '--hosts', '--json'], central);
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(JSON.parse(jobs.stdout)).toEqual([
      { host: A_HOST, segment: 'A', state: 'done', agent: 'agent-a', reason: null },
      { host: B_HOST, segment: 'B', state: 'done', agent: 'agent-b', reason: null },
      { host: C_HOST, segment: 'C', state: 'not-assessed', agent: null, reason: 'no live agent in segment C for 3 s' },
      { host: D_HOST, segment: 'D', state: 'not-assessed', agent: null, reason: `refused by agent agent-d: ${D_HOST} is outside this agent's allowed scope (127.0.150.48/30)` },
    ]);
    const table = await runCli(['--db', join(dir, 'central.db'), 'jobs', '1'], central);
    expect(table.stdout).toContain('targets: 2 done, 0 running, 0 waiting, 2 not assessed');
  });

  it('gives an agent\'s credentials its own segment only: not B\'s jobs, results or heartbeats, nor the control queue', async () => {
    const creds = readCredentials(join(dir, 'agent-a.yaml'));
    const connection = { path: redis.socket, username: creds.user!, password: creds.password!, maxRetriesPerRequest: null };
    const spy = new Queue('seg.B.jobs', { connection, prefix: 'rasoat' });
    const control = new Queue('central.control', { connection, prefix: 'rasoat' });
    const raw = new Redis({ path: redis.socket, username: creds.user!, password: creds.password!, lazyConnect: true });
    try {
      await expect(spy.getJobs(['waiting', 'completed', 'failed'])).rejects.toThrow(/NOPERM/);
      await expect(spy.add('chunk', { forged: true })).rejects.toThrow(/NOPERM/);
      await expect(control.add('audit', { auditId: 1 })).rejects.toThrow(/NOPERM/);
      await raw.connect();
      await expect(raw.hgetall('rasoat:seg.B.agents')).rejects.toThrow(/NOPERM/);
      await expect(raw.keys('*')).rejects.toThrow(/NOPERM/);
      await expect(raw.call('CONFIG', 'GET', 'dir')).rejects.toThrow(/NOPERM/);
      expect(await raw.hlen('rasoat:seg.A.agents')).toBeGreaterThan(0);
    } finally {
      await spy.close();
      await control.close();
      raw.disconnect();
    }
  });

  it('runs agents that listen on nothing: only the segment\'s own web servers have sockets open for connections', () => {
    const listening = execFileSync('ip', ['netns', 'exec', a.ns, 'ss', '-Hltnup'], { encoding: 'utf8' });
    const owners = new Set([...listening.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])));
    expect(owners.size).toBeGreaterThan(0);
    expect(owners.has(agentA.pid!)).toBe(false);
  });

  it('lists agents with segment, version, last heartbeat and jobs done', async () => {
    const listed = await runCli(['agents'], central);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/agent-a\s+A\s+\S+\s+\S+\s+\S+Z \([^)]*\)\s+live\s+1\s+0\s+0/);
    expect(listed.stdout).toMatch(/agent-b\s+B\s+/);
  });

  it('runs a drill on the agents when the drill says distributed, recorded under the drill', async () => {
    mkdirSync(join(dir, 'drills'), { recursive: true });
    writeFileSync(join(dir, 'drills', 'province.yaml'), 'inventory: [../targets.yaml]\nprofile: quick\nexcludePorts: "2024"\ndistributed: { agentWait: 3 }\n');
    const env = { ...central, RASOAT_CONFIG: join(dir, 'config.yaml') };
    const result = await runCli(['--db', join(dir, 'drill.db'), 'drill', 'run', 'province', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const db = new Database(join(dir, 'drill.db'), { readonly: true });
    expect(db.prepare('select drill from drill_runs').all()).toEqual([{ drill: 'province' }]);
    expect(db.prepare('select segment, state, agent from audit_chunks order by chunk').all()).toEqual([
      { segment: 'A', state: 'stored', agent: 'agent-a' },
      { segment: 'B', state: 'stored', agent: 'agent-b' },
      { segment: 'C', state: 'not-assessed', agent: null },
      { segment: 'D', state: 'not-assessed', agent: null },
    ]);
    expect(db.prepare('select status from audits').get()).toEqual({ status: 'complete' });
  }, 60_000);

  it('never writes a password into the audit, its reports or the output', async () => {
    const report = await runCli(['--db', join(dir, 'central.db'), 'report', 'latest', '--format', 'json'], central);
    expect(report.code, report.stderr).toBe(0);
    const dump = readFileSync(join(dir, 'central.db')).toString('latin1');
    for (const secret of secrets) {
      for (const text of [report.stdout, scan.stdout, scan.stderr, dump]) expect(text).not.toContain(secret);
    }
    expect(report.stdout).toContain(`"queue": "unix://${redis.socket}"`);
  });
});
