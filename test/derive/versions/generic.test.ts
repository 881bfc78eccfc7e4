import { describe, expect, it } from 'vitest';
import { compareGeneric, parseGeneric } from '../../../src/derive/versions/generic.js';

describe('compareGeneric', () => {
  it.each([
    ['9.2p1', '9.8p1'],
    ['8.5p1', '9.2p1'],
    ['9.8', '9.8p1'],
    ['1.0.2', '1.0.2k'],
    ['1.0.2k', '1.0.2u'],
    ['1.0.2', '1.0.2a'],
    ['1.0.2zh', '1.1.0'],
    ['2.4.49', '2.4.50'],
    ['2.4.9', '2.4.49'],
    ['7.0.15', '7.2.4'],
    ['3.0.3', '3.0.13'],
    ['2.0.0-rc1', '2.0.0'],
    ['2.0.0-alpha', '2.0.0-beta'],
    ['2.0.0-beta2', '2.0.0-rc1'],
    ['2.0.0-dev', '2.0.0-alpha'],
    ['8.3.0RC1', '8.3.0'],
    ['8.3.0rc1', '8.3.0RC2'],
    ['2.0rc1', '2.0'],
    ['1.0~rc1', '1.0'],
    ['1.0rc1', '1.0p1'],
    ['1.0a', '1.0.1'],
    ['1.0', '1.0.0.1'],
    ['1.2.3', 'v1.2.4'],
  ])('%s < %s', (older, newer) => {
    expect(compareGeneric(older, newer)).toBe(-1);
    expect(compareGeneric(newer, older)).toBe(1);
  });

  it.each([
    ['7.0', '7.0.0'],
    ['1.010', '1.10'],
    ['8.3.0RC1', '8.3.0rc1'],
    ['v2.4.49', '2.4.49'],
    ['1.2_3', '1.2.3'],
  ])('%s = %s', (a, b) => {
    expect(compareGeneric(a, b)).toBe(0);
  });
});

describe('parseGeneric', () => {
  it('splits into numbers and lower-case words', () => {
    expect(parseGeneric('9.2P1')?.map((s) => s.text)).toEqual(['9', '2', 'p', '1']);
  });

  it.each(['', 'latest', 'p1', '9.2 p1', 'v'])('refuses %j', (text) => {
    expect(parseGeneric(text)).toBeNull();
  });
});
