import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, collect, expectNoStackTrace, parseAuditJson, runCli, tempDir } from '../helpers/cli.js';

const DEMO = new URL('../../dist/fixtures/lab/demo.js', import.meta.url).pathname;

// `npm run demo` is the first thing a newcomer runs: the lab on 127.0.77.x must come up, be
// scanned into the history and show real findings, and the clean host must stay clean.
describe('the demo lab', () => {
  it('scans, stores and shows the lab weaknesses, and nothing on the clean host', async () => {
    const db = join(tempDir('rasoat-demo-test-'), 'history.db');
    const demo = await collect(spawn(process.execPath, [DEMO, '--db', db], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
    expectNoStackTrace(demo.stderr);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).not.toMatch(/TLS services skipped/);

    const audit = await runCli(['show', 'latest', '--db', db, '--json'], cliEnv());
    expect(audit.code, audit.stderr).toBe(0);
    const { findings } = parseAuditJson<{ findings: Array<{ host: string; ruleId: string; outcome: string }> }>(audit.stdout);
    const failed = (host: string) => findings.filter((f) => f.host === host && f.outcome === 'fail').map((f) => f.ruleId);
    expect(failed('127.0.77.10')).toEqual(expect.arrayContaining(['tls.certificate.expired', 'tls.protocol.tls10-enabled', 'ports.service.database-exposed']));
    expect(failed('127.0.77.20')).toEqual(expect.arrayContaining(['tls.feature.heartbleed', 'tls.protocol.sslv3-enabled', 'tls.cipher.rc4-offered', 'ports.service.telnet-exposed', 'software.vulnerable.critical']));
    expect(failed('127.0.77.30')).toEqual(expect.arrayContaining(['ports.service.docker-api-exposed']));
    expect(failed('127.0.77.40')).toEqual([]);
    expect(findings.filter((f) => f.host === '127.0.77.40' && f.ruleId.startsWith('tls.') && f.outcome === 'pass').length).toBeGreaterThan(10);
  }, 120_000);
});
