import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApache, type ApacheInstance } from '../../fixtures/servers/apache.js';
import { startNginx, type NginxInstance } from '../../fixtures/servers/nginx.js';
import { auditInProcess, type InProcessAudit } from '../helpers/audit.js';
import { needsPeer } from '../helpers/peers.js';

// Real nginx and Apache httpd on 127.0.83.x:8080 serving a document root that holds a genuine git
// working copy and an .env file, an upload folder without index, and (Apache) server-status.
const NGINX = '127.0.83.1';
const APACHE = '127.0.83.2';
const hasNginx = needsPeer('nginx', '-v');
const hasApache = needsPeer('apache2', '-v');
let nginx: NginxInstance | undefined;
let apache: ApacheInstance | undefined;
let audit: InProcessAudit;

function documentRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'rasoat-docroot-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>Cổng thông tin</title></head><body>Xin chào</body></html>');
  writeFileSync(join(root, '.env'), 'APP_KEY=base64:c2VjcmV0\nDB_PASSWORD=MatKhauThat\n');
  mkdirSync(join(root, 'uploads'));
  writeFileSync(join(root, 'uploads', 'quyet-dinh.pdf'), '%PDF-1.4\n');
  execFileSync('git', ['init', '-q', root]);
  execFileSync('chmod', ['-R', 'a+rX', root]);
  chmodSync(root, 0o755);
  return root;
}

beforeAll(async () => {
  const targets: string[] = [];
  if (hasNginx) {
    nginx = await startNginx([{ host: NGINX, port: 8080, plain: true, key: '', cert: '', protocols: '', root: documentRoot(), extra: ['autoindex on;', 'server_tokens on;'] }]);
    targets.push(NGINX);
  }
  if (hasApache) {
    apache = await startApache({ host: APACHE, port: 8080, root: documentRoot(), extra: ['ServerTokens Full', 'TraceEnable on', '<Location /server-status>', '  SetHandler server-status', '  Require all granted', '</Location>'] });
    targets.push(APACHE);
  }
  if (targets.length > 0) audit = await auditInProcess(targets, { ports: '8080', scanners: ['ports', 'http'], http: { timeoutMs: 3000 } });
}, 120_000);

afterAll(async () => {
  await nginx?.close();
  await apache?.close();
});

describe.runIf(hasNginx)('nginx serving a careless document root', () => {
  it('exposes the real .git, the .env and the upload listing, and shows its version', () => {
    expect(audit.facts('http.exposure', { host: NGINX }).map((e) => e.check).sort()).toEqual(['directory-listing', 'env-file', 'git-config', 'git-repository']);
    expect(audit.failed(NGINX)).toEqual(expect.arrayContaining(['http.exposure.vcs-repository', 'http.exposure.secrets-file', 'http.exposure.directory-listing', 'http.disclosure.version']));
    expect(audit.facts('http.site', { host: NGINX })[0]?.server).toMatch(/^nginx\/\d+\.\d+/);
  });

  it('sees that nginx refuses TRACE', () => {
    expect(audit.facts('http.trace', { host: NGINX })[0]).toMatchObject({ enabled: false });
  });
});

describe.runIf(hasApache)('Apache httpd with the defaults an audit often finds', () => {
  it('exposes .git, .env, the listing and server-status, and answers TRACE', () => {
    expect(audit.facts('http.exposure', { host: APACHE }).map((e) => e.check).sort()).toEqual(['apache-server-status', 'directory-listing', 'env-file', 'git-config', 'git-repository']);
    expect(audit.failed(APACHE)).toEqual(expect.arrayContaining(['http.exposure.vcs-repository', 'http.exposure.secrets-file', 'http.exposure.diagnostics', 'http.method.trace-enabled', 'http.disclosure.version']));
    expect(audit.facts('http.site', { host: APACHE })[0]?.server).toMatch(/^Apache\/2\.4/);
  });

  it('gets no exposure from paths Apache answers with its real 404', () => {
    expect(audit.facts('http.soft404', { host: APACHE })[0]).toMatchObject({ catchAll: false, status: 404 });
  });
});
