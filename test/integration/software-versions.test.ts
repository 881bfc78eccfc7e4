import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { startSshd, type Daemon } from '../../fixtures/servers/services.js';
import { html, startRouteServer, type RouteServer } from '../scanners/software/route-server.js';
import { cliEnv, expectNoStackTrace, parseAuditJson, runCli, tempDir } from '../helpers/cli.js';
import { needsPeer } from '../helpers/peers.js';

// Loopback only, 127.0.131.0/24, never port 2024, no names.
const REAL_SSH = '127.0.131.1'; // Debian's own sshd, as installed by .ci/run (patched for CVE-2024-6387)
const OLD_SSH = '127.0.131.2'; // a Debian 12 banner from before the fix (deb12u2)
const WEB = '127.0.131.3'; // a portal with an old jQuery on two pages and a Debian Apache 2.4.49
const SSH_PORT = 2222;
const WEB_PORT = 8080;
const hasSshd = needsPeer('/usr/sbin/sshd', '-V');

let sshd: Daemon | undefined;
let listeners: ListenerSet;
let web: RouteServer;
const feeds = tempDir('rasoat-feeds-');

/** Feed files written from public facts, in each feed's own format, as `rasoat feeds import` takes them. */
function writeFeeds(): void {
  mkdirSync(feeds, { recursive: true });
  const osv = (id: string, ecosystem: string, fixed: string) => ({
    id,
    modified: '2024-07-01T00:00:00Z',
    upstream: ['CVE-2024-6387'],
    affected: [{ package: { ecosystem, name: 'openssh' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  });
  writeFileSync(join(feeds, 'debian-osv.json'), JSON.stringify([osv('DSA-5724-1', 'Debian:12', '1:9.2p1-2+deb12u3')]));
  writeFileSync(
    join(feeds, 'jsrepository.json'),
    JSON.stringify({
      jquery: {
        extractors: { filecontent: ['/\\*!? jQuery v(§§version§§)'] },
        vulnerabilities: [
          { below: '3.5.0', atOrAbove: '1.2.0', severity: 'medium', identifiers: { CVE: ['CVE-2020-11022'], summary: 'Regex in its jQuery.htmlPrefilter sometimes may introduce XSS' }, info: ['https://nvd.nist.gov/vuln/detail/CVE-2020-11022'] },
          { below: '3.4.0', severity: 'medium', identifiers: { CVE: ['CVE-2019-11358'], summary: 'Prototype pollution in jQuery.extend' }, info: ['https://nvd.nist.gov/vuln/detail/CVE-2019-11358'] },
        ],
      },
    }),
  );
  writeFileSync(join(feeds, 'jquery.yaml'), ['releases:', '  - releaseCycle: "3"', '    releaseDate: 2016-06-09', '    eol: false', '    latest: "3.7.1"', '  - releaseCycle: "1"', '    releaseDate: 2006-08-26', '    eol: true', '    latest: "1.12.4"', ''].join('\n'));
}

beforeAll(async () => {
  writeFeeds();
  if (hasSshd) sshd = await startSshd(REAL_SSH, SSH_PORT, { config: [] });
  listeners = await startListeners([{ host: OLD_SSH, port: SSH_PORT, banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n' }]);
  const jquery = readFileSync(new URL('../../node_modules/jquery-1.12.4/dist/jquery.min.js', import.meta.url));
  const page = html('<script src="/static/lib.js"></script>') as { headers: Record<string, string>; body: string };
  const script = { headers: { 'content-type': 'application/javascript' }, body: jquery };
  web = await startRouteServer(WEB, WEB_PORT, {
    '/': { ...page, headers: { ...page.headers, server: 'Apache/2.4.49 (Debian)' }, body: page.body.replace('</body>', '<a href="/tin-tuc">Tin tức</a><script src="/assets/old/jquery.js"></script></body>') },
    '/static/lib.js': script,
    '/assets/old/jquery.js': script,
  });
});
afterAll(async () => {
  await sshd?.close();
  await listeners?.close();
  await web?.close();
});

interface AuditJson {
  observations: Array<{ kind: string; host: string; data: Record<string, unknown> }>;
  findings: Array<{ ruleId: string; outcome: string; host: string; reason?: string; evidence?: Record<string, unknown> }>;
}

async function scan(db: string): Promise<AuditJson> {
  const targets = hasSshd ? `${REAL_SSH}-3` : `${OLD_SSH}-3`;
  const result = await runCli(
    ['scan', targets, '-p', `${SSH_PORT},${WEB_PORT}`, '--http-ports', String(WEB_PORT), '--exclude-ports', '2024', '--skip-discovery', '--only', 'ports,services,http,software', '--db', db, '--json', '-q'],
    cliEnv(),
  );
  expectNoStackTrace(result.stderr);
  expect([0, 1], result.stderr).toContain(result.code);
  return parseAuditJson<AuditJson>(result.stdout);
}

const failed = (audit: AuditJson, host: string) => audit.findings.filter((f) => f.host === host && f.outcome === 'fail' && f.ruleId.startsWith('software.'));

describe('outdated and vulnerable software, judged with feeds imported from files', () => {
  it('reports what the feeds say, one finding per product, and never a patched Debian OpenSSH', async () => {
    const db = join(tempDir(), 'history.db');
    const imported = await runCli(['feeds', 'import', feeds, '--db', db], cliEnv());
    expect(imported.code, imported.stderr).toBe(0);
    const audit = await scan(db);

    if (hasSshd) {
      const real = audit.observations.find((o) => o.kind === 'software.product' && o.host === REAL_SSH);
      expect(real?.data).toMatchObject({ product: 'openssh', version: '9.2p1', distro: { name: 'debian', release: '12' } });
      expect((real?.data.distro as { packageVersion: string }).packageVersion).toMatch(/^1:9\.2p1-2\+deb12u\d+$/);
      // Debian fixed CVE-2024-6387 in 1:9.2p1-2+deb12u3: the installed build is not reported at all.
      expect(failed(audit, REAL_SSH).map((f) => f.ruleId)).toEqual([]);
      expect(audit.findings.find((f) => f.host === REAL_SSH && f.ruleId === 'software.vulnerable.high')?.outcome).toBe('pass');
    }

    const old = failed(audit, OLD_SSH);
    expect(old.map((f) => f.ruleId)).toEqual(['software.vulnerable.high']);
    expect(old[0]!.evidence).toMatchObject({ product: 'openssh', version: '9.2p1', cves: ['CVE-2024-6387'], maxCvss: 8.1, fixedIn: '1:9.2p1-2+deb12u3', confidence: 'high' });

    const site = failed(audit, WEB);
    const jquery = site.filter((f) => f.evidence?.product === 'jquery');
    expect(jquery.map((f) => f.ruleId).sort()).toEqual(['software.lifecycle.end-of-life', 'software.vulnerable.medium']);
    const vulnerable = jquery.find((f) => f.ruleId === 'software.vulnerable.medium')!;
    expect(vulnerable.evidence).toMatchObject({ version: '1.12.4', cves: ['CVE-2019-11358', 'CVE-2020-11022'], fixedIn: '3.5.0' });
    expect(vulnerable.evidence?.locations).toEqual([`http://${WEB}:${WEB_PORT}/assets/old/jquery.js`, `http://${WEB}:${WEB_PORT}/static/lib.js`]);
    // Apache 2.4.49 is in the range of CVE-2021-41773, but a Debian build without its package revision is not conclusive.
    const apache = site.find((f) => f.evidence?.product === 'apache-http-server' && f.ruleId.startsWith('software.vulnerable'));
    expect(apache).toMatchObject({ ruleId: 'software.vulnerable.inconclusive', evidence: { confidence: 'low', cves: ['CVE-2021-41773', 'CVE-2021-42013'] } });
  });

  it('without feeds says the vulnerability rules could not be assessed, but still reports what rasoat\'s own data knows', async () => {
    const audit = await scan(join(tempDir(), 'history.db'));
    expect(failed(audit, OLD_SSH).map((f) => f.ruleId)).toEqual(['software.vulnerable.high']);
    const medium = audit.findings.find((f) => f.host === WEB && f.ruleId === 'software.vulnerable.medium');
    expect(medium).toMatchObject({ outcome: 'not-assessed', reason: 'software.vulnerable: no vulnerability feed imported (rasoat feeds import)' });
    expect(audit.findings.find((f) => f.host === WEB && f.ruleId === 'software.lifecycle.end-of-life')?.outcome).toBe('not-assessed');
  });
});
