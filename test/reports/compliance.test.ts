import { describe, expect, it } from 'vitest';
import { fixtureAudit } from '../../fixtures/reports/audit.js';
import type { AuditResult, ReportRule, ReportTarget } from '../../src/core/model/audit-result.js';
import type { Finding, Outcome } from '../../src/core/model/finding.js';
import { evaluateCompliance } from '../../src/reports/compliance/evaluate.js';
import { evidencesControl } from '../../src/reports/compliance/mapping.js';
import type { ComplianceOptions, ControlRow } from '../../src/reports/compliance/types.js';
import { controlCatalogueSchema, type ControlCatalogue } from '../../src/rules/schema.js';
import { options } from './support.js';

const CATALOGUE: ControlCatalogue = controlCatalogueSchema.parse({
  framework: 'tcvn14423:2026',
  version: 'test',
  revision: '2026-11-24',
  cite: 'tcvn14423:2026/{clause}',
  title: { vi: 'Danh mục thử', en: 'Test catalogue' },
  source: 'test',
  controls: [
    { id: 'ports.cited', title: { vi: 'a', en: 'a' }, clauses: { '2': '4.5.2.1 c', '3': '5.5.2.1 c' }, categories: [] },
    { id: 'tls.cited', title: { vi: 'b', en: 'b' }, clauses: { '3': '5.4.2.4 b' }, categories: [] },
    { id: 'by-category', title: { vi: 'c', en: 'c' }, clauses: { '2': '4.12', '3': '5.12' }, categories: ['ports'] },
    { id: 'docs-only', title: { vi: 'd', en: 'd' }, clauses: { '2': '4.1', '3': '5.1' }, documents: { vi: 'hồ sơ', en: 'the risk register' } },
    { id: 'no-check', title: { vi: 'e', en: 'e' }, clauses: { '3': '5.17.2.3' }, categories: ['sensitive-exposure'] },
  ],
});

const rule = (id: string, category: string, controls: Record<string, string[]>): ReportRule => ({ id, severity: 'high', category, meta: { title: { vi: id, en: id }, failureTitle: { vi: id, en: id }, remediation: { vi: `sửa ${id}`, en: `fix ${id}` }, controls } });
const RULES = [
  rule('ports.telnet', 'ports', { 'tcvn14423:2026': ['ports.cited'] }),
  rule('ports.local', 'ports', {}),
  rule('tls.old', 'tls-protocol', { 'tcvn14423:2026': ['tls.cited'] }),
];
const target = (host: string, level: number | undefined, up = true): ReportTarget => ({ host, kind: 'ip', urls: [], ports: [], explicit: true, up, ...(level === undefined ? {} : { group: { agency: 'Sở A', owner: 'Chị B', tags: [], level } }) });

function verdict(ruleId: string, host: string, outcome: Outcome, reason?: string): Finding {
  const f: Finding = { fingerprint: `${ruleId}-${host}-${outcome}`, ruleId, outcome, severity: 'high', category: 'ports', host, evidenceKey: '', evidence: { host }, title: { vi: ruleId, en: ruleId }, controls: {} };
  if (outcome === 'fail') f.port = 23;
  if (reason) f.reason = reason;
  return f;
}

function audit(targets: ReportTarget[], findings: Finding[], rules = RULES): AuditResult {
  const base = fixtureAudit();
  return { audit: base.audit, targets, observations: [], findings, rules };
}

function row(result: AuditResult, id: string, level: number | null = 3, extra: Partial<ComplianceOptions> = {}): ControlRow {
  const evaluated = evaluateCompliance(result, { ...options('en'), catalogue: CATALOGUE, ...extra });
  const section = evaluated.sections.find((s) => s.level === level);
  const found = section?.rows.find((r) => r.control.id === id);
  if (!found) throw new Error(`no row ${id} at level ${level}`);
  return found;
}

const all = (host: string, outcome: Outcome) => ['ports.telnet', 'ports.local', 'tls.old'].map((id) => verdict(id, host, outcome));

describe('control status', () => {
  it('pass: every mapped check ran on every target and found nothing', () => {
    const r = row(audit([target('a', 3), target('b', 3)], [...all('a', 'pass'), ...all('b', 'pass')]), 'ports.cited');
    expect(r.status).toBe('pass');
    expect(r.targets.pass).toEqual(['a', 'b']);
    expect(r.plan).toBeNull();
    expect(r.cite).toBe('tcvn14423:2026/5.5.2.1 c');
  });

  it('fail: failures on every target with a verdict, linked as evidence, with a plan', () => {
    const r = row(audit([target('a', 3)], [verdict('ports.telnet', 'a', 'fail')]), 'ports.cited');
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ ruleId: 'ports.telnet', outcome: 'fail', host: 'a', port: 23, expected: 'ports.telnet', fingerprint: 'ports.telnet-a-fail' });
    expect(r.plan).toMatchObject({ measures: ['fix ports.telnet'], owners: ['Chị B'], deadline: '2026-12-20', severity: 'high' });
  });

  it('partial: some targets fail and others pass', () => {
    const r = row(audit([target('a', 3), target('b', 3)], [verdict('ports.telnet', 'a', 'fail'), verdict('ports.telnet', 'b', 'pass')]), 'ports.cited');
    expect(r.status).toBe('partial');
    expect(r.targets).toMatchObject({ fail: ['a'], pass: ['b'] });
  });

  it('a failure stays a failure when other targets could not be assessed', () => {
    const r = row(audit([target('a', 3), target('b', 3, false)], [verdict('ports.telnet', 'a', 'fail'), verdict('ports.telnet', 'b', 'not-assessed', 'host-down: no reply')]), 'ports.cited');
    expect(r.status).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toEqual(['failedOn', 'unreachable']);
  });

  it('not assessed, never pass, when a target did not answer', () => {
    const r = row(audit([target('a', 3), target('b', 3, false)], [verdict('ports.telnet', 'a', 'pass'), verdict('ports.telnet', 'b', 'not-assessed', 'host-down: no reply')]), 'ports.cited');
    expect(r.status).toBe('not_assessed');
    expect(r.reasons).toEqual([{ code: 'unreachable', params: { count: 1 } }]);
    expect(r.plan?.measures[0]).toMatch(/Run the missing checks again \(ports\.telnet\)/);
  });

  it('not assessed when a check erred or its evidence was not gathered', () => {
    expect(row(audit([target('a', 3)], [verdict('ports.telnet', 'a', 'error', 'port.open: timeout')]), 'ports.cited').reasons).toEqual([{ code: 'errored', params: { count: 1 } }]);
    expect(row(audit([target('a', 3)], [verdict('ports.telnet', 'a', 'not-assessed', 'coverage')]), 'ports.cited').reasons).toEqual([{ code: 'notGathered', params: { count: 1 } }]);
    expect(row(audit([target('a', 3)], []), 'ports.cited').status).toBe('not_assessed');
  });

  it('not assessed when a mapped check of today\'s rule book did not run in the audit', () => {
    const result = audit([target('a', 3)], [verdict('ports.telnet', 'a', 'pass')], RULES.filter((r) => r.id !== 'tls.old'));
    expect(row(result, 'tls.cited').status).toBe('not_assessed');
    const book = [{ id: 'tls.old', category: 'tls-protocol', severity: 'high' as const, controls: { 'tcvn14423:2026': ['tls.cited'] } }];
    const r = row(result, 'tls.cited', 3, { ruleBook: book });
    expect(r).toMatchObject({ status: 'not_assessed', checks: ['tls.old'], checksNotRun: ['tls.old'] });
    expect(r.reasons[0]).toEqual({ code: 'notRun', params: { checks: 'tls.old' } });
  });

  it('not applicable at a level whose clauses do not include the control, with the reason', () => {
    const r = row(audit([target('a', 2)], all('a', 'pass')), 'tls.cited', 2);
    expect(r).toMatchObject({ status: 'not_applicable', clause: null, reasons: [{ code: 'levelNotRequired', params: { level: 2 } }] });
  });

  it('not applicable when every mapped check is not applicable to the targets', () => {
    expect(row(audit([target('a', 3)], [verdict('ports.telnet', 'a', 'not-applicable', 'condition')]), 'ports.cited').status).toBe('not_applicable');
  });

  it('manual when only documents can show it, and says which', () => {
    const r = row(audit([target('a', 3)], all('a', 'pass')), 'docs-only');
    expect(r.status).toBe('manual');
    expect(r.plan?.measures).toEqual(['Attach: the risk register']);
  });

  it('not assessed when no check covers the control yet', () => {
    expect(row(audit([target('a', 3)], all('a', 'pass')), 'no-check')).toMatchObject({ status: 'not_assessed', reasons: [{ code: 'noCheck', params: { categories: 'sensitive-exposure' } }] });
  });

  it('uses the level of each target group, and --level for targets without one', () => {
    const result = audit([target('a', 2), target('b', undefined)], [...all('a', 'pass'), ...all('b', 'pass')]);
    const evaluated = evaluateCompliance(result, { ...options('en'), catalogue: CATALOGUE, defaultLevel: 3 });
    expect(evaluated.sections.map((s) => [s.level, s.targets])).toEqual([
      [2, ['a']],
      [3, ['b']],
    ]);
    const unknown = evaluateCompliance(result, { ...options('en'), catalogue: CATALOGUE });
    expect(unknown.sections.find((s) => s.level === null)?.rows.every((r) => r.status === 'not_assessed')).toBe(true);
  });
});

describe('coverage and pass rate', () => {
  it('are reported apart: assessed over applicable, passed over assessed', () => {
    const result = audit([target('a', 3)], [verdict('ports.telnet', 'a', 'pass'), verdict('ports.local', 'a', 'fail'), verdict('tls.old', 'a', 'pass')]);
    const { totals } = evaluateCompliance(result, { ...options('en'), catalogue: CATALOGUE });
    expect(totals.counts).toEqual({ pass: 2, partial: 0, fail: 1, not_assessed: 1, not_applicable: 0, manual: 1 });
    expect(totals).toMatchObject({ applicable: 5, assessed: 3, passed: 2, coverage: 3 / 5, passRate: 2 / 3 });
  });
});

describe('mapping', () => {
  const control = (id: string) => CATALOGUE.controls.find((c) => c.id === id)!;
  const ref = (category: string, controls: Record<string, string[]>) => ({ id: 'x', category, severity: 'high' as const, controls });

  it('a check citing the framework evidences exactly what it cites, never more by category', () => {
    expect(evidencesControl(CATALOGUE, control('ports.cited'), ref('ports', { 'tcvn14423:2026': ['ports.cited'] }))).toBe(true);
    expect(evidencesControl(CATALOGUE, control('by-category'), ref('ports', { 'tcvn14423:2026': ['ports.cited'] }))).toBe(false);
  });

  it('a check not citing the framework evidences controls of its category', () => {
    expect(evidencesControl(CATALOGUE, control('by-category'), ref('ports', { 'cis:v8': ['4.4'] }))).toBe(true);
    expect(evidencesControl(CATALOGUE, control('by-category'), ref('tls-protocol', {}))).toBe(false);
  });

  it('through equivalent ids when the catalogue declares an equivalent framework', () => {
    const circular = controlCatalogueSchema.parse({
      framework: 'circular12:2022',
      equivalentFramework: 'tcvn11930:2017',
      version: 't',
      title: { vi: 't', en: 't' },
      source: 't',
      controls: [
        { id: 'config.a', title: { vi: 'a', en: 'a' }, categories: ['ports'], equivalent: ['network.external-access-control'] },
        { id: 'design.b', title: { vi: 'b', en: 'b' }, categories: ['ports'] },
      ],
    });
    const cites = ref('ports', { 'tcvn11930:2017': ['network.external-access-control'] });
    expect(evidencesControl(circular, circular.controls[0]!, cites)).toBe(true);
    expect(evidencesControl(circular, circular.controls[1]!, cites)).toBe(false);
    expect(evidencesControl(circular, circular.controls[1]!, ref('ports', {}))).toBe(true);
  });
});
