import { describe, expect, it } from 'vitest';
import type { AffectedRange, VersionInterval } from '../../../src/core/model/knowledge.js';
import { affected, inInterval } from '../../../src/derive/versions/ranges.js';

/** OSV "introduced X, fixed Y": [X, Y). */
const fixedIn = (from: string | undefined, to: string | undefined): VersionInterval => ({
  ...(from === undefined ? {} : { from }),
  fromInclusive: true,
  ...(to === undefined ? {} : { to }),
  toInclusive: false,
});

describe('inInterval', () => {
  it.each<[string, VersionInterval, boolean]>([
    ['9.2p1', fixedIn('8.5p1', '9.8p1'), true],
    ['8.5p1', fixedIn('8.5p1', '9.8p1'), true],
    ['9.8p1', fixedIn('8.5p1', '9.8p1'), false],
    ['9.8', fixedIn('8.5p1', '9.8p1'), true],
    ['8.4p1', fixedIn('8.5p1', '9.8p1'), false],
    ['4.4p1', fixedIn(undefined, '4.4p1'), false],
    ['4.3p2', fixedIn(undefined, '4.4p1'), true],
    ['10.0', fixedIn('9.0', undefined), true],
    ['1.0', { fromInclusive: false, toInclusive: false }, true],
    ['8.5p1', { from: '8.5p1', fromInclusive: false, to: '9.8p1', toInclusive: false }, false],
    ['9.8p1', { from: '8.5p1', fromInclusive: true, to: '9.8p1', toInclusive: true }, true],
    ['9.8p2', { from: '8.5p1', fromInclusive: true, to: '9.8p1', toInclusive: true }, false],
    ['1.0.2k', fixedIn('1.0.2', '1.0.2u'), true],
    ['0.1', fixedIn('0', '1.0'), true],
  ])('generic %s in %j → %s', (version, interval, expected) => {
    expect(inInterval('generic', version, interval)).toBe(expected);
  });

  it('Debian: the fixed revision is outside, the one before inside (the CVE-2024-6387 backport)', () => {
    const regreSSHion = fixedIn('1:8.5p1-1', '1:9.2p1-2+deb12u3');
    expect(inInterval('debian', '1:9.2p1-2+deb12u3', regreSSHion)).toBe(false);
    expect(inInterval('debian', '1:9.2p1-2+deb12u2', regreSSHion)).toBe(true);
    expect(inInterval('debian', '1:9.2p1-2+deb12u4', regreSSHion)).toBe(false);
  });

  it('"introduced 0" bounds nothing, even a Debian version below 0', () => {
    expect(inInterval('debian', '0~20200101-1', fixedIn('0', '1.0-1'))).toBe(true);
    expect(inInterval('debian', '0~20200101-1', { from: '0', fromInclusive: false, toInclusive: false })).toBe(false);
  });

  it('null when the version or a deciding bound is not a version of the scheme', () => {
    expect(inInterval('debian', 'abc', fixedIn('1.0', '2.0'))).toBeNull();
    expect(inInterval('debian', '1.5', fixedIn('1.0', 'oops'))).toBeNull();
    expect(inInterval('debian', '0.5', fixedIn('1.0', 'oops'))).toBe(false);
  });
});

describe('affected', () => {
  const rpm: AffectedRange = { scheme: 'rpm', intervals: [fixedIn('0', '8.0p1-19.el8_9')] };

  it('inside any interval of any range', () => {
    const ranges: AffectedRange[] = [{ scheme: 'semver', intervals: [fixedIn('1.2.0', '1.2.5'), fixedIn('2.0.0', '2.0.3')] }];
    expect(affected('semver', '2.0.1', ranges, [])).toBe(true);
    expect(affected('semver', '1.3.0', ranges, [])).toBe(false);
    expect(affected('semver', '2.0.3', ranges, [])).toBe(false);
    expect(affected('semver', '2.0.3-rc.1', ranges, [])).toBe(true);
  });

  it('RHEL: el8_8 is affected, el8_9 is fixed', () => {
    expect(affected('rpm', '8.0p1-19.el8_8', [rpm], [])).toBe(true);
    expect(affected('rpm', '8.0p1-19.el8_9', [rpm], [])).toBe(false);
  });

  it('listed versions count as affected, compared in the scheme', () => {
    expect(affected('debian', '1:9.2p1-2', [], ['1:9.2p1-1', '1:9.2p1-2'])).toBe(true);
    expect(affected('semver', '1.2.3', [], ['1.2.3+build7'])).toBe(true);
    expect(affected('debian', '1:9.2p1-3', [], ['1:9.2p1-1', '1:9.2p1-2'])).toBe(false);
  });

  it('nothing to check: false', () => {
    expect(affected('generic', '1.0', [], [])).toBe(false);
  });

  it('null when the version cannot be compared', () => {
    expect(affected('debian', 'not a version', [rpm], ['1.0'])).toBeNull();
    expect(affected('rpm', 'latest', [rpm], [])).toBeNull();
  });

  it('null when no interval includes it and one could not decide; true wins over undecided', () => {
    const broken: AffectedRange = { scheme: 'generic', intervals: [fixedIn('1.0', 'garbage')] };
    const good: AffectedRange = { scheme: 'generic', intervals: [fixedIn('1.0', '2.0')] };
    expect(affected('generic', '1.5', [broken], [])).toBeNull();
    expect(affected('generic', '1.5', [broken, good], [])).toBe(true);
  });

  it('each range is compared in its own scheme', () => {
    const dotted: AffectedRange = { scheme: 'dotted', intervals: [fixedIn('10.0', '10.0.17763.5936')] };
    expect(affected('generic', '10.0.17763.1234', [dotted], [])).toBe(true);
    expect(affected('generic', '10.0.17763a', [dotted], [])).toBeNull();
  });
});
