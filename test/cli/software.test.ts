import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, startRouteServer, type RouteServer } from '../scanners/software/route-server.js';
import { cliEnv, expectNoStackTrace, parseAuditJson, runCli, tempDir } from '../helpers/cli.js';

// A WordPress portal on 127.0.130.30:8880 behind nginx, loading a real jQuery 1.12.4 under a neutral name.
const HOST = '127.0.130.30';
const PORT = 8880;
let server: RouteServer;

beforeAll(async () => {
  const front = html('<meta name="generator" content="WordPress 6.1.1"><script src="/static/app.js"></script>') as { headers: Record<string, string>; body: string };
  server = await startRouteServer(HOST, PORT, {
    '/': { ...front, headers: { ...front.headers, server: 'nginx/1.18.0 (Ubuntu)' } },
    '/static/app.js': { headers: { 'content-type': 'application/javascript' }, body: readFileSync(new URL('../../node_modules/jquery-1.12.4/dist/jquery.min.js', import.meta.url)) },
  });
});
afterAll(() => server.close());

interface AuditJson {
  audit: { scanners: string[]; options: { scannerOptions: { software: { fingerprints?: unknown[]; fingerprintCount: number; jsExtractorCount: number } } } };
  observations: Array<{ kind: string; data: Record<string, unknown> }>;
  findings: Array<{ ruleId: string; outcome: string; title?: { vi: string; en: string }; evidence?: Record<string, unknown> }>;
}

describe('rasoat scan with the software scanner', () => {
  it('names the products of a web site and fails the version-disclosure rule for those its headers and tags tell', async () => {
    const db = join(tempDir(), 's.db');
    const result = await runCli(['scan', HOST, '-p', String(PORT), '--http-ports', String(PORT), '--exclude-ports', '2024', '--only', 'ports,http,software', '--db', db, '--json', '-q'], cliEnv());
    expectNoStackTrace(result.stderr);
    expect(result.code, result.stderr).toBe(0);
    const audit = parseAuditJson<AuditJson>(result.stdout);
    expect(audit.audit.scanners).toContain('software');
    // The data files are counted in the audit, not copied into it.
    expect(audit.audit.options.scannerOptions.software.fingerprintCount).toBeGreaterThan(80);
    expect(audit.audit.options.scannerOptions.software.jsExtractorCount).toBe(0);
    expect(audit.audit.options.scannerOptions.software.fingerprints).toBeUndefined();

    const products = audit.observations.filter((o) => o.kind === 'software.product').map((o) => o.data);
    expect(products).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ product: 'nginx', version: '1.18.0', source: 'header', evidence: 'Server: nginx/1.18.0 (Ubuntu)' }),
        expect.objectContaining({ product: 'wordpress', version: '6.1.1', source: 'meta' }),
        expect.objectContaining({ product: 'jquery', version: '1.12.4', source: 'content', confidence: 'high', location: `http://${HOST}:${PORT}/static/app.js` }),
      ]),
    );

    const failed = audit.findings.filter((f) => f.ruleId === 'software.web.version-disclosed' && f.outcome === 'fail');
    expect(failed.map((f) => [f.evidence?.product, f.evidence?.version]).sort()).toEqual([['nginx', '1.18.0'], ['wordpress', '6.1.1']]);
    const nginx = failed.find((f) => f.evidence?.product === 'nginx');
    expect(nginx?.title).toEqual({ vi: 'Trang web cho biết phiên bản nginx 1.18.0', en: 'A web site tells its nginx version 1.18.0' });
  }, 60_000);
});
