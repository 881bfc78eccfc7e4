import { describe, expect, it } from 'vitest';
import type { DistroBuild } from '../../../src/core/model/software-observation.js';
import { distroBuildOf, type DistroBuildInput } from '../../../src/derive/versions/distro.js';

const build = (name: string, release: string | null, packageVersion: string | null): DistroBuild => ({ name, release, packageVersion });

describe('distroBuildOf: SSH comments', () => {
  it.each<[DistroBuildInput, DistroBuild]>([
    [{ version: '9.2p1', comment: 'Debian-2+deb12u3', debianEpoch: 1 }, build('debian', '12', '1:9.2p1-2+deb12u3')],
    [{ version: '9.2p1', comment: 'Debian-2+deb12u3' }, build('debian', '12', '9.2p1-2+deb12u3')],
    [{ version: '9.2p1', comment: 'Debian-2+deb12u3', debianEpoch: 0 }, build('debian', '12', '9.2p1-2+deb12u3')],
    [{ version: '9.7p1', comment: 'Debian-5', debianEpoch: 1 }, build('debian', null, '1:9.7p1-5')],
    [{ version: '7.4p1', comment: 'Debian-10+deb9u7', debianEpoch: 1 }, build('debian', '9', '1:7.4p1-10+deb9u7')],
    [{ version: '8.9p1', comment: 'Ubuntu-3ubuntu0.10', debianEpoch: 1 }, build('ubuntu', null, '1:8.9p1-3ubuntu0.10')],
    [{ version: '8.2p1', comment: 'Ubuntu-4ubuntu0.11', debianEpoch: 1 }, build('ubuntu', null, '1:8.2p1-4ubuntu0.11')],
    [{ version: '7.9p1', comment: 'Raspbian-10+deb10u2+rpi1', debianEpoch: 1 }, build('raspbian', '10', '1:7.9p1-10+deb10u2+rpi1')],
    [{ version: '8.4p1', comment: 'Raspbian-5+deb11u3' }, build('raspbian', '11', '8.4p1-5+deb11u3')],
    [{ version: null, comment: 'Debian-2+deb12u3' }, build('debian', '12', null)],
  ])('%j', (input, expected) => {
    expect(distroBuildOf(input)).toEqual(expected);
  });
});

describe('distroBuildOf: package versions', () => {
  it.each<[DistroBuildInput, DistroBuild]>([
    [{ version: '1.22.1-9+deb12u1' }, build('debian', '12', '1.22.1-9+deb12u1')],
    [{ version: '2.4.62-1~deb12u1' }, build('debian', '12', '2.4.62-1~deb12u1')],
    [{ version: '7.4.33-1+deb11u5' }, build('debian', '11', '7.4.33-1+deb11u5')],
    [{ version: '9.7p1-4~bpo12+1', debianEpoch: 1 }, build('debian', '12', '1:9.7p1-4~bpo12+1')],
    [{ version: '1:9.2p1-2+deb12u3', debianEpoch: 1 }, build('debian', '12', '1:9.2p1-2+deb12u3')],
    [{ version: '8.1.2-1ubuntu2.14' }, build('ubuntu', null, '8.1.2-1ubuntu2.14')],
    [{ version: '2.4.52-1ubuntu4.6' }, build('ubuntu', null, '2.4.52-1ubuntu4.6')],
    [{ version: '1.18.0-6ubuntu14.4' }, build('ubuntu', null, '1.18.0-6ubuntu14.4')],
    [{ version: '3.0.2-0ubuntu1.15' }, build('ubuntu', null, '3.0.2-0ubuntu1.15')],
    [{ version: '1.2.3-0ubuntu0.22.04.1' }, build('ubuntu', '22.04', '1.2.3-0ubuntu0.22.04.1')],
    [{ version: '2.0-1~22.04' }, build('ubuntu', '22.04', '2.0-1~22.04')],
    [{ version: '1.18.0-6ubuntu14.4~20.04.1' }, build('ubuntu', '20.04', '1.18.0-6ubuntu14.4~20.04.1')],
    [{ version: '8.0p1-19.el8_9' }, build('rhel', '8', '8.0p1-19.el8_9')],
    [{ version: '8.7p1-34.el9' }, build('rhel', '9', '8.7p1-34.el9')],
    [{ version: '7.4p1-23.el7_9' }, build('rhel', '7', '7.4p1-23.el7_9')],
    [{ version: '2.4.37-43.module+el8.5.0+13806+b30d9eec' }, build('rhel', '8', '2.4.37-43.module+el8.5.0+13806+b30d9eec')],
    [{ version: '1.14.1-9.module+el8.0.0+4108+af250afe', rpmEpoch: 1 }, build('rhel', '8', '1:1.14.1-9.module+el8.0.0+4108+af250afe')],
    [{ version: '2.4.58-1.fc39' }, build('fedora', '39', '2.4.58-1.fc39')],
    [{ version: '2.4.58-1.amzn2' }, build('amazon', '2', '2.4.58-1.amzn2')],
    [{ version: '2.4.58-1.amzn2023.0.1' }, build('amazon', '2023', '2.4.58-1.amzn2023.0.1')],
  ])('%j', (input, expected) => {
    expect(distroBuildOf(input)).toEqual(expected);
  });
});

describe('distroBuildOf: Server header comments', () => {
  it.each<[DistroBuildInput, DistroBuild]>([
    [{ version: '2.4.57', comment: '(Debian)' }, build('debian', null, null)],
    [{ version: '2.4.57', comment: '(Debian) OpenSSL/3.0.11' }, build('debian', null, null)],
    [{ version: '2.4.52', comment: '(Ubuntu)' }, build('ubuntu', null, null)],
    [{ version: '2.4.37', comment: '(Red Hat Enterprise Linux) OpenSSL/1.1.1k' }, build('rhel', null, null)],
    [{ version: '2.4.6', comment: '(Red Hat)' }, build('rhel', null, null)],
    [{ version: '2.4.6', comment: '(CentOS) PHP/5.4.16' }, build('centos', null, null)],
    [{ version: '2.4.37', comment: '(Rocky Linux)' }, build('rocky', null, null)],
    [{ version: '2.4.37', comment: '(AlmaLinux)' }, build('alma', null, null)],
    [{ version: '2.4.58', comment: '(Fedora)' }, build('fedora', null, null)],
    [{ version: '2.4.58', comment: '(Amazon)' }, build('amazon', null, null)],
    [{ version: '2.4.57', comment: '(Raspbian)' }, build('raspbian', null, null)],
    [{ version: '1.22.1', comment: 'Debian' }, build('debian', null, null)],
    [{ version: '1.22.1-9', comment: '(Debian)' }, build('debian', null, '1.22.1-9')],
    [{ version: '2.4.37-43.module+el8.5.0+13806+b30d9eec', comment: '(Rocky Linux)' }, build('rocky', '8', '2.4.37-43.module+el8.5.0+13806+b30d9eec')],
    [{ version: '7.4p1-23.el7_9', comment: '(CentOS)' }, build('centos', '7', '7.4p1-23.el7_9')],
  ])('%j', (input, expected) => {
    expect(distroBuildOf(input)).toEqual(expected);
  });
});

describe('distroBuildOf: no build', () => {
  it.each<DistroBuildInput>([
    { version: '9.6' },
    { version: '9.6', comment: '' },
    { version: '9.6', comment: null },
    { version: null },
    { version: '2.4.57', comment: '(Unix)' },
    { version: '10.0', comment: '(Win64)' },
    { version: '9.2p1', comment: 'Debian-based' },
    { version: '9.2p1', comment: 'mydebian-2+deb12u3' },
    { version: '9.2p1', comment: 'NotDebian-2' },
    { version: '2.4.57', comment: '(Debian-based custom build)' },
    { version: '2.4.57', comment: 'runs on Debian' },
    { version: '2.4.57', comment: '(debianfan)' },
    { version: '1.0-1+debug3' },
    { version: '1.0-1+debian' },
    { version: '1.22.1-9' },
    { version: '2.4.49-dev' },
    { version: '1.0-1.devel9' },
    { version: '1.0-rel8' },
    { version: '8.1.27-1+ubuntu22.04.1+deb.sury.org+1' },
  ])('%j', (input) => {
    expect(distroBuildOf(input)).toBeNull();
  });
});
