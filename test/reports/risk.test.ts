import { describe, expect, it } from 'vitest';
import type { ReportTarget } from '../../src/core/model/audit-result.js';
import type { Finding, Outcome } from '../../src/core/model/finding.js';
import type { Severity } from '../../src/core/model/severity.js';
import { compareIssues, issuesOf } from '../../src/reports/priority.js';
import { findingWeight, gradeOf, hostRisk, hostRisks, overallRisk, scoreOf } from '../../src/reports/risk.js';

function f(severity: Severity, outcome: Outcome = 'fail', extra: Partial<Finding> = {}): Finding {
  return { fingerprint: `${severity}${Math.random()}`, ruleId: `r.${severity}`, outcome, severity, category: 'ports', host: 'h', evidenceKey: '', evidence: {}, title: { vi: 'x', en: 'x' }, controls: {}, ...extra };
}
const target = (host: string, up = true): ReportTarget => ({ host, kind: 'ip', urls: [], ports: [], explicit: true, up });

describe('score', () => {
  it('is 0 with no failure and grows with each failure, never past 100', () => {
    expect(scoreOf([])).toBe(0);
    expect(scoreOf([f('low')])).toBe(3);
    expect(scoreOf([f('medium')])).toBe(10);
    expect(scoreOf([f('high')])).toBe(25);
    expect(scoreOf([f('high'), f('high')])).toBe(44);
    expect(scoreOf([f('critical')])).toBe(50);
    expect(scoreOf(Array.from({ length: 200 }, () => f('high')))).toBe(100);
  });

  it('does not depend on the order of findings', () => {
    expect(scoreOf([f('low'), f('high'), f('medium')])).toBe(scoreOf([f('medium'), f('low'), f('high')]));
  });

  it('counts info as nothing and a known exploited vulnerability more than any severity', () => {
    expect(scoreOf([f('info'), f('info')])).toBe(0);
    expect(findingWeight(f('low', 'fail', { evidence: { kev: true } }))).toBe(0.8);
    expect(findingWeight(f('critical', 'fail', { evidence: { kev: 'yes' } }))).toBe(0.5);
  });
});

describe('grade', () => {
  it('follows the bands A<5, B<20, C<40, D<60, F', () => {
    expect([0, 4, 5, 19, 20, 39, 40, 59, 60, 100].map((s) => gradeOf(s, false))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'F', 'F']);
  });

  it('is F for any critical or KEV finding, whatever the score', () => {
    expect(hostRisk('h', target('h'), [f('critical')]).grade).toBe('F');
    expect(hostRisk('h', target('h'), [f('low', 'fail', { evidence: { kev: true } })]).grade).toBe('F');
    expect(hostRisk('h', target('h'), [f('high')]).grade).toBe('C');
  });

  it('never grades a host nothing was decided about: missing evidence earns no A', () => {
    const risk = hostRisk('h', target('h'), [f('high', 'not-assessed'), f('low', 'error')]);
    expect(risk.grade).toBeNull();
    expect(risk.score).toBeNull();
    expect(hostRisk('h', target('h', false), [f('high', 'not-assessed')]).grade).toBeNull();
    expect(hostRisk('h', target('h'), []).grade).toBeNull();
    expect(hostRisk('h', target('h'), [f('high', 'pass')]).grade).toBe('A');
  });

  it('measures coverage per rule: decided over applicable', () => {
    const risk = hostRisk('h', target('h'), [
      f('high', 'fail', { ruleId: 'a', port: 1 }),
      f('high', 'fail', { ruleId: 'a', port: 2 }),
      f('low', 'pass', { ruleId: 'b' }),
      f('low', 'not-assessed', { ruleId: 'c' }),
      f('low', 'not-applicable', { ruleId: 'd' }),
    ]);
    expect(risk.verdicts).toMatchObject({ fail: 1, pass: 1, 'not-assessed': 1, 'not-applicable': 1 });
    expect(risk.coverage).toBeCloseTo(2 / 3);
    expect(risk.failures.high).toBe(2);
  });
});

describe('overall risk', () => {
  it('is the mean of graded hosts; ungraded hosts do not dilute it', () => {
    const hosts = hostRisks([target('a'), target('b'), target('c', false)], [f('high', 'fail', { host: 'a' }), f('low', 'pass', { host: 'b' }), f('low', 'not-assessed', { host: 'c' })]);
    const overall = overallRisk(hosts);
    expect(overall).toMatchObject({ score: 13, grade: 'B', graded: 2, hosts: 3, worst: 'C' });
    expect(overall.byGrade).toEqual({ A: 1, B: 0, C: 1, D: 0, F: 0 });
  });

  it('is null when nothing could be graded', () => {
    expect(overallRisk([])).toMatchObject({ score: null, grade: null, worst: null });
  });
});

describe('priority', () => {
  it('puts KEV first, then severity, then CVSS, then hosts affected', () => {
    const issues = issuesOf([
      f('critical', 'fail', { ruleId: 'crit', host: 'a' }),
      f('high', 'fail', { ruleId: 'kev', host: 'a', evidence: { kev: true } }),
      f('high', 'fail', { ruleId: 'cvss9', host: 'a', evidence: { cvss: 9.1 } }),
      f('high', 'fail', { ruleId: 'cvss7', host: 'a', evidence: { cvss: { score: 7.2 } } }),
      f('high', 'fail', { ruleId: 'wide', host: 'a' }),
      f('high', 'fail', { ruleId: 'wide', host: 'b' }),
      f('high', 'fail', { ruleId: 'narrow', host: 'a' }),
      f('high', 'pass', { ruleId: 'passed', host: 'a' }),
    ]);
    expect(issues.map((i) => i.ruleId)).toEqual(['kev', 'crit', 'cvss9', 'cvss7', 'wide', 'narrow']);
    expect(issues.find((i) => i.ruleId === 'wide')?.hosts).toEqual(['a', 'b']);
    expect(compareIssues(issues[0]!, issues[1]!)).toBeLessThan(0);
  });
});
