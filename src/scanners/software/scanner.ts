import type { Scanner } from '../../core/model/scanner.js';
import { SOFTWARE_DEFAULTS, type SoftwareOptions } from './options.js';
import { withDistroBuild } from './distro-builds.js';
import { ProductNames, productsOfServices } from './services.js';
import { webSitesOf, webSoftware } from './web.js';

export { SOFTWARE_DEFAULTS, type SoftwareOptions } from './options.js';

/**
 * Which products and versions a host runs, for rules on end-of-life and known-vulnerable
 * software: from the services' own banners (and nmap -sV) when the services scanner ran, and from
 * the web sites the HTTP scanner found (Wappalyzer's and retire.js's ways: headers, meta tags,
 * script URLs and contents, well-known files).
 *
 * software.vulnerable and software.lifecycle are never yielded here: the judge derives them from
 * software.product and the imported version knowledge, so they stand or fall with this scanner.
 */
export const softwareScanner: Scanner<SoftwareOptions> = {
  id: 'software',
  observes: ['software.product', 'software.vulnerable', 'software.lifecycle'],
  after: ['http.site'],
  uses: ['service.identity'],
  defaults: SOFTWARE_DEFAULTS,
  appliesTo: (_target, facts) => webSitesOf(facts('http.site')).length > 0 || facts('service.identity').some((o) => o.data.product !== null),
  async *scan(_target, ctx) {
    for (const product of productsOfServices(ctx.facts('service.identity'), new ProductNames(ctx.options.products))) yield ctx.observe('software.product', product, product.port);
    const catalogue = new Map(ctx.options.products.map((p) => [p.id, p]));
    const sites = webSitesOf(ctx.facts('http.site'));
    let done = 0;
    for (const site of sites) {
      for (const observation of await webSoftware(site, ctx)) {
        yield observation.kind === 'software.product' ? { ...observation, data: withDistroBuild(observation.data, catalogue) } : observation;
      }
      ctx.progress(++done, sites.length);
    }
  },
};
