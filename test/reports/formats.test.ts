import { describe, expect, it } from 'vitest';
import { emptyAudit, FIXTURE_TREND, fixtureAudit } from '../../fixtures/reports/audit.js';
import { renderCsv, csvCell } from '../../src/reports/csv.js';
import { renderJson } from '../../src/reports/json.js';
import { renderComplianceReport, renderReport } from '../../src/reports/index.js';
import { renderMarkdown } from '../../src/reports/markdown.js';
import { endpointUri, renderSarif } from '../../src/reports/sarif.js';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { asRead, comparison, expectValid, options, sarifValidator, schemaValidator } from './support.js';

describe('JSON report', () => {
  const validate = schemaValidator('audit-report.schema.json');

  it('matches the shipped JSON Schema, for the fixture, a compare and an empty audit', () => {
    expectValid(validate, JSON.parse(renderJson(fixtureAudit())));
    expectValid(validate, JSON.parse(renderJson(fixtureAudit(), { comparison: comparison() })));
    expectValid(validate, JSON.parse(renderJson(emptyAudit())));
  });

  it('the schema rejects what it does not document', () => {
    const doc = JSON.parse(renderJson(fixtureAudit())) as Record<string, unknown>;
    expect(validate({ ...doc, surprise: 1 })).toBe(false);
    expect(validate({ ...doc, schemaVersion: 3 })).toBe(false);
  });

  it('keeps the fields existing callers read, and adds a summary', () => {
    const doc = JSON.parse(renderJson(fixtureAudit())) as { schemaVersion: number; summary: { riskScore: number; grade: string }; findings: unknown[]; verdicts: unknown[] };
    expect(doc.schemaVersion).toBe(2);
    expect(doc.summary).toMatchObject({ riskScore: 45, grade: 'D' });
    expect(doc.findings.length).toBe(fixtureAudit().findings.length);
    expect(doc.verdicts).toEqual([]);
  });

  it('lists failures in full and the other verdicts bare, with the same summary, when read the default way', () => {
    const full = JSON.parse(renderJson(fixtureAudit())) as { summary: unknown; findings: Array<{ outcome: string }>; verdicts: Array<Record<string, unknown>> };
    const read = JSON.parse(renderJson(asRead(fixtureAudit()))) as typeof full;
    expectValid(validate, read);
    expect(read.summary).toEqual(full.summary);
    expect(read.findings.map((f) => f.outcome)).toEqual(full.findings.filter((f) => f.outcome === 'fail').map((f) => f.outcome));
    expect(read.verdicts.length).toBe(full.findings.length - read.findings.length);
    expect(read.verdicts.length).toBeGreaterThan(0);
    expect(Object.keys(read.verdicts[0]!).sort()).toEqual(['category', 'host', 'outcome', 'port', 'reason', 'ruleId', 'severity']);
  });

  it('writes each record of a long list on one line, and nothing else compact', () => {
    const text = renderJson(fixtureAudit());
    const doc = JSON.parse(text) as { findings: unknown[]; observations: unknown[]; audit: unknown };
    const lines = new Set(text.split('\n').map((line) => line.replace(/,$/, '')));
    for (const record of [...doc.findings, ...doc.observations]) expect(lines.has(`    ${JSON.stringify(record)}`), JSON.stringify(record)).toBe(true);
    expect(text).toContain(JSON.stringify(doc.audit, null, 2).split('\n').slice(0, 3).map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n'));
  });

  it('every other format reads the same from bare verdicts as from full ones', () => {
    const book = loadRules([builtinRulesDir()]);
    for (const format of ['csv', 'html', 'sarif', 'md'] as const) {
      for (const extra of [{ trend: FIXTURE_TREND }, { comparison: comparison() }]) {
        expect(renderReport(format, asRead(fixtureAudit()), options('vi', extra)), format).toBe(renderReport(format, fixtureAudit(), options('vi', extra)));
      }
    }
    for (const catalogue of book.catalogues) {
      const opts = { ...options('vi'), catalogue, defaultLevel: 2 };
      expect(renderComplianceReport('json', asRead(fixtureAudit()), opts), catalogue.framework).toBe(renderComplianceReport('json', fixtureAudit(), opts));
    }
  });

  it('the compliance JSON matches its schema', () => {
    const book = loadRules([builtinRulesDir()]);
    const validate = schemaValidator('compliance-report.schema.json');
    for (const catalogue of book.catalogues) {
      const text = renderComplianceReport('json', fixtureAudit(), { ...options('vi'), catalogue, ruleBook: book.rules.map((r) => ({ id: r.id, category: r.category, severity: r.severity, controls: r.controls as Record<string, string[]> })), defaultLevel: 2 });
      expectValid(validate, JSON.parse(text));
    }
  });
});

describe('SARIF', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 (official schema) for the fixture, a compare and an empty audit', () => {
    expectValid(validate, JSON.parse(renderSarif(fixtureAudit(), options('en'))));
    expectValid(validate, JSON.parse(renderSarif(fixtureAudit(), options('vi', { comparison: comparison() }))));
    expectValid(validate, JSON.parse(renderSarif(emptyAudit(), options('en'))));
  });

  it('the validator does catch an invalid log', () => {
    const log = JSON.parse(renderSarif(fixtureAudit(), options('en'))) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('has one result per failure, with severity for code-scanning dashboards and a stable fingerprint', () => {
    const log = JSON.parse(renderSarif(fixtureAudit(), options('en'))) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; ruleIndex: number; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>; tool: { driver: { rules: Array<{ id: string; properties: Record<string, unknown> }> } } }>;
    };
    const run = log.runs[0]!;
    const failures = fixtureAudit().findings.filter((f) => f.outcome === 'fail');
    expect(run.results).toHaveLength(failures.length);
    const docker = run.results.find((r) => r.ruleId === 'ports.service.docker-api-exposed')!;
    expect(docker.level).toBe('error');
    expect(docker.locations[0]!.physicalLocation.artifactLocation.uri).toBe('tcp://[2001:db8::10]:2375');
    expect(run.tool.driver.rules[docker.ruleIndex]!.id).toBe(docker.ruleId);
    expect(run.tool.driver.rules[docker.ruleIndex]!.properties['security-severity']).toBe('9.5');
    expect(Object.values(docker.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('marks baseline states on a compare: new, unchanged, and fixed as absent', () => {
    const log = JSON.parse(renderSarif(fixtureAudit(), options('en', { comparison: comparison() }))) as { runs: Array<{ results: Array<{ ruleId: string; baselineState: string }> }> };
    const states = log.runs[0]!.results.map((r) => `${r.ruleId}:${r.baselineState}`);
    expect(states).toContain('ports.service.ftp-exposed:absent');
    expect(states).toContain('ports.service.telnet-exposed:unchanged');
    expect(states).toContain('ports.service.rdp-exposed:new');
  });

  it('builds endpoint URIs for names, IPv4 and IPv6', () => {
    expect(endpointUri('portal.example.gov.vn', 443)).toBe('tcp://portal.example.gov.vn:443');
    expect(endpointUri('10.0.0.1')).toBe('tcp://10.0.0.1');
    expect(endpointUri('::1', 22)).toBe('tcp://[::1]:22');
  });
});

describe('CSV', () => {
  const csv = renderCsv(fixtureAudit(), options('vi'));
  const lines = csv.slice(1).trimEnd().split('\r\n');

  it('opens in Excel: UTF-8 byte order mark, CRLF, a localised header', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toMatch(/^Lần rà soát,Máy,Địa chỉ,Cơ quan/);
  });

  it('has one row per failing finding, and every verdict with --all', () => {
    const failures = fixtureAudit().findings.filter((f) => f.outcome === 'fail').length;
    expect(lines).toHaveLength(failures + 1);
    expect(renderCsv(fixtureAudit(), options('en', { all: true })).trimEnd().split('\r\n')).toHaveLength(fixtureAudit().findings.length + 1);
  });

  it('quotes separators and defuses formulas from scanned hosts', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    expect(csv).toContain('"port: 3389 · service: =HYPERLINK(""http://evil.example"",""bấm vào"")"');
  });

  it('adds a change column and the fixed rows on a compare', () => {
    const text = renderCsv(fixtureAudit(), options('en', { comparison: comparison() }));
    expect(text.split('\r\n')[0]).toMatch(/,Change$/);
    expect(text).toMatch(/ports\.service\.ftp-exposed.*,Fixed\r\n/);
    expect(text).toMatch(/ports\.service\.rdp-exposed.*,Reopened\r\n/);
    expect(text).toMatch(/ports\.service\.smb-exposed.*,Not re-checked\r\n/);
  });
});

describe('Markdown', () => {
  it('escapes HTML from scanned hosts so a wiki does not render it', () => {
    const md = renderMarkdown(fixtureAudit(), options('en', { trend: FIXTURE_TREND }));
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('| #12 | 20 Nov 2026 | 45 | 1/4/1/1 |');
  });
});
