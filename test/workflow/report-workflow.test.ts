import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir } from '../helpers/cli.js';
import { expectValid, sarifValidator, schemaValidator } from '../reports/support.js';

// Loopback 127.0.121.0/24 only, never port 2024. The host has MySQL (high) and SSH-alt (low) open.
const HOST = '127.0.121.80';
let listeners: ListenerSet;
const dir = tempDir();
const db = join(dir, 'h.db');
const env = cliEnv();
const cli = async (args: string[]) => {
  const result = await runCli([...args, '--db', db], env);
  expectNoStackTrace(result.stderr);
  return result;
};

interface ReportJson {
  summary: { failures: Record<string, number> };
  suppressed?: Array<{ fingerprint: string; reason: string }>;
  expiredSuppressions?: Array<{ fingerprint: string }>;
  trend?: Array<{ agency: string | null; points: Array<{ audit: number; failures: Record<string, number> }> }>;
}
const report = async (...flags: string[]) => {
  const result = await cli(['report', 'latest', '-f', 'json', ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ReportJson;
};

let sshAlt = '';
beforeAll(async () => {
  listeners = await startListeners([
    { host: HOST, port: 3306 },
    { host: HOST, port: 2222 },
  ]);
  for (let i = 0; i < 2; i++) expect((await cli(['scan', HOST, '-p', '2222,3306', '--only', 'ports', '--exclude-ports', '2024', '-q'])).code).toBe(0);
  const findings = JSON.parse((await cli(['findings', '--json'])).stdout) as Array<{ fingerprint: string; port: number | null }>;
  sshAlt = findings.find((f) => f.port === 2222)!.fingerprint;
  expect((await cli(['findings', 'accept', sshAlt, '--reason', 'jump host, firewalled', '--until', '2099-12-31', '--by', 'an.nv'])).code).toBe(0);
}, 90_000);
afterAll(async () => listeners.close());

describe('rasoat report with decisions and history', () => {
  it('JSON: the accepted risk is listed and not counted; the trend over both audits is there by default', async () => {
    const doc = await report();
    expectValid(schemaValidator('audit-report.schema.json'), doc);
    expect(doc.summary.failures).toMatchObject({ high: 1, low: 0 });
    expect(doc.suppressed).toEqual([expect.objectContaining({ fingerprint: sshAlt, reason: 'jump host, firewalled' })]);
    expect(doc.trend?.[0]?.points.map((p) => [p.audit, p.failures.high, p.failures.low])).toEqual([
      [1, 1, 0],
      [2, 1, 0],
    ]);
  }, 60_000);

  it('--no-suppressions counts every failure, as if no decision existed; --no-trend and --trend 0 leave the trend out', async () => {
    const plain = await report('--no-suppressions');
    expect(plain.summary.failures).toMatchObject({ high: 1, low: 1 });
    expect(plain.suppressed).toBeUndefined();
    expect(plain.trend?.[0]?.points.map((p) => p.failures.low)).toEqual([1, 1]);
    expect((await report('--no-trend')).trend).toBeUndefined();
    expect((await report('--trend', '0')).trend).toBeUndefined();
    expect((await report('--trend')).trend?.[0]?.points).toHaveLength(2);
    expect((await report('--trend', '1')).trend?.[0]?.points).toHaveLength(2);
  }, 60_000);

  it('HTML, SARIF, CSV and the compliance report honour the decision', async () => {
    const html = (await cli(['report', 'latest', '-f', 'html'])).stdout;
    expect(html).toContain('<section id="trend"');
    expect(html).toMatch(/<section id="suppressed"[\s\S]*jump host, firewalled[\s\S]*an\.nv/);
    const sarif = JSON.parse((await cli(['report', 'latest', '-f', 'sarif'])).stdout) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string>; suppressions?: Array<{ status: string }> }> }> };
    expectValid(sarifValidator(), sarif);
    const result = sarif.runs[0]!.results.find((r) => r.partialFingerprints['rasoatFingerprint/v1'] === sshAlt)!;
    expect(result.suppressions).toMatchObject([{ kind: 'external', status: 'accepted', justification: 'jump host, firewalled' }]);
    const csv = (await cli(['report', 'latest', '-f', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,Suppressed,Why,Decided by,Until$/);
    expect(csv.find((line) => line.includes(sshAlt))).toMatch(/,Accepted risk,"jump host, firewalled","an\.nv, [^"]+",31 Dec 2099$/);
    const compliance = await cli(['report', 'latest', '--framework', 'tcvn14423-2026', '--level', '3', '-f', 'json']);
    expect(compliance.code, compliance.stderr).toBe(0);
    expect((JSON.parse(compliance.stdout) as { suppressed?: Array<{ fingerprint: string }> }).suppressed?.map((s) => s.fingerprint)).toEqual([sshAlt]);
  }, 90_000);
});
