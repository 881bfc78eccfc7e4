import type { VersionScheme } from './knowledge.js';

/** How a distribution names the product's source package; `{major}` and `{minor}` come from the upstream version ("php{major}.{minor}"). */
export interface DistroPackage {
  name: string;
  /** The epoch the distribution's versions carry ("1:9.2p1-2"), which banners leave out. */
  epoch: number;
}

/**
 * One product of the catalogue (rules/software/products.yaml): its canonical id, the names services
 * and nmap give it, and where feeds file it, so a banner, a feed record and a lifecycle line up.
 */
export interface ProductInfo {
  /** Canonical id; endoflife.date's where it has one. */
  id: string;
  name: string;
  /** How the software's own versions compare. */
  scheme: VersionScheme;
  /** Product names as the services scanner and nmap give them (compared case-insensitively). */
  names: string[];
  /** CPE vendor:product pairs. */
  cpe: string[];
  /** endoflife.date product id, or null when it has none. */
  lifecycle: string | null;
  /** Package names by ecosystem: upstream (rasoat's own data), npm, retire.js, debian, ubuntu, rpm. */
  packages: {
    upstream?: string;
    npm?: string;
    retirejs?: string;
    debian?: DistroPackage;
    ubuntu?: DistroPackage;
    rpm?: string;
  };
}
