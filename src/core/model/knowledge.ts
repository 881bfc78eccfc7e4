/**
 * What rasoat knows about software versions, as plain data: vulnerable version ranges (advisories),
 * CISA KEV entries, end-of-life cycles and released versions. It comes from feeds imported from files
 * (`rasoat feeds import`) and from rasoat's own data in rules/software/, and is handed to the judge, so
 * a stored audit can be judged again with newer data without scanning again.
 */

/** How two versions of a range compare. */
export type VersionScheme = 'semver' | 'debian' | 'rpm' | 'dotted' | 'generic';

export type FeedSource = 'kev' | 'osv' | 'retirejs' | 'endoflife' | 'endoflife-releases' | 'builtin';

/**
 * One interval of affected versions. `from` absent: every version up to `to`; `to` absent: no fix.
 * OSV "introduced X, fixed Y" is [X, Y); "last_affected Y" is [X, Y]; retire.js atOrAbove/above/below/atOrBelow map onto the flags.
 */
export interface VersionInterval {
  from?: string;
  fromInclusive: boolean;
  to?: string;
  toInclusive: boolean;
}

export interface AffectedRange {
  scheme: VersionScheme;
  intervals: VersionInterval[];
}

export interface Advisory {
  /** The feed's own id (OSV id, retire.js identifier or CVE, rasoat id for built-in data). */
  id: string;
  source: FeedSource;
  /**
   * Where the package lives, in OSV's words: "npm", "Debian:12", "Ubuntu:22.04:LTS", "Red Hat",
   * "AlmaLinux:8", "Rocky Linux:8"; "retire.js" for retire.js libraries; "upstream" for the
   * software's own releases (rasoat's built-in data).
   */
  ecosystem: string;
  /** The package's name in that ecosystem ("jquery", "openssh", "apache2"). */
  package: string;
  ranges: AffectedRange[];
  /** Affected versions listed one by one (OSV `versions`). */
  versions: string[];
  cves: string[];
  aliases: string[];
  /** CVSS base score (v3 or v4, whichever the feed gives; v3 preferred), null when unknown. */
  cvss: number | null;
  severity: 'critical' | 'high' | 'medium' | 'low' | null;
  summary: string;
  /** Links the feed gives (advisory, fix). */
  references: string[];
}

export interface KevEntry {
  cve: string;
  vendorProject: string;
  product: string;
  name: string;
  dateAdded: string;
  dueDate: string | null;
  /** "Known" in the catalogue's knownRansomwareCampaignUse. */
  ransomware: boolean;
}

/** One release cycle of a product (endoflife.date). Dates are YYYY-MM-DD; true/false when the data says only that. */
export interface LifecycleCycle {
  /** endoflife.date product id ("nginx", "php", "debian"). */
  product: string;
  cycle: string;
  releaseDate: string | null;
  eol: string | boolean | null;
  support: string | boolean | null;
  extendedSupport: string | boolean | null;
  latest: string | null;
  lts: boolean;
}

/** One released version (endoflife.date release-data). */
export interface ProductRelease {
  product: string;
  version: string;
  date: string | null;
}

/** One imported feed: what it was, how fresh, how big. */
export interface FeedStatus {
  source: FeedSource;
  /** The file's base name as imported. */
  name: string;
  /** The feed's own version (KEV catalogVersion, newest OSV `modified`, ...), null when it has none. */
  version: string | null;
  /** The newest date found in the data (YYYY-MM-DD): how current it is, whatever the import date. */
  dataDate: string | null;
  importedAt: string;
  records: number;
  sha256: string;
}

/**
 * A JavaScript library's version extractors as retire.js gives them (regular expressions with
 * §§version§§ standing for the version). Fingerprint data for the software scanner.
 */
export interface JsExtractor {
  library: string;
  filename: string[];
  uri: string[];
  filecontent: string[];
  /** SHA-1 of a file → its version. */
  hashes: Record<string, string>;
}

export interface Knowledge {
  advisories: readonly Advisory[];
  kev: readonly KevEntry[];
  lifecycles: readonly LifecycleCycle[];
  releases: readonly ProductRelease[];
  feeds: readonly FeedStatus[];
}

export const EMPTY_KNOWLEDGE: Knowledge = { advisories: [], kev: [], lifecycles: [], releases: [], feeds: [] };
