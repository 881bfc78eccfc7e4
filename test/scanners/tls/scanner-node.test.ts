import { createServer, type Server, type TlsOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, type Issued } from '../../../fixtures/certs/generate.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// Real OpenSSL servers (Node's), one per weakness, on 127.0.71.x:8443. Names are pinned, never looked up.
const PORT = 8443;
const servers: Server[] = [];
const resolve: Record<string, string[]> = {};
let root: Issued;
let audit: InProcessAudit;
let withoutCaFile: InProcessAudit;
let shorterWarning: InProcessAudit;

const MODERN: TlsOptions = {
  minVersion: 'TLSv1.2',
  ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305',
  honorCipherOrder: true,
};
const LEGACY_OK = 'DEFAULT:@SECLEVEL=0';

async function serve(name: string, address: string, options: TlsOptions, staple = false): Promise<void> {
  const server = createServer(options, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  if (staple) server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, done: (error: Error | null, response?: Buffer) => void) => done(null, Buffer.from('3003 0a01 00', 'hex')));
  await new Promise<void>((ready) => server.listen(PORT, address, ready));
  servers.push(server);
  resolve[name] = [address];
}

/** A leaf issued by the test's private CA, served with the CA, OCSP and CRL addresses set. */
function leaf(name: string, extra: Partial<Parameters<typeof issue>[0]> = {}): TlsOptions {
  const issued = issue({ subject: `/CN=${name}`, san: [`DNS:${name}`], issuer: root, ocspUrl: 'http://ocsp.ca.test/', crlUrl: 'http://crl.ca.test/ca.crl', ...extra });
  return { key: issued.key, cert: `${issued.cert}${root.cert}` };
}

const host = (n: number) => `127.0.71.${n}`;

beforeAll(async () => {
  root = issue({ subject: '/CN=Test Government Root CA', ca: true, days: 3650 });
  const intermediate = issue({ subject: '/CN=Test Issuing CA', ca: true, days: 1825, issuer: root });
  const selfSigned = issue({ subject: '/CN=selfsigned.test', san: ['DNS:selfsigned.test'] });
  const viaIntermediate = issue({ subject: '/CN=incomplete.test', san: ['DNS:incomplete.test'], issuer: intermediate, ocspUrl: 'http://ocsp.ca.test/' });

  await serve('good.test', host(1), { ...MODERN, ...leaf('good.test', { keyType: 'ec' }) }, true);
  await serve('tls10.test', host(2), { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_OK, ...leaf('tls10.test') });
  await serve('expired.test', host(3), { ...MODERN, ...leaf('expired.test', { startDays: -400, days: 365 }) });
  await serve('selfsigned.test', host(4), { ...MODERN, key: selfSigned.key, cert: selfSigned.cert });
  await serve('wronghost.test', host(5), { ...MODERN, ...leaf('other.test') });
  await serve('rsa1024.test', host(6), { ...MODERN, ciphers: `${MODERN.ciphers}:@SECLEVEL=0`, ...leaf('rsa1024.test', { rsaBits: 1024 }) });
  await serve('sha1.test', host(7), { ...MODERN, ciphers: `${MODERN.ciphers}:@SECLEVEL=0`, ...leaf('sha1.test', { digest: 'sha1' }) });
  await serve('weaksuites.test', host(8), { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:AES256-SHA256', ...leaf('weaksuites.test') });
  await serve('incomplete.test', host(9), { ...MODERN, key: viaIntermediate.key, cert: viaIntermediate.cert });
  await serve('soon.test', host(11), { ...MODERN, ...leaf('soon.test', { days: 10 }) });
  await serve('nosan.test', host(12), { ...MODERN, ...leaf('nosan.test', { san: [] }) });
  await serve('*.wild.test', host(13), { ...MODERN, ...leaf('*.wild.test') });
  await serve('ip', host(10), { ...MODERN, ...leaf('ip.test', { san: ['DNS:ip.test', `IP:${host(10)}`] }) });
  await serve('ip-unnamed', host(14), { ...MODERN, ...leaf('unnamed.test') });
  delete resolve['ip'];
  delete resolve['ip-unnamed'];
  resolve['portal.wild.test'] = resolve['*.wild.test']!;
  delete resolve['*.wild.test'];

  const targets = [...Object.keys(resolve), host(10), host(14)];
  const trust = { system: false, caFiles: [root.certFile] };
  [audit, withoutCaFile, shorterWarning] = await Promise.all([
    auditInProcess(targets, { ports: String(PORT), resolve, tls: { trust } }),
    auditInProcess(['good.test'], { ports: String(PORT), resolve, tls: { trust: { system: true, caFiles: [] } } }),
    auditInProcess(['soon.test'], { ports: String(PORT), resolve, tls: { trust }, ruleParams: { 'tls.certificate.expiring-soon': { days: 5 } } }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
});

describe('a well-configured endpoint', () => {
  it('has no failing rule at all and grades A', () => {
    expect(audit.failed('good.test')).toEqual([]);
    expect(audit.facts('tls.grade', { host: 'good.test' })[0]).toMatchObject({ grade: 'A', caps: [] });
  });

  it('is seen fully: TLS 1.2 and 1.3 only, server order, stapling, a complete trusted chain', () => {
    const endpoint = audit.facts('tls.endpoint', { host: 'good.test' })[0];
    expect(endpoint).toMatchObject({ offered: ['TLSv1.2', 'TLSv1.3'], sni: 'good.test', tls12: true, tls13: true });
    expect(audit.facts('tls.chain', { host: 'good.test' })[0]).toMatchObject({ trusted: true, hostnameMatch: true, complete: true, ordered: true, ocspStapled: true, revocationInfo: true, served: 2 });
    expect(audit.facts('tls.certificate', { host: 'good.test' })[0]).toMatchObject({ keyType: 'EC', keyBits: 256, hasSan: true, selfSigned: false });
    const tls12 = audit.facts('tls.cipher', { host: 'good.test' }).filter((c) => c.protocol === 'TLSv1.2');
    expect(tls12.map((c) => c.name).sort()).toEqual(['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384']);
  });

  it('is untrusted without the agency CA, and trusted with --ca-file', () => {
    expect(withoutCaFile.outcome('tls.chain.untrusted')).toBe('fail');
    expect(withoutCaFile.facts('tls.grade')[0]?.grade).toBe('T');
    expect(audit.outcome('tls.chain.untrusted', 'good.test')).toBe('pass');
  });
});

describe('one weakness per server, each reported', () => {
  const cases: Array<[string, string[]]> = [
    ['tls10.test', ['tls.protocol.tls10-enabled', 'tls.protocol.modern-missing', 'tls.protocol.tls13-missing']],
    ['expired.test', ['tls.certificate.expired']],
    ['selfsigned.test', ['tls.certificate.self-signed', 'tls.chain.untrusted']],
    ['wronghost.test', ['tls.chain.hostname-mismatch']],
    ['rsa1024.test', ['tls.certificate.rsa-key-weak']],
    ['sha1.test', ['tls.certificate.sha1-signature']],
    ['weaksuites.test', ['tls.cipher.forward-secrecy-missing', 'tls.cipher.non-forward-secret-offered', 'tls.protocol.tls13-missing']],
    ['incomplete.test', ['tls.chain.incomplete', 'tls.chain.untrusted']],
    ['soon.test', ['tls.certificate.expiring-soon']],
    ['nosan.test', ['tls.certificate.san-missing']],
    [host(14), ['tls.chain.address-not-named']],
  ];
  it.each(cases)('%s', (name, rules) => {
    expect(audit.failed(name)).toEqual(expect.arrayContaining(rules));
  });

  it('grades by the SSL Labs caps', () => {
    const grade = (name: string) => audit.facts('tls.grade', { host: name })[0];
    expect(grade('tls10.test')).toMatchObject({ grade: 'C' });
    expect(grade('tls10.test')?.caps).toEqual(expect.arrayContaining(['C:no-tls12', 'B:tls10-or-tls11']));
    expect(grade('expired.test')).toMatchObject({ grade: 'T', ignoringTrust: 'F' });
    expect(grade('selfsigned.test')?.grade).toBe('T');
    expect(grade('wronghost.test')?.grade).toBe('M');
    expect(grade('rsa1024.test')?.grade).toBe('B');
    expect(grade('sha1.test')?.grade).toBe('T');
    expect(grade('weaksuites.test')).toMatchObject({ grade: 'B', caps: ['B:no-forward-secrecy', 'B:no-aead'] });
  });

  it('matches wildcard and IP subjectAltNames', () => {
    expect(audit.outcome('tls.chain.hostname-mismatch', 'portal.wild.test')).toBe('pass');
    expect(audit.outcome('tls.chain.address-not-named', host(10))).toBe('pass');
    expect(audit.outcome('tls.chain.hostname-mismatch', host(10))).toBe('not-applicable');
  });

  it('a rule parameter moves the expiry warning', () => {
    expect(shorterWarning.outcome('tls.certificate.expiring-soon')).toBe('pass');
  });

  it('keeps trust and name apart: a trusted chain for another name is trusted, and mismatched', () => {
    expect(audit.outcome('tls.chain.untrusted', 'wronghost.test')).toBe('pass');
    expect(audit.facts('tls.chain', { host: 'wronghost.test' })[0]).toMatchObject({ trusted: true, hostnameMatch: false, trustError: null });
  });

  it('does not call a server weak for what it does not do', () => {
    for (const name of ['expired.test', 'wronghost.test', 'sha1.test']) {
      expect(audit.failed(name).filter((id) => id.startsWith('tls.protocol') || id.startsWith('tls.cipher') || id.startsWith('tls.feature')), name).toEqual([]);
    }
  });
});
