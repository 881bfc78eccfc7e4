import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import type { Finding, Verdict } from '../../src/core/model/finding.js';
import { LifecycleBuilder } from '../../src/reports/lifecycle.js';
import { cliEnv, runCli, tempDir } from '../helpers/cli.js';

function failure(ruleId: string, host: string, severity: Finding['severity']): Finding {
  return { ruleId, host, severity, outcome: 'fail', category: 'x', fingerprint: `${ruleId}@${host}`, evidenceKey: '', evidence: {}, title: { vi: ruleId, en: ruleId }, controls: {} };
}
const pass = (ruleId: string, host: string): Verdict => ({ ruleId, host, severity: 'high', outcome: 'pass', category: 'x' });

describe('finding lifecycle (pure)', () => {
  it('tracks open, fixed by the proving audit, reopened, days open and SLA overdue', () => {
    const builder = new LifecycleBuilder();
    const high = failure('r.high', 'h', 'high');
    const low = failure('r.low', 'h', 'low');
    builder.add({ id: 1, startedAt: '2026-01-01T00:00:00Z' }, { findings: [high, low], observations: [] });
    builder.add({ id: 2, startedAt: '2026-01-10T00:00:00Z' }, { findings: [pass('r.high', 'h'), low], observations: [] });
    const mid = builder.build('2026-01-11T00:00:00Z', new Map());
    expect(mid.find((h) => h.finding.ruleId === 'r.high')).toMatchObject({ status: 'fixed', fixedBy: 2, daysOpen: 9, overdue: false });
    builder.add({ id: 3, startedAt: '2026-02-01T00:00:00Z' }, { findings: [high, low], observations: [] });
    const now = '2026-03-20T00:00:00Z';
    const byRule = new Map(builder.build(now, new Map()).map((h) => [h.finding.ruleId, h]));
    // Reopened on 1 February: 47 days open, past the 30 days allowed for high.
    expect(byRule.get('r.high')).toMatchObject({ status: 'reopened', reopened: 1, fixedBy: null, daysOpen: 47, slaDays: 30, overdue: true, firstAudit: 1, lastAudit: 3 });
    expect(byRule.get('r.low')).toMatchObject({ status: 'open', daysOpen: 78, slaDays: 180, overdue: false, firstSeen: '2026-01-01T00:00:00Z' });
    const decisions = new Map([['r.low@h', { fingerprint: 'r.low@h', status: 'accepted-risk' as const, reason: 'legacy', actor: 'an', at: now, auditId: 3, until: '2026-04-01T00:00:00Z' }]]);
    expect(builder.build(now, decisions).find((h) => h.finding.ruleId === 'r.low')).toMatchObject({ status: 'accepted-risk', expired: false });
    expect(builder.build('2026-04-02T00:00:00Z', decisions).find((h) => h.finding.ruleId === 'r.low')).toMatchObject({ status: 'open', expired: true });
    expect(builder.build(now, new Map(), { critical: 7, high: 60, medium: 90, low: 180, info: null }).find((h) => h.finding.ruleId === 'r.high')?.overdue).toBe(false);
  });
});

// Loopback 127.0.120.0/24 only, never port 2024. X has MySQL (high) and SSH-alt (low).
const X = '127.0.120.20';
let mysql: ListenerSet | null = null;
let ssh: ListenerSet;
beforeAll(async () => {
  mysql = await startListeners([{ host: X, port: 3306 }]);
  ssh = await startListeners([{ host: X, port: 2222 }]);
});
afterAll(async () => {
  await mysql?.close();
  await ssh.close();
});

interface HistoryJson {
  fingerprint: string;
  port: number | null;
  status: string;
  fixedBy: number | null;
  reopened: number;
  firstAudit: number;
  lastAudit: number;
  expired: boolean;
}

describe('rasoat findings, accept and suppression', () => {
  const db = join(tempDir(), 'h.db');
  const scan = async () => {
    const run = await runCli(['scan', X, '-p', '22,2222,3306', '--only', 'ports', '--exclude-ports', '2024', '--db', db, '-q'], cliEnv());
    expect(run.code, run.stderr).toBe(0);
  };
  const histories = async () => JSON.parse((await runCli(['findings', '--json', '--db', db], cliEnv())).stdout) as HistoryJson[];

  it('shows a fix and a reopening across audits', async () => {
    await scan();
    await mysql!.close();
    mysql = null;
    await scan();
    expect((await histories()).find((h) => h.port === 3306)).toMatchObject({ status: 'fixed', fixedBy: 2 });
    mysql = await startListeners([{ host: X, port: 3306 }]);
    await scan();
    const all = await histories();
    expect(all.find((h) => h.port === 3306)).toMatchObject({ status: 'reopened', reopened: 1, fixedBy: null, lastAudit: 3 });
    expect(all.find((h) => h.port === 2222)).toMatchObject({ status: 'open', firstAudit: 1, lastAudit: 3 });
  });

  it('an accepted risk is listed as suppressed and not counted until its date passes', async () => {
    const all = await histories();
    const sshAlt = all.find((h) => h.port === 2222)!;
    const db3306 = all.find((h) => h.port === 3306)!;
    expect((await runCli(['findings', 'accept', sshAlt.fingerprint, '--db', db], cliEnv())).code).toBe(2); // no reason
    expect((await runCli(['findings', 'accept', sshAlt.fingerprint, '--reason', 'jump host, firewalled', '--until', '2099-12-31', '--db', db], cliEnv())).code).toBe(0);
    // Accepted until a date already past: it counts again at once.
    expect((await runCli(['findings', 'accept', db3306.fingerprint.slice(0, 12), '--reason', 'old', '--until', '2020-01-01', '--db', db], cliEnv())).code).toBe(0);

    const shown = await runCli(['show', 'latest', '--db', db, '--fail-on', 'low'], cliEnv());
    expect(shown.stdout).toMatch(/Failures: 1\n/);
    expect(shown.stdout).toMatch(/Suppressed \(not counted\): 1[\s\S]*accepted risk.*2222.*jump host, firewalled.*2099-12-31/);
    expect(shown.code).toBe(1); // MySQL still counts
    const report = JSON.parse((await runCli(['report', 'latest', '-f', 'json', '--db', db], cliEnv())).stdout) as { summary: { failures: Record<string, number> }; suppressed: Array<{ fingerprint: string }> };
    expect(report.summary.failures).toMatchObject({ high: 1, low: 0 });
    expect(report.suppressed.map((s) => s.fingerprint)).toEqual([sshAlt.fingerprint]);

    const after = await histories();
    expect(after.find((h) => h.port === 2222)).toMatchObject({ status: 'accepted-risk', expired: false });
    expect(after.find((h) => h.port === 3306)).toMatchObject({ status: 'reopened', expired: true });
    expect((await runCli(['findings', 'reopen', sshAlt.fingerprint, '--db', db], cliEnv())).code).toBe(0);
    expect((await histories()).find((h) => h.port === 2222)?.status).toBe('open');
    const text = await runCli(['findings', '--db', db, '--lang', 'vi'], cliEnv());
    expect(text.stdout).toMatch(/Phát hiện: 1 đang mở, 1 tái xuất hiện/);
  });
});
