import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadRules, builtinRulesDir } from '../../src/rules/load.js';
import { casesFileSchema, runRuleCases, type CasesFile } from '../../src/rules/tester.js';

const casesDir = new URL('.', import.meta.url).pathname;

function allCases(): CasesFile {
  const merged: CasesFile = {};
  for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.cases.yaml'))) {
    const parsed = casesFileSchema.parse(parse(readFileSync(join(casesDir, file), 'utf8'))) as CasesFile;
    for (const [ruleId, cases] of Object.entries(parsed)) {
      expect(merged[ruleId], `${ruleId} has cases in two files`).toBeUndefined();
      merged[ruleId] = cases;
    }
  }
  return merged;
}

describe('built-in rule cases', () => {
  const book = loadRules([builtinRulesDir()]);
  const failures = runRuleCases(book.rules, allCases());

  it('every rule has a failing and a passing case, and every case gives the expected verdict', () => {
    expect(failures.map((f) => `${f.ruleId} / ${f.caseName}: ${f.message}`)).toEqual([]);
  });
});
