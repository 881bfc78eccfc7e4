/** Which OSV ecosystems decide a distribution build. */
import type { DistroBuild } from '../../core/model/software-observation.js';

/**
 * OSV ecosystem names (the part before the first colon) whose advisories apply to each distribution,
 * its own first. RHEL's rebuilds (CentOS, Rocky, Alma) build the same sources with the same package
 * versions, so each one's advisories inform the others; Raspbian rebuilds Debian's packages.
 */
const ECOSYSTEMS_OF: Readonly<Record<string, readonly string[]>> = {
  debian: ['Debian'],
  raspbian: ['Debian'],
  ubuntu: ['Ubuntu'],
  rhel: ['Red Hat', 'AlmaLinux', 'Rocky Linux'],
  centos: ['Red Hat', 'AlmaLinux', 'Rocky Linux'],
  rocky: ['Rocky Linux', 'Red Hat', 'AlmaLinux'],
  alma: ['AlmaLinux', 'Red Hat', 'Rocky Linux'],
  fedora: ['Fedora'],
  amazon: ['Amazon Linux'],
};

/**
 * The ecosystems among `available` (those the knowledge holds) whose advisories decide `build`, in
 * the order of ECOSYSTEMS_OF, then of `available`. With a release, an ecosystem counts when one of
 * its colon-separated parts is that release or starts with it and a dot ("Debian:12";
 * "Ubuntu:22.04:LTS" and "Ubuntu:Pro:22.04:LTS"; "Red Hat:enterprise_linux:8::appstream" and
 * "Red Hat:rhel_eus:8.6::baseos" for rhel 8; "AlmaLinux:8", "Rocky Linux:8"), or when it names
 * no release at all ("Red Hat"). Without a release, every ecosystem of the distribution counts
 * (every "Debian:*"). An unknown distribution gets none.
 */
export function ecosystemsFor(build: DistroBuild, available: readonly string[]): string[] {
  const names = ECOSYSTEMS_OF[build.name] ?? [];
  const found: string[] = [];
  for (const name of names) {
    for (const ecosystem of available) {
      if (!found.includes(ecosystem) && decides(ecosystem, name, build.release)) found.push(ecosystem);
    }
  }
  return found;
}

function decides(ecosystem: string, name: string, release: string | null): boolean {
  const parts = ecosystem.split(':');
  if (parts[0] !== name) return false;
  if (release === null || parts.length === 1) return true;
  return parts.slice(1).some((part) => part === release || part.startsWith(`${release}.`));
}
