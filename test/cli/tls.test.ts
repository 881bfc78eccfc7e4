import { createServer, type Server } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, type Issued } from '../../fixtures/certs/generate.js';
import { startStartTlsServer } from '../../fixtures/servers/starttls.js';
import { cliEnv, expectNoStackTrace, parseAuditJson, runCli, tempDir } from '../helpers/cli.js';

// The TLS flags through the real CLI: a portal on 127.0.75.1:8443 issued by an "agency CA", and
// SMTP with STARTTLS on a non-standard port.
const HOST = '127.0.75.1';
const FLAGS = ['-p', '8443,2525', '--exclude-ports', '2024', '--starttls', 'smtp:2525', '--resolve', `portal.test:${HOST}`];
let ca: Issued;
let portal: Server;
let closeMail: () => Promise<void>;

interface AuditJson {
  observations: Array<{ kind: string; port: number | null; data: Record<string, unknown> }>;
  findings: Array<{ ruleId: string; outcome: string; port: number | null; evidence: Record<string, unknown> }>;
}

beforeAll(async () => {
  ca = issue({ subject: '/CN=Agency CA', ca: true, days: 3650 });
  const leaf = issue({ subject: '/CN=portal.test', san: ['DNS:portal.test'], issuer: ca, days: 60, ocspUrl: 'http://ocsp.ca.test/' });
  portal = createServer({ key: leaf.key, cert: `${leaf.cert}${ca.cert}`, minVersion: 'TLSv1.2' }, (s) => s.end());
  portal.on('tlsClientError', () => undefined);
  await new Promise<void>((ready) => portal.listen(8443, HOST, ready));
  closeMail = (await startStartTlsServer('smtp', HOST, 2525, { key: leaf.key, cert: `${leaf.cert}${ca.cert}`, offersTls: true })).close;
});
afterAll(async () => {
  await new Promise((done) => portal.close(done));
  await closeMail();
});

async function scan(args: string[]): Promise<AuditJson> {
  const result = await runCli(['scan', 'portal.test', ...FLAGS, ...args, '--json', '-q'], cliEnv());
  expectNoStackTrace(result.stderr);
  expect(result.code, result.stderr).toBe(0);
  return parseAuditJson<AuditJson>(result.stdout);
}

const outcome = (audit: AuditJson, ruleId: string) => audit.findings.filter((f) => f.ruleId === ruleId).map((f) => f.outcome);

describe('rasoat scan with the TLS flags', () => {
  const db = join(tempDir(), 'h.db');

  it('trusts the agency CA given with --ca-file, and scans SMTP given with --starttls', async () => {
    const audit = await scan(['--db', db, '--ca-file', ca.certFile]);
    const grades = audit.observations.filter((o) => o.kind === 'tls.grade').map((o) => [o.port, o.data.grade]);
    expect(grades).toEqual(expect.arrayContaining([[8443, 'A'], [2525, 'A']]));
    expect(outcome(audit, 'tls.chain.untrusted')).toEqual(['pass']);
    expect(audit.observations.find((o) => o.kind === 'tls.starttls')?.data).toMatchObject({ protocol: 'smtp', offered: true });
  });

  it('without --ca-file, the same chain is untrusted', async () => {
    const audit = await scan(['--db', db]);
    // One failure per endpoint: the portal and the mail port.
    expect(outcome(audit, 'tls.chain.untrusted')).toEqual(['fail', 'fail']);
  });

  it('--cert-expiry-days and --rule-param move the expiry warning; rejudge applies new parameters to stored facts', async () => {
    expect(outcome(await scan(['--db', db, '--ca-file', ca.certFile]), 'tls.certificate.expiring-soon')).toEqual(['pass']);
    expect(outcome(await scan(['--db', db, '--ca-file', ca.certFile, '--cert-expiry-days', '90']), 'tls.certificate.expiring-soon')).toEqual(['fail', 'fail']);
    expect(outcome(await scan(['--db', db, '--ca-file', ca.certFile, '--rule-param', 'tls.certificate.expiring-soon.days=90']), 'tls.certificate.expiring-soon')).toEqual(['fail', 'fail']);

    const rejudged = await runCli(['rejudge', 'latest', '--db', db, '--cert-expiry-days', '30'], cliEnv());
    expect(rejudged.code, rejudged.stderr).toBe(0);
    const shown = await runCli(['show', 'latest', '--db', db, '--json'], cliEnv());
    expect(outcome(parseAuditJson<AuditJson>(shown.stdout), 'tls.certificate.expiring-soon')).toEqual(['pass']);
  });
});
