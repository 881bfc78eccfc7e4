import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlCached } from '../../src/core/yaml-cache.js';
import { parseYamlLocated } from '../../src/core/yaml.js';

const TEXT = ['# a rule file', 'shared:', '  x: &x [1, 2]', 'rules:', '  - id: a.b', '    values: *x', '  - id: a.c', '    nested:', '      deep: true', ''].join('\n');
const cacheDir = () => mkdtempSync(join(tmpdir(), 'rasoat-yaml-cache-'));

describe('the parsed-YAML cache', () => {
  it('gives what parsing gives, and the lines of the top two levels, from one file per text', () => {
    const dir = cacheDir();
    const first = parseYamlCached(TEXT, 'r.yaml', dir);
    const second = parseYamlCached(TEXT, 'r.yaml', dir);
    const direct = parseYamlLocated(TEXT, 'r.yaml');
    expect(second.value).toEqual(direct.value);
    expect(first.value).toEqual(direct.value);
    for (const path of [['rules'], ['rules', 0], ['rules', 1], ['shared']]) expect(second.lineOf(path)).toBe(direct.lineOf(path));
    // Deeper paths (problems to report) are answered exactly too, by parsing again.
    expect(second.lineOf(['rules', 1, 'nested', 'deep'])).toBe(9);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('is really read back (a second run does not parse), and a changed text is a new entry', () => {
    const dir = cacheDir();
    parseYamlCached(TEXT, 'r.yaml', dir);
    const file = join(dir, readdirSync(dir)[0]!);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { value: { rules: Array<{ id: string }> } };
    cached.value.rules[0]!.id = 'from.cache';
    writeFileSync(file, JSON.stringify(cached));
    expect((parseYamlCached(TEXT, 'r.yaml', dir).value as typeof cached.value).rules[0]!.id).toBe('from.cache');
    expect((parseYamlCached(`${TEXT}# edited\n`, 'r.yaml', dir).value as typeof cached.value).rules[0]!.id).toBe('a.b');
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('parses as usual when the cache is damaged or cannot be written, and syntax errors still name the line', () => {
    const dir = cacheDir();
    parseYamlCached(TEXT, 'r.yaml', dir);
    writeFileSync(join(dir, readdirSync(dir)[0]!), '{ not json');
    expect(parseYamlCached(TEXT, 'r.yaml', dir).value).toEqual(parseYamlLocated(TEXT, 'r.yaml').value);
    const blocked = join(cacheDir(), 'file-not-dir');
    writeFileSync(blocked, '');
    chmodSync(blocked, 0o400);
    expect(parseYamlCached(TEXT, 'r.yaml', join(blocked, 'sub')).value).toEqual(parseYamlLocated(TEXT, 'r.yaml').value);
    expect(() => parseYamlCached('rules:\n  - id: [\n', 'bad.yaml', dir)).toThrow(expect.objectContaining({ line: 3 }));
  });
});
