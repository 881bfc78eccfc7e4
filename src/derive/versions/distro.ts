/**
 * Distribution builds read from banners and version strings. A distribution backports fixes into an
 * old upstream version, so "OpenSSH_9.2p1 Debian-2+deb12u3" is not vulnerable to what 9.2p1 is: only
 * the package version, compared with the distribution's own advisories, can decide.
 */
import type { DistroBuild } from '../../core/model/software-observation.js';
import { parseDebianVersion } from './debian.js';
import { parseRpmVersion } from './rpm.js';

export interface DistroBuildInput {
  /** The product version as the banner or header gives it: "9.2p1", "7.4.33-1+deb11u5", "8.0p1-19.el8_9". */
  version: string | null;
  /** The text beside it: an SSH comment ("Debian-2+deb12u3"), a Server header's comments ("(Debian) OpenSSL/3.0.11"). */
  comment?: string | null;
  /**
   * The Debian or Ubuntu package's epoch, from product data (OpenSSH's is 1): banners never show it.
   * Without it "9.2p1-2+deb12u3" sorts before every "1:..." version in the advisories, so it must be given when known.
   */
  debianEpoch?: number;
  /** The RPM package's epoch, from product data (nginx's on RHEL is 1). */
  rpmEpoch?: number;
}

type Family = 'debian' | 'ubuntu' | 'rhel' | 'fedora' | 'amazon';

const FAMILY_OF: Readonly<Record<string, Family>> = {
  debian: 'debian',
  raspbian: 'debian',
  ubuntu: 'ubuntu',
  rhel: 'rhel',
  centos: 'rhel',
  rocky: 'rhel',
  alma: 'rhel',
  fedora: 'fedora',
  amazon: 'amazon',
};

/** A comment in parentheses (or the whole comment), lower case and single-spaced, → the distribution it names. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['debian', 'debian'],
  ['debian gnu/linux', 'debian'],
  ['raspbian', 'raspbian'],
  ['ubuntu', 'ubuntu'],
  ['red hat enterprise linux', 'rhel'],
  ['red hat', 'rhel'],
  ['rhel', 'rhel'],
  ['centos', 'centos'],
  ['centos linux', 'centos'],
  ['centos stream', 'centos'],
  ['rocky linux', 'rocky'],
  ['rocky', 'rocky'],
  ['almalinux', 'alma'],
  ['alma linux', 'alma'],
  ['fedora', 'fedora'],
  ['amazon', 'amazon'],
  ['amazon linux', 'amazon'],
]);

/** OpenSSH's comment as Debian, Ubuntu and Raspbian patch it in: "Debian-2+deb12u3", "Ubuntu-3ubuntu0.10" (a revision starts with a digit, so "Debian-based" is none). */
const SSH_COMMENT = /^(Debian|Ubuntu|Raspbian)-([0-9][0-9A-Za-z.+~]*)$/i;

interface Marker {
  name: string;
  release: string | null;
}

/**
 * The distribution build a product version and its comment tell, or null when they tell none:
 *  - an SSH comment "Debian-2+deb12u3" gives the Debian revision, so the package version
 *    ("1:9.2p1-2+deb12u3" with epoch 1) and, from deb12u3, the release;
 *  - a version with a distribution revision ("1.22.1-9+deb12u1", "2.4.62-1~deb12u1", "8.1.2-1ubuntu2.14",
 *    "8.0p1-19.el8_9", "2.4.37-43.module+el8.5.0+...", "2.4.58-1.fc39", "2.4.58-1.amzn2") is itself
 *    the package version;
 *  - a Server header comment "(Debian)", "(Red Hat Enterprise Linux)" names the distribution only:
 *    release and package version null, so the upstream version is not conclusive.
 * Distribution names only count as a whole comment in parentheses or a whole SSH comment word.
 * A PHP build from deb.sury.org is a third-party package that follows upstream versions: null.
 */
export function distroBuildOf(input: DistroBuildInput): DistroBuild | null {
  const version = input.version?.trim() ?? '';
  const comment = input.comment ?? '';
  const ssh = sshBuild(version, comment, input);
  if (ssh !== null) return ssh;
  const revision = revisionOf(version);
  if (revision.includes('deb.sury.org')) return null;
  const fromVersion = revision === '' ? null : markerOf(revision);
  const named = nameInComment(comment);
  if (fromVersion !== null) {
    const name = named !== null && FAMILY_OF[named] === FAMILY_OF[fromVersion.name] ? named : fromVersion.name;
    return { name, release: fromVersion.release, packageVersion: packageVersion(name, version, input) };
  }
  if (named === null) return null;
  return { name: named, release: null, packageVersion: revision === '' ? null : packageVersion(named, version, input) };
}

function sshBuild(version: string, comment: string, input: DistroBuildInput): DistroBuild | null {
  for (const word of comment.split(/\s+/)) {
    const match = SSH_COMMENT.exec(word);
    if (match === null) continue;
    const name = match[1]!.toLowerCase();
    const revision = match[2]!;
    const release = markerOf(revision)?.release ?? null;
    const upstream = version.length > 0 && !version.includes('-') ? version : null;
    return { name, release, packageVersion: upstream === null ? null : packageVersion(name, `${upstream}-${revision}`, input) };
  }
  return null;
}

/** The text after the last hyphen of a version ("9+deb12u1" of "1.22.1-9+deb12u1"), empty when none. */
function revisionOf(version: string): string {
  const hyphen = version.lastIndexOf('-');
  return hyphen <= 0 ? '' : version.slice(hyphen + 1);
}

const DEBIAN_SECURITY = /(?:^|[+~])deb(\d+)u\d+/;
const DEBIAN_BACKPORT = /~bpo(\d+)/;
const RASPBIAN_BUILD = /\+rpi\d/;
const UBUNTU_RELEASE = /(?:ubuntu\d+\.|~)(\d\d\.(?:04|10))(?!\d)/;
const RPM_RELEASE: ReadonlyArray<readonly [string, RegExp]> = [
  ['rhel', /(?:^|[.+_])el(\d+)(?=$|[._+~])/],
  ['fedora', /(?:^|[.+_])fc(\d+)(?=$|[._+~])/],
  ['amazon', /(?:^|[.+_])amzn(\d+)(?=$|[._+~])/],
];

/** The distribution a package revision's markers name, and its release when they tell it. */
function markerOf(revision: string): Marker | null {
  const debian = DEBIAN_SECURITY.exec(revision) ?? DEBIAN_BACKPORT.exec(revision);
  if (debian !== null) return { name: RASPBIAN_BUILD.test(revision) ? 'raspbian' : 'debian', release: debian[1]! };
  const ubuntuRelease = UBUNTU_RELEASE.exec(revision);
  if (revision.includes('ubuntu') || ubuntuRelease !== null) return { name: 'ubuntu', release: ubuntuRelease?.[1] ?? null };
  for (const [name, pattern] of RPM_RELEASE) {
    const match = pattern.exec(revision);
    if (match !== null) return { name, release: match[1]! };
  }
  return null;
}

function nameInComment(comment: string): string | null {
  const groups = comment.includes('(') ? [...comment.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!) : [comment];
  for (const group of groups) {
    const name = NAMED.get(group.trim().replace(/\s+/g, ' ').toLowerCase());
    if (name !== undefined) return name;
  }
  return null;
}

/** The package version with the epoch product data gives, or null when it is not a version of the distribution's scheme. */
function packageVersion(name: string, version: string, input: DistroBuildInput): string | null {
  const family = FAMILY_OF[name];
  const debianLike = family === 'debian' || family === 'ubuntu';
  const epoch = debianLike ? input.debianEpoch : input.rpmEpoch;
  const withEpoch = epoch !== undefined && epoch > 0 && !version.includes(':') ? `${epoch}:${version}` : version;
  const valid = debianLike ? parseDebianVersion(withEpoch) !== null : parseRpmVersion(withEpoch) !== null;
  return valid ? withEpoch : null;
}
