import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { parseTargetsFile, type TargetsFile } from '../../../src/core/targets/file.js';
import { DEFAULT_MAX_ADDRESSES, type ParseLimits } from '../../../src/core/targets/parse.js';

const LIMITS: ParseLimits = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: false };
const FILE = 'targets.yaml';

function lines(...rows: string[]): string {
  return rows.join('\n') + '\n';
}

function failure(text: string, limits: ParseLimits = LIMITS): InputError {
  try {
    parseTargetsFile(text, FILE, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('parseTargetsFile did not throw');
}

describe('parseTargetsFile: contents', () => {
  const text = lines(
    'authorization: "QĐ 123/2025 of the provincial DIC"', // 1
    'exclude:', // 2
    '  - 10.0.0.7', // 3
    '  - mail.example.vn', // 4
    'resolve:', // 5
    '  portal.example.vn: 10.0.0.10', // 6
    '  api.example.vn: [10.0.0.11, "2001:db8::11"]', // 7
    'groups:', // 8
    '  - agency: Sở TT&TT', // 9
    '    unit: Trung tâm CNTT', // 10
    '    owner: ops@example.vn', // 11
    '    tags: [portal, public]', // 12
    '    level: 3', // 13
    '    segment: dmz', // 14
    '    targets:', // 15
    '      - https://portal.example.vn/', // 16
    '      - 10.0.0.0/30', // 17
    '  - agency: Sở Y tế', // 18
    '    targets: [db.example.vn]', // 19
    'targets:', // 20
    '  - 192.168.1.1', // 21
  );
  let parsed: TargetsFile;

  it('parses without error', () => {
    parsed = parseTargetsFile(text, FILE, LIMITS);
    expect(parsed.file).toBe(FILE);
  });

  it('keeps the authorization', () => {
    expect(parsed.authorization).toBe('QĐ 123/2025 of the provincial DIC');
  });

  it('attaches groups with every field to their targets, in order', () => {
    expect(parsed.entries).toHaveLength(4);
    const [portal, range, db, ungrouped] = parsed.entries;
    expect(portal?.entry).toMatchObject({ type: 'url', host: 'portal.example.vn', port: 443 });
    expect(portal?.group).toEqual({
      agency: 'Sở TT&TT',
      unit: 'Trung tâm CNTT',
      owner: 'ops@example.vn',
      tags: ['portal', 'public'],
      level: 3,
      segment: 'dmz',
    });
    expect(range?.entry).toMatchObject({ type: 'addresses', size: 4n, explicit: false });
    expect(range?.group).toBe(portal?.group);
    expect(db?.entry).toMatchObject({ type: 'name', host: 'db.example.vn' });
    expect(db?.group).toEqual({ agency: 'Sở Y tế', tags: [] });
    expect(ungrouped?.entry).toMatchObject({ type: 'addresses', size: 1n, explicit: true });
    expect(ungrouped).not.toHaveProperty('group');
  });

  it('keeps exclusions as text', () => {
    expect(parsed.exclude).toEqual(['10.0.0.7', 'mail.example.vn']);
  });

  it('turns resolve pins into lists', () => {
    expect(parsed.resolve).toEqual({
      'portal.example.vn': ['10.0.0.10'],
      'api.example.vn': ['10.0.0.11', '2001:db8::11'],
    });
  });
});

describe('parseTargetsFile: minimal files', () => {
  it('a plain list under targets, without optional fields', () => {
    const parsed = parseTargetsFile(lines('targets:', '  - example.com'), FILE, LIMITS);
    expect(parsed.entries).toEqual([{ entry: { type: 'name', host: 'example.com', input: 'example.com' } }]);
    expect(parsed.exclude).toEqual([]);
    expect(parsed.resolve).toEqual({});
    expect(parsed).not.toHaveProperty('authorization');
  });

  it('exclusions may be larger than the target limit', () => {
    const parsed = parseTargetsFile(lines('exclude: [0.0.0.0/0]', 'targets: [10.0.0.1]'), FILE, LIMITS);
    expect(parsed.exclude).toEqual(['0.0.0.0/0']);
  });

  it('targets follow the size limits given', () => {
    const text = lines('targets:', '  - 10.0.0.0/15');
    expect(failure(text).messageId).toBe('target.tooLarge');
    const parsed = parseTargetsFile(text, FILE, { ...LIMITS, allowLarge: true });
    expect(parsed.entries[0]?.entry).toMatchObject({ size: 131_072n });
  });
});

describe('parseTargetsFile: errors name file and line', () => {
  it('a malformed ungrouped target reports its own line', () => {
    const error = failure(lines('# inventory', 'targets:', '  - 10.0.0.1', '  - 10.0.0', '  - 10.0.0.2'));
    expect(error.messageId).toBe('target.invalid');
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(4);
    expect(error.params).toMatchObject({ input: '10.0.0', file: FILE, line: 4 });
  });

  it('a malformed target inside a group reports its own line', () => {
    const error = failure(
      lines(
        'groups:', // 1
        '  - agency: A', // 2
        '    targets:', // 3
        '      - a.example', // 4
        '  - agency: B', // 5
        '    targets:', // 6
        '      - b.example', // 7
        '      - 300.1.1.1', // 8
      ),
    );
    expect(error.messageId).toBe('target.invalid');
    expect(error.line).toBe(8);
  });

  it('keeps the original error id and parameters', () => {
    const error = failure(lines('targets:', '  - http://example.com/', '  - ftp://example.com/'));
    expect(error.messageId).toBe('target.badScheme');
    expect(error.line).toBe(3);
    expect(error.params.input).toBe('ftp://example.com/');

    const reversed = failure(lines('targets: [a.example]', 'exclude:', '  - 10.0.0.50-1'));
    expect(reversed.messageId).toBe('target.badRange');
    expect(reversed.line).toBe(3);
  });

  it('YAML syntax errors report their line', () => {
    const indent = failure(lines('targets:', '  - a.example', '  - b.example', ' bad: indent', 'exclude: []'));
    expect(indent.messageId).toBe('file.yamlSyntax');
    expect(indent.file).toBe(FILE);
    expect(indent.line).toBe(4);

    const nested = failure(lines('targets:', '  - a.example', '  - b: c: d'));
    expect(nested.messageId).toBe('file.yamlSyntax');
    expect(nested.line).toBe(3);

    const tab = failure(lines('targets:', '  - a.example', 'groups:', '\t- agency: x'));
    expect(tab.messageId).toBe('file.yamlSyntax');
    expect(tab.line).toBe(4);
  });

  it('duplicate keys are syntax errors', () => {
    const error = failure(lines('targets: [a.example]', 'targets: [b.example]'));
    expect(error.messageId).toBe('file.yamlSyntax');
    expect(error.line).toBe(2);
  });

  it('unknown keys are rejected', () => {
    const top = failure(lines('targets: [a.example]', 'scope: all'));
    expect(top.messageId).toBe('file.invalid');
    expect(top.file).toBe(FILE);
    expect(String(top.params.detail)).toContain('scope');

    const inGroup = failure(lines('groups:', '  - agency: A', '    targets: [a.example]', '    ownr: x'));
    expect(inGroup.messageId).toBe('file.invalid');
    expect(String(inGroup.params.detail)).toContain('ownr');
  });

  it('an unknown key is reported at the line of that key', () => {
    expect(failure(lines('targets: [a.example]', 'scope: all')).line).toBe(2);
    expect(failure(lines('groups:', '  - agency: A', '    targets: [a.example]', '    ownr: x')).line).toBe(4);
  });

  it('a level outside 1-5 is rejected at its line', () => {
    for (const level of ['0', '6', '2.5', 'high']) {
      const error = failure(lines('groups:', '  - agency: A', `    level: ${level}`, '    targets: [a.example]'));
      expect(error.messageId, level).toBe('file.invalid');
      expect(error.line, level).toBe(3);
      expect(String(error.params.detail), level).toContain('groups.0.level');
    }
  });

  it('wrong types are rejected at their line', () => {
    const error = failure(lines('targets:', '  - a.example', '  - 42'));
    expect(error.messageId).toBe('file.invalid');
    expect(error.line).toBe(3);

    const group = failure(lines('groups:', '  - targets: [a.example]'));
    expect(group.messageId).toBe('file.invalid');
    expect(String(group.params.detail)).toContain('agency');

    const emptyGroup = failure(lines('groups:', '  - agency: A', '    targets: []'));
    expect(emptyGroup.messageId).toBe('file.invalid');
    expect(emptyGroup.line).toBe(3);
  });

  it('an empty file, or one with only exclusions, is file.noTargets', () => {
    for (const text of ['', '# nothing yet\n', lines('exclude: [10.0.0.1]'), lines('targets: []')]) {
      const error = failure(text);
      expect(error.messageId, JSON.stringify(text)).toBe('file.noTargets');
      expect(error.file).toBe(FILE);
      expect(error.line).toBe(1);
    }
  });

  it('a document that is not a mapping is file.invalid', () => {
    expect(failure(lines('- 10.0.0.1')).messageId).toBe('file.invalid');
  });
});
