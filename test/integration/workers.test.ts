import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { cliEnv, parseAuditJson, runCli, tempDir } from '../helpers/cli.js';

// Ports above 1024 so the test needs no root: rule ports (MySQL, Redis, Docker API) and two others.
const OPEN: Array<[string, number]> = [
  ['127.0.62.3', 3306],
  ['127.0.62.3', 6379],
  ['127.0.62.7', 2375],
  ['127.0.62.12', 8080],
  ['127.0.62.19', 3389],
  ['127.0.62.19', 5432],
];

interface AuditJson {
  audit: { status: string; stats: { hosts: number; hostsUp: number } };
  observations: Array<{ kind: string; host: string; port: number | null }>;
  findings: Array<{ fingerprint?: string; outcome: string; ruleId: string; host: string; port: number | null }>;
}

describe('host jobs on worker threads', () => {
  let listeners: ListenerSet;
  beforeAll(async () => {
    listeners = await startListeners(OPEN.map(([host, port]) => ({ host, port })));
  });
  afterAll(() => listeners.close());

  async function scan(workers: string): Promise<AuditJson> {
    const db = join(tempDir(), 'h.db');
    const result = await runCli(['scan', '127.0.62.1-20', '-p', '2370-2380,3300-3400,5400-5450,6370-6390,8080', '--exclude-ports', '2024', '--workers', workers, '--db', db, '--json', '-q'], cliEnv());
    expect(result.code, result.stderr).toBe(0);
    return parseAuditJson<AuditJson>(result.stdout);
  }

  it('give exactly the results of the same audit run in one thread', async () => {
    const [inline, threaded] = [await scan('0'), await scan('2')];
    const open = (a: AuditJson) => a.observations.filter((o) => o.kind === 'port.open').map((o) => `${o.host}:${o.port}`).sort();
    expect(open(threaded)).toEqual(OPEN.map(([h, p]) => `${h}:${p}`).sort());
    expect(open(threaded)).toEqual(open(inline));
    const verdicts = (a: AuditJson) => a.findings.map((f) => `${f.fingerprint ?? `${f.ruleId}@${f.host}:${f.port}`} ${f.outcome}`).sort();
    expect(verdicts(threaded)).toEqual(verdicts(inline));
    expect(threaded.findings.filter((f) => f.outcome === 'fail').map((f) => `${f.ruleId}@${f.host}`).sort()).toEqual([
      'ports.service.database-exposed@127.0.62.19',
      'ports.service.database-exposed@127.0.62.3',
      'ports.service.datastore-exposed@127.0.62.3',
      'ports.service.docker-api-exposed@127.0.62.7',
      'ports.service.rdp-exposed@127.0.62.19',
    ]);
    expect(threaded.audit.stats).toMatchObject({ hosts: 20, hostsUp: 20 });
    expect(threaded.audit.status).toBe('complete');
  });
});
