import type { Scanner } from '../../core/model/scanner.js';
import { SOFTWARE_DEFAULTS, type SoftwareOptions } from './options.js';
import { webSitesOf, webSoftware } from './web.js';

export { SOFTWARE_DEFAULTS, type SoftwareOptions } from './options.js';

/**
 * Which products and versions a host runs, for rules on end-of-life and known-vulnerable
 * software. Web sites are fingerprinted after the HTTP scanner found them (Wappalyzer's and
 * retire.js's ways: headers, meta tags, script URLs and contents, well-known files).
 */
export const softwareScanner: Scanner<SoftwareOptions> = {
  id: 'software',
  observes: ['software.product'],
  after: ['http.site'],
  defaults: SOFTWARE_DEFAULTS,
  appliesTo: (_target, facts) => webSitesOf(facts('http.site')).length > 0,
  async *scan(_target, ctx) {
    const sites = webSitesOf(ctx.facts('http.site'));
    let done = 0;
    for (const site of sites) {
      yield* await webSoftware(site, ctx);
      ctx.progress(++done, sites.length);
    }
  },
};
