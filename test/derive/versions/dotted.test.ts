import { describe, expect, it } from 'vitest';
import { compareDotted, parseDotted } from '../../../src/derive/versions/dotted.js';

describe('compareDotted', () => {
  it.each([
    ['10.0.17763.1234', '10.0.17763.5936'],
    ['10.0.17763.9999', '10.0.19041.1'],
    ['6.3.9600.20000', '10.0.14393.0'],
    ['8.5', '10.0'],
    ['4.0.30319', '4.0.30319.1'],
    ['10.0', '10.0.0.1'],
    ['2.9', '2.10'],
  ])('%s < %s', (older, newer) => {
    expect(compareDotted(older, newer)).toBe(-1);
    expect(compareDotted(newer, older)).toBe(1);
  });

  it.each([
    ['10.0', '10.0.0.0'],
    ['10', '10.0'],
    ['10.00.017763', '10.0.17763'],
  ])('%s = %s (missing parts are 0, leading zeros do not count)', (a, b) => {
    expect(compareDotted(a, b)).toBe(0);
  });

  it('reads a part that is not a number by its leading digits, so comparing never fails', () => {
    expect(compareDotted('10.0.17763a', '10.0.17763')).toBe(0);
    expect(compareDotted('x', '0')).toBe(0);
  });
});

describe('parseDotted', () => {
  it('reads numbers', () => {
    expect(parseDotted('10.0.17763.1234')).toEqual([10, 0, 17763, 1234]);
    expect(parseDotted('4.0.30319')).toEqual([4, 0, 30319]);
  });

  it.each(['', '10.', '.1', '1..2', '10.0.x', 'v10', '1 .2', '1234567890123456'])('refuses %j', (text) => {
    expect(parseDotted(text)).toBeNull();
  });
});
