import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, expectNoStackTrace, parseAuditJson, runCli, tempDir } from '../helpers/cli.js';

// A portal on 127.0.81.200:8880, a port no well-known list names: only --http-ports makes it a web site.
const HOST = '127.0.81.200';
const PORT = 8880;

const block = (seed: string, n: number) => Array.from({ length: n }, (_, i) => `${seed}${(i * 7919) % 1000}`).join(' ');
const NEWS = block('tin', 400);
const PAGES = {
  original: `Cổng thông tin điện tử Sở Tài chính. Thủ tục hành chính. ${NEWS} Liên hệ: 0243 000 000.`,
  // Today's news and a new visitor count: the same page.
  updated: `Cổng thông tin điện tử Sở Tài chính. Thủ tục hành chính. ${block('mới', 40)} ${NEWS.split(' ').slice(40).join(' ')} Liên hệ: 0243 000 000. Lượt truy cập 123456.`,
  defaced: `HACKED BY nobody. Your security is zero. ${block('x', 200)}`,
};
let page = PAGES.original;
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><title>Sở Tài chính</title></head><body><p>${page}</p></body></html>`);
    else response.writeHead(404, { 'content-type': 'text/html' }).end('<p>not found</p>');
  });
  await new Promise<void>((ready) => server.listen(PORT, HOST, ready));
});
afterAll(() => new Promise((done) => server.close(done)));

interface AuditJson {
  audit: { options: { scannerOptions: { http: Record<string, unknown> } } };
  observations: Array<{ kind: string; data: Record<string, unknown> }>;
  findings: Array<{ ruleId: string; outcome: string; title?: { en: string }; evidence?: Record<string, unknown> }>;
}

describe('rasoat scan, web sites across audits', () => {
  const db = join(tempDir(), 'h.db');
  const scan = async (): Promise<AuditJson> => {
    const result = await runCli(['scan', HOST, '-p', String(PORT), '--http-ports', String(PORT), '--exclude-ports', '2024', '--only', 'ports,http', '--db', db, '--json', '-q'], cliEnv());
    expectNoStackTrace(result.stderr);
    expect(result.code, result.stderr).toBe(0);
    return parseAuditJson<AuditJson>(result.stdout);
  };
  const changed = (audit: AuditJson) => audit.findings.filter((f) => f.ruleId === 'http.content.changed');

  it('scans a web site on a port named with --http-ports', async () => {
    const first = await scan();
    expect(first.observations.filter((o) => o.kind === 'http.site').map((o) => o.data.site)).toEqual([`http://${HOST}:${PORT}`]);
    // The first audit has nothing to compare with.
    expect(first.observations.some((o) => o.kind === 'http.content-change')).toBe(false);
    expect(changed(first).map((f) => f.outcome)).not.toContain('fail');
  });

  it('measures each page against the previous audit: an edit passes, a defacement fails for a person to confirm', async () => {
    page = PAGES.updated;
    const second = await scan();
    const edit = second.observations.find((o) => o.kind === 'http.content-change')!;
    expect(edit.data.similarityPercent as number).toBeGreaterThan(50);
    expect(edit.data.similarityPercent as number).toBeLessThan(100);
    expect(changed(second).map((f) => f.outcome)).toEqual(['pass']);

    page = PAGES.defaced;
    const third = await scan();
    const [finding] = changed(third);
    expect(finding?.outcome).toBe('fail');
    expect(finding?.evidence?.similarityPercent as number).toBeLessThan(10);
    expect(finding?.title?.en).toMatch(/changed substantially since audit #2/);
    // Earlier pages are history, not options: they are not stored with the audit that used them.
    expect(third.audit.options.scannerOptions.http.previousPages).toEqual({});

    // The baseline is the previous audit: an unchanged page passes (the change was reported once, in #3, for a person to judge).
    const again = await scan();
    expect(changed(again).map((f) => f.outcome)).toEqual(['pass']);
    expect(again.observations.find((o) => o.kind === 'http.content-change')?.data.similarityPercent).toBe(100);
  });
});
