/** Who owns a target: the agency/unit grouping of a targets file. */
export interface TargetGroup {
  agency: string;
  unit?: string;
  owner?: string;
  tags: string[];
  /** Protection level 1-5 under Law 116/2025 Art. 8, when the inventory states it. */
  level?: number;
  /** The segment whose agents may reach this group (scale-out). */
  segment?: string;
}

/**
 * One host the audit may touch: an IP literal or a DNS name. It is the asset identity used in
 * findings and fingerprints, so it is the canonical (lower-case, compressed IPv6) form.
 */
export interface HostTarget {
  host: string;
  kind: 'ip' | 'name';
  /** Filled in by resolution before scanning; equals `host` for IP targets. */
  address?: string;
  /** URLs given for this host (http/https), normalised. */
  urls: string[];
  /** Ports named explicitly by URLs, so port discovery always covers them. */
  ports: number[];
  group?: TargetGroup;
  /**
   * true when the user named this host (a single address, a name, a URL); false when it came from
   * expanding a range. Range addresses that do not answer are counted, not reported one by one.
   */
  explicit: boolean;
}
