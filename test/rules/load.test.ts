import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { builtinRulesDir, loadRules, readRuleBook } from '../../src/rules/load.js';

const invalid = new URL('../../fixtures/rules/invalid/', import.meta.url).pathname;
const valid = new URL('../../fixtures/rules/valid/', import.meta.url).pathname;

/** A directory holding just one fixture file, as a user's --rules directory would. */
function dirWith(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rasoat-rules-'));
  copyFileSync(join(invalid, file), join(dir, file));
  return dir;
}

describe('rule loading', () => {
  it.each([
    ['bad-yaml.yaml', 4, /YAML|flow|collection|Missing/i],
    ['missing-title.yaml', 2, /title/],
    ['unknown-kind.yaml', 3, /unknown observation kind/],
    ['bad-regex.yaml', 10, /bad regex/],
    ['kind-not-read.yaml', 11, /port\.summary.*not listed in reads/],
    ['duplicate-id.yaml', 11, /duplicate rule id x\.y\.same.*:2\)/],
    ['bad-id.yaml', 2, /rule ids are dotted/],
    ['bad-severity.yaml', 4, /severity/],
  ])('%s is rejected at line %i with the reason', (file, line, reason) => {
    const book = readRuleBook([dirWith(file)]);
    expect(book.problems).toHaveLength(1);
    const problem = book.problems[0]!;
    expect(problem.file.endsWith(file)).toBe(true);
    expect(problem.line).toBe(line);
    expect(problem.message).toMatch(reason);
  });

  it('loadRules throws the first problem as an InputError naming file and line', () => {
    expect(() => loadRules([dirWith('unknown-kind.yaml')])).toThrowError(InputError);
    try {
      loadRules([dirWith('unknown-kind.yaml')]);
    } catch (error) {
      expect((error as InputError).file).toMatch(/unknown-kind\.yaml$/);
      expect((error as InputError).line).toBe(3);
    }
  });

  it('a missing rules directory is a problem, not a crash', () => {
    const book = readRuleBook(['/nonexistent/rasoat-rules']);
    expect(book.problems[0]?.message).toMatch(/not a directory/);
  });

  it('a user rule directory adds to the built-in rules, and the version changes with it', () => {
    const builtin = loadRules([builtinRulesDir()]);
    const both = loadRules([builtinRulesDir(), valid]);
    expect(both.rules.length).toBe(builtin.rules.length + 1);
    expect(both.rules.map((r) => r.id)).toContain('custom.port.gopher-exposed');
    expect(both.version).not.toBe(builtin.version);
  });

  it('a user rule may not reuse a built-in id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasoat-rules-'));
    copyFileSync(join(builtinRulesDir(), 'ports.yaml'), join(dir, 'copy.yaml'));
    const book = readRuleBook([builtinRulesDir(), dir]);
    expect(book.problems.some((p) => /duplicate rule id ports\.service\.telnet-exposed/.test(p.message))).toBe(true);
  });
});
