import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { sparkline, trendSeries } from '../../src/reports/trend.js';
import { cliEnv, runCli, tempDir } from '../helpers/cli.js';

describe('trend series (pure)', () => {
  it('draws a sparkline from lowest to highest, with a dot for no value', () => {
    expect(sparkline([0, 4, 8, null])).toBe('▁▅█·');
    expect(sparkline([2, 2])).toBe('▄▄');
    expect(sparkline([])).toBe('');
  });

  it('gives one overall series when there is one agency at most', () => {
    expect(trendSeries([{ id: 1, startedAt: 'x', targets: [], findings: [] }]).map((s) => s.agency)).toEqual([null]);
  });
});

// Loopback 127.0.120.0/24 only, never port 2024. Two agencies: one fixes its MySQL, one does not.
const FIN = '127.0.120.30';
const EDU = '127.0.120.31';
let fin: ListenerSet | null = null;
let edu: ListenerSet;
let finWeb: ListenerSet;
beforeAll(async () => {
  fin = await startListeners([{ host: FIN, port: 3306 }]);
  finWeb = await startListeners([{ host: FIN, port: 8081 }]); // keeps the host up, and so graded, after the fix
  edu = await startListeners([{ host: EDU, port: 3306 }]);
});
afterAll(async () => {
  await fin?.close();
  await edu.close();
  await finWeb.close();
});

// Every port the database rule judges: probed, so the rule can pass once MySQL is closed.
const DATABASE_PORTS = '523,1433,1434,1521,1522,1583,2483,2484,3306,5432,5984,7474,8086,9042,27017,27018,28017,50000';

describe('rasoat trend', () => {
  it('prints severity counts and grades per agency and overall over audits', async () => {
    const dir = tempDir();
    const db = join(dir, 'h.db');
    const targets = join(dir, 'targets.yaml');
    writeFileSync(targets, `groups:\n  - agency: So Tai chinh\n    level: 3\n    targets: [${FIN}]\n  - agency: So Giao duc\n    level: 2\n    targets: [${EDU}]\n`);
    const scan = async () => expect((await runCli(['scan', '--targets', targets, '-p', `${DATABASE_PORTS},8081`, '--only', 'ports', '--exclude-ports', '2024', '--db', db, '-q'], cliEnv())).code).toBe(0);
    await scan();
    await fin!.close();
    fin = null;
    await scan();

    const json = JSON.parse((await runCli(['trend', '--json', '--db', db], cliEnv())).stdout) as Array<{ agency: string | null; points: Array<{ audit: number; failures: { high: number }; grade: string | null }> }>;
    const high = (agency: string | null) => json.find((s) => s.agency === agency)!.points.map((p) => p.failures.high);
    expect(high(null)).toEqual([2, 1]);
    expect(high('So Tai chinh')).toEqual([1, 0]);
    expect(high('So Giao duc')).toEqual([1, 1]);
    expect(json.find((s) => s.agency === 'So Tai chinh')!.points.at(-1)!.grade).toBe('A');

    const text = await runCli(['trend', '--db', db], cliEnv());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Agency: So Tai chinh[\s\S]*Failures: █▁/);
  });
});
