/** Observations about software and its versions (kept apart from observation.ts to keep both readable). */
import type { ServiceConfidence } from './service-observation.js';

/** Where a product and its version were read. */
export type SoftwareSource = 'header' | 'meta' | 'url' | 'content' | 'hash' | 'path' | 'banner' | 'nmap';

/**
 * How a distribution packaged the software, as its banner tells: a Debian, Ubuntu or RHEL build
 * carries fixes backported into an old upstream version, so only the package version can decide.
 */
export interface DistroBuild {
  /** debian, ubuntu, rhel (and its rebuilds: centos, rocky, alma), ... */
  name: string;
  /** The release when the banner tells it ("12" from deb12u3, "8" from el8_9), else null. */
  release: string | null;
  /** The package version as the distribution writes it, with epoch when the product data knows it ("1:9.2p1-2+deb12u3"); null when the banner gives no revision. */
  packageVersion: string | null;
}

export interface SoftwareObservationData {
  /** A product and its version, read from a banner, a header, a page, a script file or a well-known path. */
  'software.product': {
    port: number;
    /** The site's origin for web software ("https://portal.example:8443"); null for a service on a port. */
    site: string | null;
    /** Canonical product id (rules/software/products.yaml): "openssh", "jquery", "wordpress". */
    product: string;
    version: string | null;
    distro: DistroBuild | null;
    source: SoftwareSource;
    /** The URL, header or port where it was seen. */
    location: string;
    /** The words that named it, capped at 200 characters. */
    evidence: string;
    confidence: ServiceConfidence;
  };
  /**
   * Derived when judging (not scanned): a product whose version falls in known-vulnerable ranges.
   * One per product and version on a host, however many pages load it.
   */
  'software.vulnerable': {
    port: number;
    site: string | null;
    product: string;
    version: string;
    /** known-exploited (in CISA KEV), critical/high/medium/low by the highest CVSS, inconclusive when backports may have fixed it. */
    priority: 'known-exploited' | 'critical' | 'high' | 'medium' | 'low' | 'inconclusive';
    cves: string[];
    /** Advisory ids without a CVE (retire.js, GHSA, DSA). */
    advisories: string[];
    cveCount: number;
    maxCvss: number | null;
    kev: boolean;
    kevCves: string[];
    ransomware: boolean;
    /** The lowest version that fixes every advisory found, in the scheme that decided; null when unknown. */
    fixedIn: string | null;
    confidence: ServiceConfidence;
    /** Why the confidence is what it is ("Debian 12 package 1:9.2p1-2+deb12u2 before fix 1:9.2p1-2+deb12u3"). */
    basis: string;
    locations: string[];
  };
  /** Derived when judging: the release cycle a product's version belongs to and whether it is still supported. */
  'software.lifecycle': {
    port: number;
    site: string | null;
    product: string;
    version: string;
    cycle: string;
    /** End of life date (YYYY-MM-DD), or null when the data gives none. */
    eol: string | null;
    eolPassed: boolean;
    /** Days until end of life (negative once passed), null when unknown. */
    daysToEol: number | null;
    /** Security support ended (for products whose active support and security support differ). */
    supportEnded: boolean;
    latestInCycle: string | null;
    /** The version is older than the newest of its cycle. */
    behindLatest: boolean;
    /** A distribution build: its fixes may be backported without a newer upstream version. */
    distroBuild: boolean;
    locations: string[];
  };
}
