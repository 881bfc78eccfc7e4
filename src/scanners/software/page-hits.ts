import type { HttpResponse } from '../../core/net/index.js';
import { headerMap } from '../http/headers.js';
import { sight, sightAll, type FingerprintIndex } from './fingerprints.js';
import type { Hit } from './hits.js';
import type { PageAssets } from './page-assets.js';
import { retireUrlHits, type CompiledExtractor } from './retire.js';

/** Products named by the site's response headers and the names of the cookies it sets. */
export function headerHits(index: FingerprintIndex, responses: readonly HttpResponse[]): Hit[] {
  const hits: Hit[] = [];
  for (const response of responses) {
    const headers = headerMap(response.rawHeaders);
    for (const fingerprint of index.get('header') ?? []) {
      const name = fingerprint.spec.name ?? '';
      // The whole header is the evidence: "Apache/2.4.29 (Ubuntu)" keeps the distribution that may have backported fixes.
      for (const value of headers.get(name.toLowerCase()) ?? []) hits.push(...found(sight(fingerprint, value, `header:${name}`, `${name}: ${value}`)));
    }
    const cookies = (headers.get('set-cookie') ?? []).map((line) => line.split(';')[0]!.split('=')[0]!.trim()).filter(Boolean);
    for (const cookie of cookies) hits.push(...sightAll(index, 'cookie', cookie, 'header:Set-Cookie'));
  }
  return hits;
}

/** Products named by the front page: its meta tags, its HTML, and the URLs of what it loads (any host: none is fetched here). */
export function pageHits(index: FingerprintIndex, extractors: readonly CompiledExtractor[], html: string, pageUrl: string, assets: PageAssets): Hit[] {
  const hits: Hit[] = [];
  for (const fingerprint of index.get('meta') ?? []) {
    const name = fingerprint.spec.name?.toLowerCase();
    for (const meta of assets.metas.filter((m) => m.name === name)) {
      hits.push(...found(sight(fingerprint, meta.content, pageUrl, `<meta name="${meta.name}" content="${meta.content}">`)));
    }
  }
  hits.push(...sightAll(index, 'html', html, pageUrl));
  for (const url of [...assets.scripts, ...assets.styles]) {
    hits.push(...sightAll(index, 'url', url, url));
    hits.push(...retireUrlHits(extractors, url));
  }
  return hits;
}

function found(hit: Hit | null): Hit[] {
  return hit ? [hit] : [];
}
