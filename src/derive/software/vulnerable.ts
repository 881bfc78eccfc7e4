import type { Advisory, VersionScheme } from '../../core/model/knowledge.js';
import type { ObservationData } from '../../core/model/observation.js';
import type { ProductInfo } from '../../core/model/product.js';
import { compareVersions, ecosystemsFor, inInterval } from '../versions/index.js';
import { packageNameFor, type KnowledgeIndex } from './knowledge-index.js';

type Product = ObservationData['software.product'];
type Vulnerable = ObservationData['software.vulnerable'];
export type VulnerabilityVerdict = Omit<Vulnerable, 'port' | 'site' | 'product' | 'version' | 'locations'>;

interface Hit {
  advisory: Advisory;
  scheme: VersionScheme;
  /** The version that ends the matching interval (null: no fix known). */
  fixedIn: string | null;
}

/** The advisories of one package in one ecosystem whose ranges or listed versions hold `version`. */
function hitsIn(index: KnowledgeIndex, ecosystem: string, pkg: string, version: string): Hit[] {
  const hits: Hit[] = [];
  for (const advisory of index.advisories(ecosystem, pkg)) {
    let hit: Hit | null = null;
    for (const range of advisory.ranges) {
      for (const interval of range.intervals) {
        if (inInterval(range.scheme, version, interval) === true) {
          hit = { advisory, scheme: range.scheme, fixedIn: interval.to !== undefined && !interval.toInclusive ? interval.to : null };
          break;
        }
      }
      if (hit) break;
    }
    if (!hit && advisory.versions.length > 0) {
      const scheme = advisory.ranges[0]?.scheme ?? 'generic';
      if (advisory.versions.some((v) => v === version || compareVersions(scheme, v, version) === 0)) hit = { advisory, scheme, fixedIn: null };
    }
    if (hit) hits.push(hit);
  }
  return hits;
}

/** Where the software's own releases are filed: rasoat's data, retire.js, npm. */
function upstreamHits(index: KnowledgeIndex, id: string, info: ProductInfo | undefined, version: string): Hit[] {
  const places: Array<[string, string | undefined]> = [
    ['upstream', info?.packages.upstream ?? id],
    ['retire.js', info?.packages.retirejs ?? id],
    ['npm', info?.packages.npm],
  ];
  return places.flatMap(([ecosystem, pkg]) => (pkg ? hitsIn(index, ecosystem, pkg, version) : []));
}

function distroPackage(info: ProductInfo | undefined, distro: string): string | undefined {
  if (!info) return undefined;
  if (distro === 'debian' || distro === 'raspbian') return info.packages.debian?.name;
  if (distro === 'ubuntu') return info.packages.ubuntu?.name;
  if (['rhel', 'centos', 'rocky', 'alma', 'almalinux', 'fedora', 'amazon', 'oracle'].includes(distro)) return info.packages.rpm;
  return undefined;
}

const cvesOf = (hits: readonly Hit[]) => [...new Set(hits.flatMap((h) => h.advisory.cves))].sort();

/**
 * Whether a product's version is known to be vulnerable. A distribution build is judged by the
 * distribution's own fixed versions when its package version is known and data for it was imported
 * (a backported fix is then recognised); otherwise an upstream match on such a build is only
 * "inconclusive", never a confident finding.
 */
export function vulnerabilityOf(fact: Product, index: KnowledgeIndex): VulnerabilityVerdict | null {
  if (!fact.version) return null;
  const info = index.product(fact.product);
  const upstream = upstreamHits(index, fact.product, info, fact.version);
  const distro = fact.distro;
  if (!distro) return upstream.length > 0 ? verdict(upstream, [], index, fact.confidence, `${fact.product} ${fact.version}`) : null;

  const template = distroPackage(info, distro.name);
  const pkg = template ? packageNameFor(template, fact.version) : null;
  const ecosystems = pkg ? sameUpstream(ecosystemsFor(distro, [...index.ecosystemsOf(pkg)]), index, pkg, distro.packageVersion) : [];
  if (!pkg || !distro.packageVersion || ecosystems.length === 0) {
    if (upstream.length === 0) return null;
    const why = !distro.packageVersion ? 'the banner gives no package revision' : `no ${distro.name} data for ${pkg ?? fact.product} was imported`;
    return verdict([], upstream, index, 'low', `${distro.name} build of ${fact.product} ${fact.version}: fixes may be backported (${why})`);
  }
  // Per CVE (or advisory without one), across the releases that could be this one: all vulnerable
  // decides vulnerable, none decides fixed, a mix (release unknown) stays inconclusive.
  const perRelease = ecosystems.map((ecosystem) => ({
    listed: new Set(index.advisories(ecosystem, pkg).map(keyOf)),
    hits: new Map(hitsIn(index, ecosystem, pkg, distro.packageVersion!).map((h) => [keyOf(h.advisory), h])),
  }));
  const decided: Hit[] = [];
  const unsure: Hit[] = [];
  const vulnerableKeys = new Set(perRelease.flatMap((r) => [...r.hits.keys()]));
  for (const key of vulnerableKeys) {
    const listing = perRelease.filter((r) => r.listed.has(key));
    const vulnerable = listing.filter((r) => r.hits.has(key));
    (vulnerable.length === listing.length ? decided : unsure).push(vulnerable[0]!.hits.get(key)!);
  }
  if (decided.length === 0 && unsure.length === 0) return null;
  const fixes = decided.map((h) => h.fixedIn).filter((f): f is string => f !== null);
  const basis = `${ecosystems.join(', ')} ${pkg} ${distro.packageVersion}${fixes.length > 0 ? ` < ${fixes.join(', ')}` : ''}`;
  return verdict(decided, unsure, index, decided.length > 0 ? 'high' : 'low', basis);
}

/** "1:9.2p1-2+deb12u3" → "9.2p1": the upstream part of a distribution package version. */
function upstreamOf(packageVersion: string): string {
  const noEpoch = packageVersion.replace(/^\d+:/, '');
  const dash = noEpoch.lastIndexOf('-');
  return dash > 0 ? noEpoch.slice(0, dash) : noEpoch;
}

/**
 * When the banner does not tell the release, each release ships its own upstream version: the
 * releases whose fixes are builds of our upstream version are the ones that can be ours (a jammy
 * 8.9p1 build is not judged by noble's 9.6p1 fix).
 */
function sameUpstream(ecosystems: string[], index: KnowledgeIndex, pkg: string, packageVersion: string | null): string[] {
  if (ecosystems.length < 2 || !packageVersion) return ecosystems;
  const ours = upstreamOf(packageVersion);
  const matching = ecosystems.filter((ecosystem) =>
    index.advisories(ecosystem, pkg).some((a) => a.ranges.some((r) => r.intervals.some((i) => (i.to !== undefined && upstreamOf(i.to) === ours) || (i.from !== undefined && upstreamOf(i.from) === ours)))),
  );
  return matching.length > 0 ? matching : ecosystems;
}

function keyOf(advisory: Advisory): string {
  return advisory.cves.length > 0 ? advisory.cves.join(',') : advisory.id;
}

const SEVERITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 } as const;

function verdict(decided: Hit[], unsure: Hit[], index: KnowledgeIndex, confidence: Vulnerable['confidence'], basis: string): VulnerabilityVerdict {
  const hits = decided.length > 0 ? decided : unsure;
  const cves = cvesOf(hits);
  const kevCves = cves.filter((cve) => index.kev(cve) !== undefined);
  const scores = hits.map((h) => h.advisory.cvss).filter((s): s is number => s !== null);
  const maxCvss = scores.length > 0 ? Math.max(...scores) : null;
  const worstWord = hits.reduce((worst, h) => Math.max(worst, h.advisory.severity ? SEVERITY_RANK[h.advisory.severity] : 0), 0);
  return {
    priority: decided.length === 0 ? 'inconclusive' : kevCves.length > 0 ? 'known-exploited' : priorityOf(maxCvss, worstWord),
    cves,
    advisories: [...new Set(hits.filter((h) => h.advisory.cves.length === 0).map((h) => h.advisory.id))].sort(),
    cveCount: cves.length,
    maxCvss,
    kev: kevCves.length > 0,
    kevCves,
    ransomware: kevCves.some((cve) => index.kev(cve)?.ransomware === true),
    fixedIn: decided.length > 0 ? highestFix(decided) : null,
    confidence,
    basis: basis.slice(0, 300),
  };
}

function priorityOf(maxCvss: number | null, worstWord: number): VulnerabilityVerdict['priority'] {
  const rank = maxCvss === null ? worstWord : maxCvss >= 9 ? 4 : maxCvss >= 7 ? 3 : maxCvss >= 4 ? 2 : 1;
  return rank >= 4 ? 'critical' : rank === 3 ? 'high' : rank === 2 ? 'medium' : rank === 1 ? 'low' : 'medium';
}

/** The version that fixes every matched advisory: the highest of their fixes, unless one has none. */
function highestFix(hits: readonly Hit[]): string | null {
  let best: Hit | null = null;
  for (const hit of hits) {
    if (hit.fixedIn === null) return null;
    if (!best || (compareVersions(hit.scheme, hit.fixedIn, best.fixedIn!) ?? 0) > 0) best = hit;
  }
  return best?.fixedIn ?? null;
}
