import { describe, expect, it } from 'vitest';
import type { VersionScheme } from '../../../src/core/model/knowledge.js';
import { compareVersions, schemeOfEcosystem } from '../../../src/derive/versions/compare.js';

describe('compareVersions', () => {
  it.each<[VersionScheme, string, string, number]>([
    ['debian', '1:9.2p1-2+deb12u2', '1:9.2p1-2+deb12u3', -1],
    ['debian', '1.0~rc1', '1.0', -1],
    ['rpm', '8.0p1-19.el8_9', '8.0p1-19.el8_8', 1],
    ['rpm', '1.0^git1', '1.0', 1],
    ['semver', '3.0.0-rc.1', '3.0.0', -1],
    ['semver', '1.9.0b1', '1.9.0', -1],
    ['dotted', '10.0.17763.1234', '10.0.17763.1234', 0],
    ['dotted', '10.0', '10.0.0.1', -1],
    ['generic', '9.2p1', '9.8p1', -1],
    ['generic', '1.0.2u', '1.0.2k', 1],
  ])('%s: %s vs %s → %d', (scheme, a, b, expected) => {
    expect(compareVersions(scheme, a, b)).toBe(expected);
  });

  it('gives the same answer the second time (parsing is memoised)', () => {
    expect(compareVersions('debian', '1.0-1', '1.0-1+deb12u1')).toBe(-1);
    expect(compareVersions('debian', '1.0-1', '1.0-1+deb12u1')).toBe(-1);
  });

  it.each<[VersionScheme, string, string]>([
    ['debian', '1.0-', '1.0'],
    ['debian', '1.0', 'abc'],
    ['rpm', 'latest', '1.0'],
    ['semver', '1.0.0', 'next'],
    ['dotted', '10.0.x', '10.0'],
    ['generic', '', '1.0'],
    ['generic', '1.0', 'unknown'],
  ])('%s: null when %j or %j is not a version of the scheme', (scheme, a, b) => {
    expect(compareVersions(scheme, a, b)).toBeNull();
  });
});

describe('schemeOfEcosystem', () => {
  it.each<[string, VersionScheme]>([
    ['npm', 'semver'],
    ['retire.js', 'semver'],
    ['Debian', 'debian'],
    ['Debian:12', 'debian'],
    ['Ubuntu:22.04:LTS', 'debian'],
    ['Ubuntu:Pro:18.04:LTS', 'debian'],
    ['Red Hat', 'rpm'],
    ['Red Hat:enterprise_linux:8::appstream', 'rpm'],
    ['AlmaLinux:8', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['openSUSE', 'rpm'],
    ['SUSE', 'rpm'],
    ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'],
    ['upstream', 'generic'],
    ['PyPI', 'generic'],
    ['Maven', 'generic'],
    ['', 'generic'],
  ])('%j → %s', (ecosystem, scheme) => {
    expect(schemeOfEcosystem(ecosystem)).toBe(scheme);
  });
});
