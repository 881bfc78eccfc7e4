import { describe, expect, it } from 'vitest';
import { compareRpm, parseRpmVersion, rpmvercmp } from '../../../src/derive/versions/rpm.js';

const OLDER_NEWER: ReadonlyArray<readonly [string, string]> = [
  ['1.0~rc1', '1.0'],
  ['1.0~rc1', '1.0~rc2'],
  ['1.0~~', '1.0~'],
  ['1.0', '1.0^git1'],
  ['1.0^git1', '1.0.1'],
  ['1.0^git1', '1.0^git2'],
  ['1.0^', '1.0^git1'],
  ['1.0~rc1^git1', '1.0'],
  ['a', '1'],
  ['1.0a', '1.0.1'],
  ['1.0', '1.0a'],
  ['1.9', '1.10'],
  ['2.0.1', '2.0.1a'],
  ['5.5p1', '5.5p10'],
  ['10b2', '10.0001'],
  ['xyz10', 'xyz10.1'],
  ['8.0p1-19.el8_8', '8.0p1-19.el8_9'],
  ['8.0p1-19.el8_9', '8.0p1-19.el8_9.2'],
  ['8.0p1-19.el8_9', '8.0p1-20.el8'],
  ['8.0p1-19.el8_9', '8.7p1-1.el9'],
  ['2.4.37-43.module+el8.5.0+13806+b30d9eec', '2.4.37-47.module+el8.6.0+14529+bd9a1d3c'],
  ['2.4.37-43.module+el8.5.0+13806+b30d9eec', '2.4.37-43.module+el8.5.0+14000+0123abcd'],
  ['2.4.37-43.module_el8.5.0+13806', '2.4.37-43.module+el8.6.0+1'],
  ['1.0', '1.0-1'],
  ['9.9-1', '1:1.0-1'],
  ['0:1.0', '1:0.1'],
];

const EQUAL: ReadonlyArray<readonly [string, string]> = [
  ['1.010', '1.10'],
  ['1.0', '1.0'],
  ['1.0', '1_0'],
  ['1.0', '1+0'],
  ['0:1.0-1', '1.0-1'],
  ['1.0-1.el8', '1.0-1.el8'],
];

describe('rpmvercmp and compareRpm', () => {
  it.each(OLDER_NEWER)('%s < %s', (older, newer) => {
    expect(compareRpm(older, newer)).toBe(-1);
    expect(compareRpm(newer, older)).toBe(1);
  });

  it.each(EQUAL)('%s = %s', (a, b) => {
    expect(compareRpm(a, b)).toBe(0);
    expect(compareRpm(b, a)).toBe(0);
  });

  it('rpmvercmp alone: separators only separate, even trailing ones', () => {
    expect(rpmvercmp('1.0', '1.0.')).toBe(0);
    expect(rpmvercmp('1.0.', '1.0a')).toBe(-1);
    expect(rpmvercmp('1..0', '1.0')).toBe(0);
    expect(rpmvercmp('', '')).toBe(0);
  });
});

describe('parseRpmVersion', () => {
  it.each([
    ['1:8.0p1-19.el8_9', { epoch: '1', version: '8.0p1', release: '19.el8_9' }],
    ['8.0p1', { epoch: '0', version: '8.0p1', release: '' }],
    ['1.0^git1-1.fc39', { epoch: '0', version: '1.0^git1', release: '1.fc39' }],
  ])('reads %j', (text, expected) => {
    expect(parseRpmVersion(text)).toEqual(expected);
  });

  it.each(['', 'latest', '1.0-', 'a:1.0', '1:2:3', '1.0 1', '1.0/1', '-1'])('refuses %j with null', (text) => {
    expect(parseRpmVersion(text)).toBeNull();
  });
});
