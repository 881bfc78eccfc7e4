import type { ScanContext } from '../../core/model/scanner.js';
import { attempt } from '../http/failures.js';
import { isHtml } from '../http/exposures.js';
import { sightAll, type FingerprintIndex } from './fingerprints.js';
import type { Hit } from './hits.js';
import type { SoftwareOptions } from './options.js';
import type { PageAssets } from './page-assets.js';
import { retireContentHits, type CompiledExtractor } from './retire.js';
import { getOnSite, originOf } from './site-fetch.js';

/**
 * Products named inside the page's own scripts and style sheets (banner comments, version
 * constants, retire.js patterns and hashes). Only files on the page's origin are read, scripts
 * first, at most `maxScripts` of them, each up to `maxScriptBytes`.
 */
export async function scriptHits(ctx: ScanContext<SoftwareOptions>, index: FingerprintIndex, extractors: readonly CompiledExtractor[], pageUrl: string, assets: PageAssets): Promise<Hit[]> {
  const { options } = ctx;
  const origin = originOf(pageUrl);
  const files = [...assets.scripts, ...assets.styles].filter((url) => originOf(url) === origin).slice(0, options.maxScripts);
  const hits: Hit[] = [];
  await ctx.parallel(files, async (url) => {
    const answer = await attempt(() => getOnSite(ctx.net, url, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxScriptBytes }));
    // A script is never an HTML page: that is the site's error or catch-all page, which names nothing.
    if (!answer || answer.status !== 200 || isHtml(answer)) return;
    const text = answer.body.toString('utf8');
    hits.push(...sightAll(index, 'content', text, url), ...retireContentHits(extractors, answer.body, text, !answer.truncated, url));
  });
  return hits;
}
