import type { ObservationData } from '../../core/model/observation.js';
import type { HttpExchange } from '../../core/net/index.js';
import { contentTypeOf } from './exposures.js';
import type { HeaderMap } from './headers.js';
import type { Site } from './sites.js';

/** A product name followed by a version number: "nginx/1.22.1", "PHP/7.4.3", "ASP.NET 4.0.30319", "WordPress 6.4". */
const VERSION = /\d+\.\d+/;

export function siteFacts(site: Site, exchange: HttpExchange, headers: HeaderMap, page: { title: string | null; generator: string | null }): ObservationData['http.site'] {
  const first = exchange.responses[0]!;
  const final = exchange.responses.at(-1)!;
  const header = (name: string) => headers.get(name)?.join(', ') ?? null;
  const disclosure = {
    server: header('server'),
    poweredBy: header('x-powered-by'),
    aspNetVersion: header('x-aspnet-version'),
    aspNetMvcVersion: header('x-aspnetmvc-version'),
    generator: page.generator,
  };
  return {
    port: site.port,
    site: site.origin,
    scheme: site.scheme,
    status: first.status,
    finalUrl: final.url,
    finalStatus: final.status,
    redirects: exchange.responses.length - 1,
    stopped: exchange.stopped?.reason ?? null,
    contentType: contentTypeOf(final),
    title: page.title,
    bodyBytes: final.body.length,
    truncated: final.truncated,
    ...disclosure,
    versionDisclosed: Object.values(disclosure).some((value) => value !== null && VERSION.test(value)),
  };
}

/** Where a plain-HTTP site sends visitors: straight to https on the same host, and where it ends. */
export function redirectFacts(site: Site, exchange: HttpExchange): ObservationData['http.redirect'] {
  const first = exchange.responses[0]!;
  const final = exchange.responses.at(-1)!;
  const location = first.status >= 300 && first.status < 400 ? locationOf(first.headers.location, first.url) : null;
  const host = new URL(site.origin).hostname;
  const firstHopHttps = location !== null && location.protocol === 'https:' && location.hostname === host;
  const finalUrl = exchange.stopped ? exchange.stopped.location : final.url;
  return {
    port: site.port,
    site: site.origin,
    firstHopHttps,
    finalHttps: finalUrl.startsWith('https://'),
    firstLocation: location?.href ?? null,
    finalUrl,
    status: first.status,
  };
}

function locationOf(value: string | string[] | undefined, base: string): URL | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}
