import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, type Issued } from '../../fixtures/certs/generate.js';
import { startNginx, type NginxInstance } from '../../fixtures/servers/nginx.js';
import { auditInProcess, type InProcessAudit } from '../helpers/audit.js';
import { tempDir } from '../helpers/cli.js';
import { needsPeer } from '../helpers/peers.js';

// A real nginx on 127.0.72.x:8443, scanned by rasoat and by sslscan: both must see the same thing.
const PORT = 8443;
const SITES = { modern: '127.0.72.1', legacy: '127.0.72.2', dhe: '127.0.72.3' } as const;
const hasNginx = needsPeer('nginx', '-v');
const hasSslscan = needsPeer('sslscan');
const run = promisify(execFile);

let nginx: NginxInstance | undefined;
let root: Issued;
let audit: InProcessAudit;

beforeAll(async () => {
  if (!hasNginx) return;
  const dir = tempDir('rasoat-nginx-tls-');
  root = issue({ subject: '/CN=Test Province Root CA', ca: true, days: 3650 });
  const modern = issue({ subject: '/CN=portal.test', san: ['DNS:portal.test', `IP:${SITES.modern}`], issuer: root, ocspUrl: 'http://ocsp.ca.test/', crlUrl: 'http://crl.ca.test/root.crl' });
  const legacy = issue({ subject: '/CN=old.test', san: ['DNS:old.test'] });
  const dhe = issue({ subject: '/CN=dhe.test', san: [`IP:${SITES.dhe}`], issuer: root, ocspUrl: 'http://ocsp.ca.test/' });
  const dhparam = join(dir, 'dh1024.pem');
  await run('openssl', ['dhparam', '-out', dhparam, '1024'], { timeout: 60_000 });
  writeFileSync(join(dir, 'unused'), '');
  nginx = await startNginx([
    { host: SITES.modern, port: PORT, key: modern.key, cert: `${modern.cert}${root.cert}`, protocols: 'TLSv1.2 TLSv1.3', ciphers: 'ECDHE+AESGCM:ECDHE+CHACHA20' },
    { host: SITES.legacy, port: PORT, key: legacy.key, cert: legacy.cert, protocols: 'TLSv1 TLSv1.1 TLSv1.2', ciphers: 'ALL:@SECLEVEL=0', preferServerCiphers: false },
    {
      host: SITES.dhe,
      port: PORT,
      key: dhe.key,
      cert: `${dhe.cert}${root.cert}`,
      protocols: 'TLSv1.2',
      ciphers: 'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
      extra: [`ssl_dhparam ${dhparam};`, 'ssl_ecdh_curve secp384r1:prime256v1;'],
    },
  ]);
  audit = await auditInProcess(Object.values(SITES), { ports: String(PORT), tls: { trust: { system: false, caFiles: [root.certFile] } } });
}, 180_000);

afterAll(async () => {
  await nginx?.close();
});

describe.runIf(hasNginx)('a real nginx', () => {
  it('modern site: only OCSP stapling is missing, grade A', () => {
    expect(audit.failed(SITES.modern)).toEqual(['tls.chain.ocsp-stapling-missing']);
    expect(audit.facts('tls.grade', { host: SITES.modern })[0]?.grade).toBe('A');
    expect(audit.facts('tls.endpoint', { host: SITES.modern })[0]?.offered).toEqual(['TLSv1.2', 'TLSv1.3']);
  });

  it('legacy site: old protocols, client order, CBC and static RSA, self-signed', () => {
    expect(audit.failed(SITES.legacy)).toEqual(
      expect.arrayContaining([
        'tls.protocol.tls10-enabled',
        'tls.protocol.tls11-enabled',
        'tls.protocol.tls13-missing',
        'tls.cipher.server-order-missing',
        'tls.cipher.non-forward-secret-offered',
        'tls.certificate.self-signed',
        'tls.chain.untrusted',
        'tls.cipher.anonymous-offered',
      ]),
    );
    expect(audit.outcome('tls.feature.secure-renegotiation-missing', SITES.legacy)).toBe('pass');
    expect(audit.outcome('tls.feature.heartbleed', SITES.legacy)).toBe('pass');
    expect(audit.outcome('tls.feature.fallback-scsv-missing', SITES.legacy)).toBe('pass');
  });

  it('DHE site: the 1024-bit dhparam and the configured curves', () => {
    const groups = audit.facts('tls.group', { host: SITES.dhe });
    expect(groups.filter((g) => g.type === 'ecdhe').map((g) => g.group).sort()).toEqual(['secp256r1', 'secp384r1']);
    expect(groups.filter((g) => g.type === 'ffdhe').map((g) => g.bits)).toEqual([1024]);
    expect(audit.failed(SITES.dhe)).toContain('tls.group.dh-below-2048');
    expect(audit.facts('tls.grade', { host: SITES.dhe })[0]?.caps).toContain('B:dh-below-2048');
  });
});

interface SslscanView {
  protocols: string[];
  accepted: string[];
}

/** sslscan's XML: enabled protocols and accepted suites as "protocol id". */
async function sslscan(address: string): Promise<SslscanView> {
  const { stdout } = await run('sslscan', ['--no-colour', '--xml=-', `${address}:${PORT}`], { timeout: 120_000, maxBuffer: 1 << 24 });
  const protocols = [...stdout.matchAll(/<protocol type="(ssl|tls)" version="([\d.]+)" enabled="1"/g)].map(([, type, version]) => (type === 'ssl' ? `SSLv${version}` : `TLSv${version}`));
  const accepted = [...stdout.matchAll(/<cipher status="(?:preferred|accepted)" sslversion="([^"]+)"[^>]* id="0x([0-9A-Fa-f]+)"/g)].map(([, version, id]) => `${version!.replace(/^TLSv1$/, 'TLSv1.0')} 0x${id!.toUpperCase().padStart(4, '0')}`);
  return { protocols: protocols.map((p) => p.replace(/^TLSv1$/, 'TLSv1.0')).sort(), accepted: accepted.sort() };
}

function rasoatView(address: string): SslscanView {
  const protocols = audit.facts('tls.protocol', { host: address }).filter((p) => p.offered).map((p) => p.protocol).sort();
  const accepted = audit.facts('tls.cipher', { host: address }).map((c) => `${c.protocol} ${c.code}`).sort();
  return { protocols, accepted };
}

describe.runIf(hasNginx && hasSslscan)('agreement with sslscan', () => {
  it.each(Object.entries(SITES))('%s: the same protocols and the same accepted suites', async (_name, address) => {
    const theirs = await sslscan(address);
    expect(theirs.accepted.length).toBeGreaterThan(0);
    expect(rasoatView(address)).toEqual(theirs);
  }, 120_000);
});
