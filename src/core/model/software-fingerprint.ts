import type { ServiceConfidence } from './service-observation.js';

/**
 * Where a fingerprint looks on a web site:
 * - header: the values of one response header (`name`);
 * - cookie: the names of the cookies the site sets;
 * - meta: the content of `<meta name="...">` (`name`, e.g. generator);
 * - html: the front page's HTML;
 * - url: the URLs of the page's scripts and style sheets (any host: nothing is fetched for it);
 * - content: the text of the page's same-site scripts and style sheets;
 * - path: a well-known file requested on the site (`path`);
 * - error-page: the site's error answers (4xx, 5xx) to paths that cannot exist (default error pages
 *   name their server); the location is "error-page:404", the same from one audit to the next.
 */
export type FingerprintPlace = 'header' | 'cookie' | 'meta' | 'html' | 'url' | 'content' | 'path' | 'error-page';

/**
 * One way to recognise a product (rules/software/fingerprints*.yaml). `match` is a regular
 * expression that must match what was read; its named group `version`, when it has one and it
 * took part in the match, is the version. A match without a version still tells the product is there.
 */
export interface SoftwareFingerprint {
  /** Product id of the catalogue (rules/software/products.yaml): "nginx", "wordpress", "jquery". */
  product: string;
  in: FingerprintPlace;
  /** header: the header's name as usually written ("Server"); meta: the meta name ("generator"). */
  name?: string;
  /** path: the path requested ("/readme.html"). */
  path?: string;
  /** path: statuses that can mean the file is served. */
  status?: number[];
  /** path: the answer must not be an HTML page. */
  notHtml?: boolean;
  match: string;
  flags?: string;
  /** A second expression the same text must contain (so a generic `VERSION="x"` counts only in lodash). */
  also?: string;
  /** The confidence of a versioned match when the place's default does not fit. */
  confidence?: ServiceConfidence;
}
