import type { HttpCookieFacts } from '../../core/model/observation.js';
import { parseCookieDate } from './cookie-date.js';

/**
 * Cookie names that carry a session or an authentication token on the platforms Vietnamese public
 * portals run on (PHP, Java, ASP.NET, ColdFusion, Node, Laravel, CodeIgniter, WordPress, Drupal),
 * plus Mozilla Observatory's own test (a name containing "sess" or "login"). Matched after a
 * __Host- / __Secure- prefix is removed. CSRF tokens are excluded below: frameworks make them
 * readable by scripts on purpose (Laravel's XSRF-TOKEN), so they are not session cookies.
 */
export const SESSION_COOKIE_PATTERNS: readonly RegExp[] = [
  /^PHPSESSID$/i,
  /^JSESSIONID$/i,
  /^ASP\.NET_SessionId$/i,
  /^ASPSESSIONID/i,
  /^\.ASPXAUTH$/i,
  /^\.AspNetCore\.(Session|Cookies|Identity)/i,
  /^(CFID|CFTOKEN)$/i,
  /^connect\.sid$/i,
  /^laravel_session$/i,
  /^ci_session$/i,
  /^wordpress_(logged_in|sec)_/i,
  /^S?SESS[0-9a-f]/i,
  /sess/i,
  /login/i,
  /sid$/i,
  /(^|[_.-])(auth|access|refresh|session|id|api)?[_.-]?token$/i,
  /^jwt$/i,
  /^remember_/i,
];
const NOT_SESSION = /csrf|xsrf/i;

const MAX_TEXT = 256;
/** RFC 6265bis §5.6: a browser ignores an attribute value longer than this. */
const MAX_ATTRIBUTE_VALUE = 1024;
// CTLs other than HTAB make a browser drop the whole Set-Cookie line.
const FORBIDDEN = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * One Set-Cookie line parsed as RFC 6265bis §5.6 does: attribute names are case-insensitive, the last
 * occurrence of an attribute wins, values a browser would ignore are ignored. Returns null when a
 * browser would drop the line before it is a cookie at all (control characters, no name and no value).
 */
export function cookieFacts(setCookie: string): HttpCookieFacts | null {
  if (FORBIDDEN.test(setCookie)) return null;
  const [pair = '', ...attributes] = setCookie.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (name === '' && value === '') return null;

  let secure = false;
  let httpOnly = false;
  let sameSite: HttpCookieFacts['sameSite'] = null;
  let sameSiteInvalid = false;
  let persistent = false;
  let domain: string | null = null;
  let path: string | null = null;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const raw = at < 0 ? '' : attribute.slice(at + 1).trim();
    // Any SameSite the browser cannot use is a mistake, even one a later SameSite overrides.
    if (key === 'samesite' && !SAME_SITE.has(raw.toLowerCase())) sameSiteInvalid = true;
    if (raw.length > MAX_ATTRIBUTE_VALUE) continue;
    switch (key) {
      case 'secure':
        secure = true;
        break;
      case 'httponly':
        httpOnly = true;
        break;
      case 'samesite':
        // An unknown value leaves the browser's default enforcement: the same as no attribute.
        sameSite = SAME_SITE.get(raw.toLowerCase()) ?? null;
        break;
      case 'max-age':
        if (/^-?[0-9]+$/.test(raw)) persistent = true;
        break;
      case 'expires':
        if (parseCookieDate(raw) !== null) persistent = true;
        break;
      case 'domain':
        if (raw !== '') domain = cap(raw.replace(/^\./, '').toLowerCase());
        break;
      case 'path':
        // A path not starting with "/" means the default path, which depends on the request URL.
        path = raw.startsWith('/') ? cap(raw) : null;
        break;
    }
  }

  const prefix = prefixOf(name);
  const prefixValid = prefix === '__Secure-' ? secure : prefix === '__Host-' ? secure && domain === null && path === '/' : false;
  const bare = prefix ? name.slice(prefix.length) : name;
  return {
    name: cap(name),
    secure,
    httpOnly,
    sameSite,
    sameSiteInvalid,
    prefix,
    prefixValid,
    session: !NOT_SESSION.test(bare) && SESSION_COOKIE_PATTERNS.some((p) => p.test(bare)),
    persistent,
    domain,
    path,
  };
}

const SAME_SITE: ReadonlyMap<string, 'Strict' | 'Lax' | 'None'> = new Map([
  ['strict', 'Strict'],
  ['lax', 'Lax'],
  ['none', 'None'],
]);

// RFC 6265bis matches the prefixes case-insensitively, so "__secure-" binds a browser just the same.
function prefixOf(name: string): HttpCookieFacts['prefix'] {
  const lower = name.toLowerCase();
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower.startsWith('__secure-')) return '__Secure-';
  return null;
}

function cap(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}
