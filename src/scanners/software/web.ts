import type { Observation } from '../../core/model/observation.js';
import type { ScanContext } from '../../core/model/scanner.js';
import type { HttpExchange } from '../../core/net/index.js';
import { isHtml } from '../http/exposures.js';
import { messageOf, reasonOf } from '../http/failures.js';
import { indexFingerprints } from './fingerprints.js';
import { productFacts, type Hit } from './hits.js';
import type { SoftwareOptions } from './options.js';
import { pageAssets } from './page-assets.js';
import { headerHits, pageHits } from './page-hits.js';
import { probeHits } from './probes.js';
import { compileExtractors } from './retire.js';
import { scriptHits } from './script-hits.js';
import { originOf } from './site-fetch.js';

/** A web site as the HTTP scanner found it: its origin, port, and the front page it ends on. */
export interface WebSite {
  origin: string;
  port: number;
  url: string;
}

/**
 * The sites to fingerprint, from the HTTP scanner's `http.site` facts: one per origin. A site that
 * sends its visitors to another origin is fingerprinted there (as the HTTP scanner judges it there).
 */
export function webSitesOf(sites: ReadonlyArray<Observation<'http.site'>>): WebSite[] {
  const found = new Map<string, WebSite>();
  for (const { data } of sites) {
    const origin = originOf(data.site);
    if (origin === null || originOf(data.finalUrl) !== origin || found.has(origin)) continue;
    found.set(origin, { origin, port: data.port, url: data.finalUrl });
  }
  return [...found.values()];
}

/**
 * The products one web site runs, as `software.product` facts: from its headers and cookies, its
 * front page (meta tags, HTML, the URLs it loads), its same-site scripts, its error pages and
 * well-known files. A front page that cannot be read is a scan.error, as in the HTTP scanner.
 */
export async function webSoftware(site: WebSite, ctx: ScanContext<SoftwareOptions>): Promise<Observation[]> {
  const { options } = ctx;
  const index = indexFingerprints(options.fingerprints);
  const extractors = compileExtractors(options.jsExtractors);
  let front: HttpExchange;
  try {
    front = await ctx.net.fetch(site.url, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxPageBytes, maxRedirects: options.maxRedirects });
  } catch (error) {
    return [ctx.observe('scan.error', { scanner: 'software', reason: reasonOf(error), message: `${site.url}: ${messageOf(error)}` }, site.port)];
  }
  const onSite = front.responses.filter((r) => originOf(r.url) === site.origin);
  const hits: Hit[] = headerHits(index, onSite);
  const final = front.responses.at(-1)!;
  if (originOf(final.url) === site.origin && isHtml(final)) {
    const html = final.body.toString('utf8');
    const assets = pageAssets(html, final.url);
    hits.push(...pageHits(index, extractors, html, final.url, assets));
    hits.push(...(await scriptHits(ctx, index, extractors, final.url, assets)));
  }
  hits.push(...(await probeHits(ctx, index, site.origin)));
  return productFacts(hits, site.origin, site.port).map((data) => ctx.observe('software.product', data, site.port));
}
