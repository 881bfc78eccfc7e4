import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/schema.js';
import { ruleSchema } from '../../src/rules/schema.js';
import { runRuleCases, type CasesFile } from '../../src/rules/tester.js';

const rule: Rule = {
  ...ruleSchema.parse({
    id: 'test.port.telnet-open',
    reads: ['port.open', 'port.summary'],
    severity: 'high',
    category: 'ports',
    title: { vi: 't', en: 't' },
    failureTitle: { vi: 'f {port}', en: 'f {port}' },
    description: { vi: 'd', en: 'd' },
    remediation: { vi: 'r', en: 'r' },
    match: { kind: 'port.open', where: { port: 23 } },
    assessable: { kind: 'port.summary', where: { scanned: { portsAll: [23] } } },
    key: ['port'],
  }),
  source: { file: 'inline', line: 1 },
};

const open23 = { kind: 'port.open', port: 23, data: { port: 23 } };
const scanned = { kind: 'port.summary', data: { scanned: '1-100' } };

function messages(cases: CasesFile): string[] {
  return runRuleCases([rule], cases).map((f) => `${f.caseName}: ${f.message}`);
}

describe('the rule tester', () => {
  it('accepts correct fail and pass cases', () => {
    expect(
      messages({
        [rule.id]: {
          fail: [{ name: 'open', observations: [open23, scanned], evidence: ['23'] }],
          pass: [{ name: 'closed', observations: [scanned] }],
        },
      }),
    ).toEqual([]);
  });

  it('requires a fail case and a pass case for every rule', () => {
    expect(messages({ [rule.id]: { fail: [{ name: 'open', observations: [open23, scanned] }] } })).toEqual(['-: no pass case']);
    expect(messages({})).toEqual(['-: no fail case', '-: no pass case']);
  });

  it('reports a case whose verdict differs from the one expected', () => {
    const result = messages({
      [rule.id]: {
        fail: [{ name: 'claims fail but passes', observations: [scanned] }],
        pass: [{ name: 'closed', observations: [scanned, { kind: 'port.open', port: 80, data: { port: 80 } }] }],
      },
    });
    expect(result).toEqual(['claims fail but passes: expected fail, got pass']);
  });

  it('reports wrong evidence keys', () => {
    const result = messages({
      [rule.id]: {
        fail: [{ name: 'open', observations: [open23, scanned], evidence: ['22'] }],
        pass: [{ name: 'closed', observations: [scanned] }],
      },
    });
    expect(result).toEqual(['open: expected evidence ["22"], got ["23"]']);
  });

  it('rejects duplicate cases and cases for unknown rules', () => {
    const result = messages({
      [rule.id]: {
        fail: [{ name: 'open', observations: [open23, scanned] }],
        pass: [
          { name: 'closed', observations: [scanned] },
          { name: 'closed again', observations: [scanned] },
        ],
      },
      'no.such.rule': { pass: [{ name: 'x', observations: [] }] },
    });
    expect(result).toContain('closed again: duplicate of another case of this rule');
    expect(result).toContain('-: cases given for a rule that does not exist');
  });

  it('never lets missing evidence pass: not gathered is not-assessed, failed is error', () => {
    const result = messages({
      [rule.id]: {
        fail: [{ name: 'open', observations: [open23, scanned] }],
        pass: [{ name: 'closed', observations: [scanned] }],
        'not-assessed': [
          { name: 'port 23 not probed', observations: [{ kind: 'port.summary', data: { scanned: '80' } }] },
          { name: 'nothing gathered', coverage: { assessed: [] } },
        ],
        error: [{ name: 'scan failed', coverage: { failed: { 'port.open': 'timeout' } } }],
      },
    });
    expect(result).toEqual([]);
  });
});
