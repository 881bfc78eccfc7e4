/** Observations of the HTTP scanner (kept apart from observation.ts to keep both readable). */
export interface HttpObservationData {
  /** A web site (scheme, host, port) and what its front page answered, after our own redirects. */
  'http.site': {
    port: number;
    /** Origin as requested, e.g. "https://portal.example:8443". */
    site: string;
    scheme: 'http' | 'https';
    status: number;
    finalUrl: string;
    finalStatus: number;
    redirects: number;
    /** Why following redirects stopped early: out-of-scope, max-redirects, loop; null when it did not. */
    stopped: string | null;
    contentType: string | null;
    title: string | null;
    bodyBytes: number;
    truncated: boolean;
    /** Version disclosure as sent: Server, X-Powered-By, X-AspNet-Version, X-AspNetMvc-Version, <meta name=generator>. */
    server: string | null;
    poweredBy: string | null;
    aspNetVersion: string | null;
    aspNetMvcVersion: string | null;
    generator: string | null;
    /** Whether any of those carries a version number (digits after a name). */
    versionDisclosed: boolean;
  };
  /** Where a plain-HTTP site sends its visitors. */
  'http.redirect': {
    port: number;
    site: string;
    /** The first answer redirects to https:// on the same host. */
    firstHopHttps: boolean;
    /** The chain ends on an https:// page. */
    finalHttps: boolean;
    firstLocation: string | null;
    finalUrl: string;
    status: number;
  };
  /** Security headers of a site's front page (the final answer after redirects), parsed. */
  'http.headers': HttpHeaderFacts & { port: number; site: string; scheme: 'http' | 'https' };
  /** One Set-Cookie of a site's front page (every one of them, not only the first). */
  'http.cookie': HttpCookieFacts & { port: number; site: string; scheme: 'http' | 'https' };
  /** How the site answers a cross-origin request from an unrelated origin. */
  'http.cors': {
    port: number;
    site: string;
    /** Access-Control-Allow-Origin as answered to our probe origin; null when absent. */
    allowOrigin: string | null;
    allowCredentials: boolean;
    /** The probe's own (foreign) origin was echoed back. */
    reflectsOrigin: boolean;
    wildcard: boolean;
    allowsNullOrigin: boolean;
  };
  /** Whether the TRACE method echoes the request. */
  'http.trace': { port: number; site: string; enabled: boolean; status: number };
  /** The soft-404 baseline: how the site answers paths that cannot exist. */
  'http.soft404': { port: number; site: string; catchAll: boolean; status: number; probes: number; checks: number };
  /** An exposed file or page whose content was verified and differs from the site's soft-404 page. */
  'http.exposure': { port: number; site: string; check: string; path: string; url: string; status: number; evidence: string };
  /** security.txt (RFC 9116) and what robots.txt gives away. */
  'http.well-known': {
    port: number;
    site: string;
    securityTxt: boolean;
    /** The Expires field of security.txt, ISO-8601, when present and readable. */
    securityTxtExpires: string | null;
    robotsTxt: boolean;
    /** Disallow paths that point at administration, backups, configuration or internal areas. */
    robotsSensitive: string[];
    robotsSensitiveCount: number;
  };
  /** An https page that loads or posts over plain http. */
  'http.mixed-content': { port: number; site: string; url: string; activeCount: number; passiveCount: number; insecureFormCount: number; examples: string[] };
  /** Signs of injected content (hidden outbound links, spam vocabulary) and the page's fingerprint. */
  'http.content': {
    port: number;
    site: string;
    url: string;
    /** Outbound links hidden with CSS or markup tricks. */
    hiddenLinks: string[];
    hiddenLinkCount: number;
    /** Spam terms found in link texts, titles or hidden blocks (vi and en vocabulary in rules/data). */
    spamTerms: string[];
    spamTermCount: number;
    externalDomains: number;
    /** Normalised text digest, its MinHash signature (for defacement comparison between audits) and its length. */
    fingerprint: string;
    signature: string;
    textLength: number;
  };
  /** The same page's text against the latest earlier audit that read it: how much of it is still the same. */
  'http.content-change': {
    port: number;
    site: string;
    url: string;
    previousAudit: number;
    previousAt: string;
    /** Estimated share (percent) of the text's 4-word shingles both versions have: 100 = unchanged. */
    similarityPercent: number;
    textLength: number;
    previousTextLength: number;
  };
  /** Mozilla HTTP Observatory-style score: 100 plus or minus each test's modifier. */
  'http.score': { port: number; site: string; score: number; grade: string; modifiers: string[] };
}

/** Parsed security headers (null / false where absent). */
export interface HttpHeaderFacts {
  hsts: boolean;
  hstsMaxAge: number | null;
  hstsIncludeSubDomains: boolean;
  hstsPreload: boolean;
  hstsInvalid: boolean;
  csp: boolean;
  cspReportOnly: boolean;
  cspUnsafeInline: boolean;
  cspUnsafeEval: boolean;
  /** A script source of *, http:, https: or data: (or default-src without script-src). */
  cspWildcardScripts: boolean;
  cspObjectSrcRestricted: boolean;
  cspBaseUriRestricted: boolean;
  cspFrameAncestors: string | null;
  cspReporting: boolean;
  cspDirectives: string[];
  /**
   * The enforced policy as Mozilla HTTP Observatory's CSP test reads it, which the Observatory-style
   * score follows. It differs from the browser reading above on purpose: see CspObservatoryReading.
   */
  cspObservatory: CspObservatoryReading;
  xFrameOptions: string | null;
  /** Framing is restricted by X-Frame-Options (DENY/SAMEORIGIN) or CSP frame-ancestors. */
  framingRestricted: boolean;
  xContentTypeOptions: boolean;
  referrerPolicy: string | null;
  /** The policy does not leak full URLs to other origins. */
  referrerPolicySafe: boolean;
  permissionsPolicy: boolean;
  crossOriginOpenerPolicy: string | null;
  /** The Cross-Origin-Embedder-Policy token (require-corp, credentialless, unsafe-none), or the value as sent when it is none of them. */
  crossOriginEmbedderPolicy: string | null;
  /** Cross-Origin-Resource-Policy as sent (all header lines joined by ", "), capped. */
  crossOriginResourcePolicy: string | null;
  /** Header names that appeared more than once or could not be parsed. */
  malformed: string[];
}

/**
 * A Content-Security-Policy header read the way Mozilla HTTP Observatory's CSP test reads it (algorithm
 * version 6): its parser (a repeated directive other than report-uri/report-to, or an empty or very
 * short policy, makes the header invalid), its merging of several policies into one, and its source
 * rules. Each flag is one of its checks, named after the result it leads to; the score takes the first
 * that applies, in Observatory's order.
 */
export interface CspObservatoryReading {
  /** absent: no Content-Security-Policy header; invalid: Observatory cannot parse it; empty: no directive in it. */
  policy: 'absent' | 'invalid' | 'empty' | 'parsed';
  /** A Content-Security-Policy-Report-Only header with a value. */
  reportOnly: boolean;
  /** 'strict-dynamic' among the script sources without a nonce or hash (Observatory: invalid). */
  strictDynamicWithoutNonce: boolean;
  /** Script sources with 'unsafe-inline' (not cancelled by a nonce or hash), data: or a broad source, or object sources with a broad source. */
  unsafeInline: boolean;
  /** A source starting with http: or ftp: outside img-src and media-src (on https: loading active content insecurely). */
  insecureSchemeActive: boolean;
  /** 'unsafe-eval' among the script or style sources. */
  unsafeEval: boolean;
  /** A source starting with http: or ftp: in img-src or media-src (or the default-src they fall back to). */
  insecureSchemePassive: boolean;
  /** Style sources with 'unsafe-inline' (not cancelled by a nonce or hash), data: or a broad source. */
  unsafeInlineStyle: boolean;
  /** default-src is exactly 'none'. */
  defaultSrcNone: boolean;
  /** report-uri or report-to repeated within a policy (Observatory: csp-implemented-but-duplicate-directives). */
  duplicateReportDirectives: boolean;
  /** The policy has a frame-ancestors directive (Observatory's X-Frame-Options test then counts it). */
  frameAncestors: boolean;
}

export interface HttpCookieFacts {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax' | 'None' | null;
  /** A SameSite attribute without a value or with one other than Strict, Lax or None (a browser ignores it). */
  sameSiteInvalid: boolean;
  /** Name starts with __Host- / __Secure- and whether the attributes honour the prefix. */
  prefix: '__Host-' | '__Secure-' | null;
  prefixValid: boolean;
  /** The name looks like a session identifier (PHPSESSID, JSESSIONID, ASP.NET_SessionId, ...). */
  session: boolean;
  persistent: boolean;
  domain: string | null;
  path: string | null;
}
