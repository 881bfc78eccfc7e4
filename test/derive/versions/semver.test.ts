import { describe, expect, it } from 'vitest';
import { compareSemver, parseSemver } from '../../../src/derive/versions/semver.js';

describe('compareSemver', () => {
  it.each([
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '1.0.0-beta'],
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '1.0.0'],
    ['3.0.0-rc.1', '3.0.0'],
    ['3.0.0-beta.2', '3.0.0-rc.1'],
    ['2.9.9', '3.0.0-rc.1'],
    ['1.9.0b1', '1.9.0'],
    ['1.8.3', '1.9.0b1'],
    ['2.2.4-aem', '2.2.4'],
    ['2.2.3', '2.2.4-aem'],
    ['1.12.4-aem1', '1.12.4'],
    ['1.12.4-aem', '1.12.4-aem1'],
    ['1.2', '1.2.1'],
    ['1.2-beta', '1.2'],
    ['1', '1.0.1'],
    ['v1.2.3', '1.2.4'],
    ['4.17.20', '4.17.21'],
  ])('%s < %s', (older, newer) => {
    expect(compareSemver(older, newer)).toBe(-1);
    expect(compareSemver(newer, older)).toBe(1);
  });

  it.each([
    ['1.0.0+build1', '1.0.0+build2'],
    ['1.2', '1.2.0'],
    ['v1.2.3', '=1.2.3'],
    ['01.2.3', '1.2.3'],
  ])('%s = %s', (a, b) => {
    expect(compareSemver(a, b)).toBe(0);
  });

  it('compares a pair generically when one side is not semver even padded (four numbers)', () => {
    expect(parseSemver('1.2.3.4')?.semver).toBeNull();
    expect(compareSemver('1.2.3.4', '1.2.3')).toBe(1);
    expect(compareSemver('1.2.3.4', '1.2.4')).toBe(-1);
    expect(compareSemver('4.0.0.beta', '4.0.0')).toBe(-1);
  });

  it('reads retire.js spellings as semver pre-releases', () => {
    expect(parseSemver('1.9.0b1')?.semver?.prerelease).toEqual(['b1']);
    expect(parseSemver('2.2.4-aem')?.semver?.prerelease).toEqual(['aem']);
    expect(parseSemver('1.2')?.semver?.version).toBe('1.2.0');
  });

  it.each(['', 'latest', 'next', '*', '^1.2.3', '1.2.3 || 2.0.0'])('%j is not a version', (text) => {
    expect(parseSemver(text)).toBeNull();
  });
});
