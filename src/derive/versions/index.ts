/** Version comparison, ranges and distribution builds: pure facts for the rules that judge software. */
export { compareVersions, orderOf, schemeOfEcosystem, type VersionOrder } from './compare.js';
export { compareDebian, parseDebianVersion, type DebianVersion } from './debian.js';
export { ecosystemsFor } from './distro-ecosystems.js';
export { distroBuildOf, type DistroBuildInput } from './distro.js';
export { compareDotted, parseDotted, type DottedVersion } from './dotted.js';
export { compareGeneric, parseGeneric, type GenericVersion } from './generic.js';
export { affected, inInterval } from './ranges.js';
export { compareRpm, parseRpmVersion, type RpmVersion } from './rpm.js';
export { compareSemver, parseSemver, type SemverVersion } from './semver.js';
