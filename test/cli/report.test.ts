import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { findChromium } from '../../src/cli/pdf.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { expectValid, sarifValidator, schemaValidator } from '../reports/support.js';

// Loopback only: 127.0.70.1 (Sở Tài chính, level 3) and 127.0.70.2 (UBND huyện, level 2).
// Audit 1: Telnet + MySQL on .1, RDP + SSH-alt on .2. Audit 2: MySQL closed, FTP opened on .2.
const A = '127.0.70.1';
const B = '127.0.70.2';
const PORTS = ['-p', '21,22,23,2222,2323,3306,3389', '--exclude-ports', '2024', '--only', 'ports', '-q'];
const dir = tempDir('rasoat-report-');
const db = join(dir, 'history.db');
const targets = join(dir, 'tinh.yaml');
const env = cliEnv({ RASOAT_LANG: 'vi' });

async function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const result = await runCli([...args, '--db', db], { ...env, ...extraEnv });
  expectNoStackTrace(result.stderr);
  return result;
}

let listeners: ListenerSet | undefined;
beforeAll(async () => {
  writeFileSync(
    targets,
    [
      'authorization: "45/QĐ-SKHCN ngày 03/11/2026"',
      'groups:',
      '  - agency: Sở Tài chính',
      '    owner: Nguyễn Văn An',
      '    level: 3',
      `    targets: [${A}]`,
      '  - agency: UBND huyện Thạch Thất',
      '    level: 2',
      `    targets: [${B}]`,
      '',
    ].join('\n'),
  );
  listeners = await startListeners([
    { host: A, port: 23 },
    { host: A, port: 3306 },
    { host: B, port: 3389 },
    { host: B, port: 2222 },
  ]);
  expect((await cli(['scan', '--targets', targets, ...PORTS])).code).toBe(0);
  await listeners.close();
  listeners = await startListeners([
    { host: A, port: 23 },
    { host: B, port: 3389 },
    { host: B, port: 2222 },
    { host: B, port: 21 },
  ]);
  expect((await cli(['scan', '--targets', targets, ...PORTS])).code).toBe(0);
  await listeners.close();
  listeners = undefined;
  // A third audit of one ungrouped address, for the protection-level checks.
  expect((await cli(['scan', '127.0.70.3', ...PORTS])).code).toBe(0);
}, 60_000);
afterAll(async () => listeners?.close());

describe('rasoat report', () => {
  it('writes every format to a file, valid and in Vietnamese', async () => {
    for (const format of ['json', 'csv', 'html', 'sarif', 'md']) {
      const out = join(dir, `r2.${format}`);
      const result = await cli(['report', 'latest~1', '--format', format, '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(new RegExp(`^rasoat: |^đã ghi .*r2\\.${format}`));
      expect(result.stdout).toBe('');
    }
    expectValid(schemaValidator('audit-report.schema.json'), JSON.parse(readFileSync(join(dir, 'r2.json'), 'utf8')));
    expectValid(sarifValidator(), JSON.parse(readFileSync(join(dir, 'r2.sarif'), 'utf8')));
    expect(readFileSync(join(dir, 'r2.csv'), 'utf8').startsWith('\uFEFFLần rà soát,')).toBe(true);
    const html = readFileSync(join(dir, 'r2.html'), 'utf8');
    expect(html).toContain('Tóm tắt cho lãnh đạo');
    expect(html).toContain('45/QĐ-SKHCN ngày 03/11/2026');
    expect(html).toContain('aria-labelledby="chart-trend-t'); // audit 1 has the same scope
  });

  it('takes the format from --out, and writes to standard output without it', async () => {
    expect((await cli(['report', '2', '--out', join(dir, 'by-ext.sarif.json'), '-q'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'by-ext.sarif.json'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    const stdout = await cli(['report', '2', '--format', 'md', '--lang', 'en']);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toMatch(/^# Security audit report: audit #2/);
  });

  it('shows exactly the new, fixed and still open sets that rasoat diff gives', async () => {
    const diff = JSON.parse((await cli(['diff', '1', '2', '--json'])).stdout) as Record<string, Array<{ fingerprint: string }>>;
    const report = JSON.parse((await cli(['report', '2', '--compare', '1', '--format', 'json'])).stdout) as { comparison: Record<string, Array<{ fingerprint: string }>> };
    const prints = (list: Array<{ fingerprint: string }> = []) => list.map((f) => f.fingerprint).sort();
    for (const set of ['new', 'fixed', 'unchanged', 'notRechecked']) expect(prints(report.comparison[set]), set).toEqual(prints(diff[set]));
    expect(diff.new!.length + diff.fixed!.length).toBeGreaterThan(0);
    expect(diff.fixed!.length).toBe(1);
    const csv = (await cli(['report', '2', '--compare', '1', '--format', 'csv', '--lang', 'en'])).stdout;
    expect(csv.split('\r\n').filter((line) => line.endsWith(',Fixed'))).toHaveLength(1);
  });

  it('writes the compliance report for the target groups\' protection levels', async () => {
    const json = await cli(['report', '2', '--framework', 'tcvn14423-2026', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { sections: Array<{ level: number; controls: Array<{ id: string; status: string; cite: string }> }> };
    expectValid(schemaValidator('compliance-report.schema.json'), doc);
    expect(doc.sections.map((s) => s.level)).toEqual([2, 3]);
    const insecure = doc.sections[1]!.controls.find((c) => c.id === 'secure-config.insecure-services')!;
    expect(insecure).toMatchObject({ status: 'fail', cite: 'tcvn14423:2026/5.5.2.1 c' });
    const html = await cli(['report', '2', '--framework', 'tcvn14423', '--out', join(dir, 'c.html')]);
    expect(html.code, html.stderr).toBe(0);
    expect(readFileSync(join(dir, 'c.html'), 'utf8')).toContain('Chưa đáp ứng');
    for (const framework of ['circular12-2022', 'asvs:5.0.0']) expect((await cli(['report', '2', '--framework', framework, '--format', 'md'])).code, framework).toBe(0);
  });

  it('asks for a protection level when a Vietnamese catalogue meets targets without one', async () => {
    const refused = await cli(['report', '3', '--framework', 'tcvn14423-2026', '--format', 'md']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('rasoat: 1 mục tiêu chưa có cấp độ (127.0.70.3): hãy thêm --level 1-5, hoặc khai báo level: cho nhóm của chúng trong tệp mục tiêu\n');
    expect((await cli(['report', '3', '--framework', 'tcvn14423-2026', '--format', 'md', '--level', '3'])).code).toBe(0);
    expect((await cli(['report', '3', '--framework', 'cis-v8', '--format', 'md'])).code).toBe(0);
  });

  it.skipIf(!findChromium(process.env))('prints a PDF whose text can be extracted', async () => {
    const pdf = join(dir, 'bao-cao.pdf');
    const result = await cli(['report', '2', '--out', pdf]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Báo cáo rà soát an ninh mạng');
    expect(text).toContain('Tóm tắt cho lãnh đạo');
    expect(text).toContain('Telnet');
  });
});

describe('rasoat report errors: one line, the CLI exit codes', () => {
  const cases: Array<[string, string[], number, RegExp, Record<string, string>?]> = [
    ['an unknown audit', ['report', '99'], 2, /^rasoat: không có lần rà soát "99"/],
    ['a malformed audit reference', ['report', 'hôm-qua'], 2, /^rasoat: "hôm-qua" không chỉ một lần rà soát/],
    ['an unknown format', ['report', '2', '--format', 'docx'], 2, /^rasoat: --format docx: hãy chọn json, csv, html, pdf, sarif hoặc md$/],
    ['an --out extension it cannot read', ['report', '2', '--out', join(dir, 'x.docx')], 2, /không xác định được định dạng từ/],
    ['an unknown framework', ['report', '2', '--framework', 'iso9001'], 2, /^rasoat: --framework iso9001: .*tcvn14423-2026/],
    ['a compliance report as SARIF', ['report', '2', '--framework', 'cis-v8', '--format', 'sarif'], 2, /không phải sarif$/],
    ['--compare with --framework', ['report', '2', '--framework', 'cis-v8', '--compare', '1'], 2, /--compare và --framework/],
    ['a level out of range', ['report', '2', '--framework', 'cis-v8', '--level', '6'], 2, /--level 6: cấp độ an ninh từ 1 đến 5$/],
    ['an unwritable --out', ['report', '2', '--out', join(dir, 'no-such-dir', 'r.html')], 2, /^rasoat: không ghi được .*no-such-dir.* \(ENOENT\)/],
    ['an --out that is a folder', ['report', '2', '--format', 'html', '--out', dir], 2, /\(EISDIR\)/],
    ['PDF without Chromium', ['report', '2', '--format', 'pdf', '--out', join(dir, 'x.pdf')], 3, /^rasoat: xuất PDF cần Chromium nhưng không tìm thấy: .*apt-get install chromium.*RASOAT_CHROMIUM/, { RASOAT_CHROMIUM: '/nonexistent/chromium' }],
  ];
  for (const [what, args, code, message, extraEnv] of cases) {
    it.concurrent(`refuses ${what}`, async () => {
      const result = await cli(args, extraEnv);
      expect(result.code, result.stderr).toBe(code);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stdout).toBe('');
    });
  }

  it('leaves no partial file behind when it refuses', () => {
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });

  it('fails with exit 3 and one line when Chromium cannot print', async () => {
    const result = await cli(['report', '2', '--format', 'pdf', '--out', join(dir, 'y.pdf')], { RASOAT_CHROMIUM: '/bin/false' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^rasoat: Chromium không in được PDF \(exit 1: .*\); --format html/);
    expect(existsSync(join(dir, 'y.pdf'))).toBe(false);
  });
});
