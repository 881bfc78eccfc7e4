import { describe, expect, it } from 'vitest';
import type { DistroBuild } from '../../../src/core/model/software-observation.js';
import { ecosystemsFor } from '../../../src/derive/versions/distro-ecosystems.js';

const AVAILABLE = [
  'npm',
  'Debian:11',
  'Debian:12',
  'Ubuntu:20.04:LTS',
  'Ubuntu:22.04:LTS',
  'Ubuntu:Pro:18.04:LTS',
  'Ubuntu:Pro:22.04:LTS',
  'Ubuntu:24.04:LTS',
  'Red Hat',
  'Red Hat:enterprise_linux:8::appstream',
  'Red Hat:enterprise_linux:9::appstream',
  'Red Hat:rhel_eus:8.6::baseos',
  'AlmaLinux:8',
  'AlmaLinux:9',
  'Rocky Linux:8',
  'Rocky Linux:9',
];

const build = (name: string, release: string | null): DistroBuild => ({ name, release, packageVersion: null });

describe('ecosystemsFor', () => {
  it.each<[DistroBuild, string[]]>([
    [build('debian', '12'), ['Debian:12']],
    [build('debian', null), ['Debian:11', 'Debian:12']],
    [build('raspbian', '11'), ['Debian:11']],
    [build('ubuntu', '22.04'), ['Ubuntu:22.04:LTS', 'Ubuntu:Pro:22.04:LTS']],
    [build('ubuntu', '18.04'), ['Ubuntu:Pro:18.04:LTS']],
    [build('ubuntu', null), ['Ubuntu:20.04:LTS', 'Ubuntu:22.04:LTS', 'Ubuntu:Pro:18.04:LTS', 'Ubuntu:Pro:22.04:LTS', 'Ubuntu:24.04:LTS']],
    [build('rhel', '8'), ['Red Hat', 'Red Hat:enterprise_linux:8::appstream', 'Red Hat:rhel_eus:8.6::baseos', 'AlmaLinux:8', 'Rocky Linux:8']],
    [build('rocky', '9'), ['Rocky Linux:9', 'Red Hat', 'Red Hat:enterprise_linux:9::appstream', 'AlmaLinux:9']],
    [build('centos', '7'), ['Red Hat']],
    [build('alma', null), ['AlmaLinux:8', 'AlmaLinux:9', 'Red Hat', 'Red Hat:enterprise_linux:8::appstream', 'Red Hat:enterprise_linux:9::appstream', 'Red Hat:rhel_eus:8.6::baseos', 'Rocky Linux:8', 'Rocky Linux:9']],
    [build('fedora', '39'), []],
    [build('freebsd', null), []],
  ])('%j', (distro, expected) => {
    expect(ecosystemsFor(distro, AVAILABLE)).toEqual(expected);
  });

  it('returns only ecosystems the knowledge holds', () => {
    expect(ecosystemsFor(build('debian', '12'), [])).toEqual([]);
    expect(ecosystemsFor(build('debian', '13'), AVAILABLE)).toEqual([]);
  });
});
