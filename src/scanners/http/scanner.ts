import { signatureSimilarity } from './content-signature.js';
import type { ExposureCheck } from '../../core/model/http-check.js';
import type { Observation, ObservationData } from '../../core/model/observation.js';
import type { ScanContext, Scanner } from '../../core/model/scanner.js';
import { Channel } from '../../core/async/channel.js';
import type { HttpExchange, HttpResponse } from '../../core/net/index.js';
import { cookieFacts } from './cookies.js';
import { attempt, messageOf, reasonOf } from './failures.js';
import { isHtml, verifyExposure } from './exposures.js';
import { headerFacts } from './header-facts.js';
import { headerMap } from './headers.js';
import { observatoryScore } from './observatory.js';
import { analysePage } from './page.js';
import { redirectFacts, siteFacts } from './site-facts.js';
import { HTTP_PORTS, HTTPS_PORTS, sitesOf, type Site } from './sites.js';
import { sampleOf, soft404Paths, type Soft404Sample } from './soft404.js';
import { robotsSensitiveOf, securityTxtOf } from './well-known.js';

export interface HttpScanOptions {
  /** Exposure checks (rules/probes/*.yaml), passed in by the caller: scanners read no files. */
  checks: ExposureCheck[];
  /** Spam vocabulary (rules/data/spam-terms.yaml). */
  spamTerms: string[];
  httpPorts: number[];
  httpsPorts: number[];
  timeoutMs: number;
  /** Front pages are read up to this size; exposure probes up to 64 KiB. */
  maxBodyBytes: number;
  maxRedirects: number;
  /**
   * Each page's text as the latest earlier audit read it, by page URL: the caller reads it from the
   * history (scanners read no store), and the scanner says how much of each page changed since.
   */
  previousPages: Record<string, PreviousPage>;
}

export interface PreviousPage {
  audit: number;
  at: string;
  fingerprint: string;
  signature: string;
  textLength: number;
}

export const HTTP_DEFAULTS: HttpScanOptions = {
  checks: [],
  spamTerms: [],
  httpPorts: [...HTTP_PORTS],
  httpsPorts: [...HTTPS_PORTS],
  timeoutMs: 10_000,
  maxBodyBytes: 2 * 1024 * 1024,
  maxRedirects: 10,
  previousPages: {},
};

const PROBE_BYTES = 64 * 1024;
/** An origin no site trusts: what a site answers it is what it answers any attacker's page. */
const FOREIGN_ORIGIN = 'https://rasoat-cors-probe.invalid';

/**
 * Web configuration as Mozilla Observatory, Nikto and Nuclei's exposure templates look at it: the
 * front page's redirects, security headers and cookies, CORS and TRACE, well-known files, exposed
 * files verified by content against the site's soft-404 page, mixed and injected content.
 */
export const httpScanner: Scanner<HttpScanOptions> = {
  id: 'http',
  observes: ['http.site', 'http.redirect', 'http.headers', 'http.cookie', 'http.cors', 'http.trace', 'http.soft404', 'http.exposure', 'http.well-known', 'http.mixed-content', 'http.content', 'http.content-change', 'http.score'],
  after: ['port.open'],
  defaults: HTTP_DEFAULTS,
  appliesTo: (target, facts, options) => sitesOf(target, facts('port.open').map((o) => o.data.port), options).length > 0,
  scan(target, ctx) {
    const channel = new Channel<Observation>();
    // Plain-HTTP sites first: where they redirect to counts in the score of the HTTPS site.
    const sites = sitesOf(target, ctx.facts('port.open').map((o) => o.data.port), ctx.options).sort((a, b) => (a.scheme === b.scheme ? 0 : a.scheme === 'http' ? -1 : 1));
    const redirects = new Map<string, ObservationData['http.redirect']>();
    let done = 0;
    channel.closeAfter(
      (async () => {
        for (const site of sites) {
          await scanSite(site, ctx, redirects, (o) => channel.push(o));
          ctx.progress(++done, sites.length);
        }
      })(),
    );
    return channel;
  },
};

type Emit = (observation: Observation) => void;

async function scanSite(site: Site, ctx: ScanContext<HttpScanOptions>, redirects: Map<string, ObservationData['http.redirect']>, emit: Emit): Promise<void> {
  const { options } = ctx;
  const observe: Observe = (kind, data) => emit(ctx.observe(kind, data, site.port) as Observation);
  const get = (path: string, extra: { headers?: Record<string, string>; method?: string; maxRedirects?: number; maxBodyBytes?: number } = {}) =>
    ctx.net.fetch(`${site.origin}${path}`, { timeoutMs: options.timeoutMs, maxBodyBytes: extra.maxBodyBytes ?? PROBE_BYTES, maxRedirects: extra.maxRedirects ?? 0, ...(extra.headers ? { headers: extra.headers } : {}), ...(extra.method ? { method: extra.method } : {}) });

  let front: HttpExchange;
  try {
    front = await get(site.path, { maxRedirects: options.maxRedirects, maxBodyBytes: options.maxBodyBytes });
  } catch (error) {
    emit(ctx.observe('scan.error', { scanner: 'http', reason: reasonOf(error), message: `${site.origin}${site.path}: ${messageOf(error)}` }, site.port));
    return;
  }
  const final = front.responses.at(-1)!;
  const headers = headerMap(final.rawHeaders);
  const html = isHtml(final) ? final.body.toString('utf8') : '';
  const page = analysePage(html, final.url, options.spamTerms);
  const finalScheme = final.url.startsWith('https:') ? 'https' : 'http';
  const onSite = front.responses.filter((r) => new URL(r.url).origin === site.origin);

  observe('http.site', siteFacts(site, front, headers, page));
  const redirect = site.scheme === 'http' ? redirectFacts(site, front) : null;
  if (redirect) {
    observe('http.redirect', redirect);
    redirects.set(new URL(redirect.finalUrl).origin, redirect);
  }
  // A site that sends its visitors to another origin is judged there (headers, cookies, content);
  // here only the files a misconfigured server may still serve past its redirect.
  if (new URL(final.url).origin !== site.origin) {
    await exposures(site, ctx, get, observe);
    return;
  }
  const facts = headerFacts(headers);
  observe('http.headers', { ...facts, port: site.port, site: site.origin, scheme: finalScheme });
  const cookies = onSite.flatMap((r) => headerMap(r.rawHeaders).get('set-cookie') ?? []).flatMap((line) => cookieFacts(line) ?? []);
  for (const cookie of cookies) observe('http.cookie', { ...cookie, port: site.port, site: site.origin, scheme: finalScheme });

  const mixed = finalScheme === 'https' && html ? page.mixedContent : null;
  if (mixed && mixed.activeCount + mixed.passiveCount + mixed.insecureFormCount > 0) observe('http.mixed-content', { port: site.port, site: site.origin, url: final.url, ...mixed });
  if (html) {
    observe('http.content', {
      port: site.port,
      site: site.origin,
      url: final.url,
      hiddenLinks: page.hiddenLinks,
      hiddenLinkCount: page.hiddenLinks.length,
      spamTerms: page.spamTerms,
      spamTermCount: page.spamTerms.length,
      externalDomains: page.externalDomains,
      fingerprint: page.fingerprint,
      signature: page.signature,
      textLength: page.textLength,
    });
    const previous = ctx.options.previousPages[final.url];
    const similarity = previous ? (previous.fingerprint === page.fingerprint ? 1 : signatureSimilarity(previous.signature, page.signature)) : null;
    if (previous && similarity !== null) {
      observe('http.content-change', {
        port: site.port,
        site: site.origin,
        url: final.url,
        previousAudit: previous.audit,
        previousAt: previous.at,
        similarityPercent: Math.round(similarity * 100),
        textLength: page.textLength,
        previousTextLength: previous.textLength,
      });
    }
  }

  const cors = await corsFacts(site, get);
  if (cors) observe('http.cors', cors);
  const trace = await attempt(() => get(site.path, { method: 'TRACE' }));
  if (trace) {
    const answer = trace.responses[0]!;
    observe('http.trace', { port: site.port, site: site.origin, status: answer.status, enabled: answer.status === 200 && /^TRACE \S+ HTTP\/1\.[01]/m.test(answer.body.toString('latin1')) });
  }
  await wellKnown(site, get, observe);
  await exposures(site, ctx, get, observe);

  const score = observatoryScore({ scheme: finalScheme, headers: facts, cookies, redirect: redirect ?? redirects.get(site.origin) ?? null, cors, mixedContent: mixed });
  observe('http.score', { port: site.port, site: site.origin, ...score });
}

type Get = (path: string, extra?: { headers?: Record<string, string>; method?: string }) => Promise<HttpExchange>;
type Observe = <K extends keyof ObservationData>(kind: K, data: ObservationData[K]) => void;

async function corsFacts(site: Site, get: Get): Promise<ObservationData['http.cors'] | null> {
  const foreign = await attempt(() => get(site.path, { headers: { origin: FOREIGN_ORIGIN } }));
  if (!foreign) return null;
  const nullOrigin = await attempt(() => get(site.path, { headers: { origin: 'null' } }));
  const allow = (r: HttpResponse | undefined) => headerMap(r?.rawHeaders ?? []).get('access-control-allow-origin')?.[0]?.trim() ?? null;
  const answer = foreign.responses[0]!;
  const allowOrigin = allow(answer);
  return {
    port: site.port,
    site: site.origin,
    allowOrigin,
    allowCredentials: /^\s*true\s*$/i.test(headerMap(answer.rawHeaders).get('access-control-allow-credentials')?.[0] ?? ''),
    reflectsOrigin: allowOrigin === FOREIGN_ORIGIN,
    wildcard: allowOrigin === '*',
    allowsNullOrigin: allow(nullOrigin?.responses[0]) === 'null',
  };
}

async function wellKnown(site: Site, get: Get, observe: Observe): Promise<void> {
  const security = (await attempt(() => get('/.well-known/security.txt')))?.responses[0] ?? null;
  const legacy = security?.status === 200 ? null : ((await attempt(() => get('/security.txt')))?.responses[0] ?? null);
  const securityTxt = securityTxtOf(security?.status === 200 ? security : legacy);
  const robots = robotsSensitiveOf((await attempt(() => get('/robots.txt')))?.responses[0] ?? null);
  observe('http.well-known', {
    port: site.port,
    site: site.origin,
    securityTxt: securityTxt.present,
    securityTxtExpires: securityTxt.expires,
    robotsTxt: robots.present,
    robotsSensitive: robots.sensitive,
    robotsSensitiveCount: robots.sensitive.length,
  });
}

/** The soft-404 baseline first, then every check's paths; a check reports its first verified hit. */
async function exposures(site: Site, ctx: ScanContext<HttpScanOptions>, get: Get, observe: Observe): Promise<void> {
  const baseline: Soft404Sample[] = [];
  for (const path of soft404Paths()) {
    const answer = (await attempt(() => get(path)))?.responses[0];
    if (answer) baseline.push(sampleOf(answer, path));
  }
  if (baseline.length === 0) return;
  const checks = ctx.options.checks;
  observe('http.soft404', { port: site.port, site: site.origin, catchAll: baseline.some((s) => s.status >= 200 && s.status < 300), status: baseline[0]!.status, probes: baseline.length, checks: checks.length });
  await ctx.parallel(checks, async (check) => {
    for (const path of check.paths) {
      const answer = (await attempt(() => get(path)))?.responses[0];
      if (!answer) continue;
      const evidence = verifyExposure(check, answer, path, baseline);
      if (evidence === null) continue;
      observe('http.exposure', { port: site.port, site: site.origin, check: check.id, path, url: answer.url, status: answer.status, evidence });
      return;
    }
  });
}
