import { describe, expect, it } from 'vitest';
import { compareDebian, parseDebianVersion } from '../../../src/derive/versions/debian.js';

// [older, newer]: each pair must compare -1 one way and 1 the other (dpkg --compare-versions agrees on all).
const OLDER_NEWER: ReadonlyArray<readonly [string, string]> = [
  ['1.0~rc1', '1.0'],
  ['1.0', '1.0+b1'],
  ['2.0', '1:0.1'],
  ['1.0-1', '1.0-1+deb12u1'],
  ['9.2p1-2+deb12u2', '9.2p1-2+deb12u3'],
  ['1:9.2p1-2+deb12u2', '1:9.2p1-2+deb12u3'],
  ['1.0~~', '1.0~'],
  ['1.0~', '1.0'],
  ['1.0', '1.0a'],
  ['1.0~~a', '1.0~'],
  ['1.2.3', '1.2.3a'],
  ['1.2.3~a', '1.2.3'],
  ['1.2.3a', '1.2.3+'],
  ['1.2.3a', '1.2.3.'],
  ['1.2.9', '1.2.10'],
  ['1.9', '1.10'],
  ['1.0-2', '1.0-10'],
  ['2.4.62-1~deb12u1', '2.4.62-1'],
  ['1.0-1~bpo12+1', '1.0-1'],
  ['8.9p1-3ubuntu0.6', '8.9p1-3ubuntu0.10'],
  ['1.22.1-9', '1.22.1-9+deb12u1'],
  ['0.9', '0:1.0'],
  ['1:1.0', '2:0.1'],
  ['1.0-1', '1.0.1-1'],
  ['1.0.0', '1.0.0.0'],
  ['99999999999999999999', '100000000000000000000'],
];

const EQUAL: ReadonlyArray<readonly [string, string]> = [
  ['1.0', '1.0-0'], // revision 0 and no revision are the same to dpkg
  ['0:1.0', '1.0'],
  ['1.01', '1.1'],
  ['1.000', '1.0'],
  ['1:9.2p1-2+deb12u3', '1:9.2p1-2+deb12u3'],
  [' 1.0 ', '1.0'],
];

describe('compareDebian', () => {
  it.each(OLDER_NEWER)('%s < %s', (older, newer) => {
    expect(compareDebian(older, newer)).toBe(-1);
    expect(compareDebian(newer, older)).toBe(1);
  });

  it.each(EQUAL)('%s = %s', (a, b) => {
    expect(compareDebian(a, b)).toBe(0);
    expect(compareDebian(b, a)).toBe(0);
  });

  it('orders ~~ < ~ < (end) < letters < other characters, as Policy 5.6.12 says', () => {
    const sorted = ['1a', '1~', '1+', '1', '1~~', '1.'].sort(compareDebian);
    expect(sorted).toEqual(['1~~', '1~', '1', '1a', '1+', '1.']);
  });
});

describe('parseDebianVersion', () => {
  it.each([
    ['1:9.2p1-2+deb12u3', { epoch: 1, upstream: '9.2p1', revision: '2+deb12u3' }],
    ['9.2p1', { epoch: 0, upstream: '9.2p1', revision: '' }],
    ['1.2-3-4', { epoch: 0, upstream: '1.2-3', revision: '4' }],
    ['2:1.0:1-1', { epoch: 2, upstream: '1.0:1', revision: '1' }],
    ['  1.0-1\t', { epoch: 0, upstream: '1.0', revision: '1' }],
  ])('reads %j', (text, expected) => {
    expect(parseDebianVersion(text)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['1.0 1', 'embedded space'],
    [':1.0', 'empty epoch'],
    ['a:1.0', 'epoch not a number'],
    ['1:', 'nothing after the colon'],
    ['1.0-', 'empty revision'],
    ['-1', 'empty upstream version'],
    ['1:-1', 'empty upstream version after an epoch'],
    ['abc', 'upstream not starting with a digit'],
    ['~1', 'upstream starting with a tilde'],
    ['1.0_1', 'underscore in the upstream version'],
    ['1.0-1:2', 'colon in the revision'],
    ['1.0-1_2', 'underscore in the revision'],
    ['99999999999:1.0', 'epoch too big'],
  ])('refuses %j (%s) with null, not an exception', (text) => {
    expect(parseDebianVersion(text)).toBeNull();
  });
});
