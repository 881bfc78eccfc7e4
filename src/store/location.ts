/**
 * Where a history lives: a file path (SQLite) or a postgres:// URL. A URL may carry a password,
 * and a location is shown in messages, stored in audits and the trail, and written into logs:
 * every place that shows one shows `redactLocation(location)`, never the location itself.
 */

const URL_SCHEME = /^postgres(?:ql)?:\/\//i;

export function isDatabaseUrl(location: string): boolean {
  return URL_SCHEME.test(location);
}

/**
 * The location with any password replaced by `***`: in the user-info part
 * (`postgres://user:***@host/db`) and in a `password=` query parameter. Written by hand rather
 * than with the URL class, which refuses some forms pg accepts (`postgresql://user@/db?host=/tmp`)
 * and would re-encode the rest.
 */
export function redactLocation(location: string): string {
  const scheme = URL_SCHEME.exec(location);
  if (!scheme) return location;
  const rest = location.slice(scheme[0].length);
  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt);
  // The last @ before the query ends the user info: a password may hold '@', ':' or '/' unescaped.
  const at = beforeQuery.lastIndexOf('@');
  let authority = beforeQuery;
  if (at !== -1) {
    const userInfo = beforeQuery.slice(0, at);
    const colon = userInfo.indexOf(':');
    authority = `${colon === -1 ? userInfo : `${userInfo.slice(0, colon)}:***`}${beforeQuery.slice(at)}`;
  }
  return `${scheme[0]}${authority}${query.replace(/([?&]password=)[^&]*/gi, '$1***')}`;
}

/** The password the URL itself carries ('' when none), to scrub it from any text shown. */
export function passwordOf(location: string): string {
  const scheme = URL_SCHEME.exec(location);
  if (!scheme) return '';
  const rest = location.slice(scheme[0].length);
  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const userInfo = beforeQuery.slice(0, Math.max(0, beforeQuery.lastIndexOf('@')));
  const colon = userInfo.indexOf(':');
  const fromQuery = /[?&]password=([^&]*)/i.exec(queryAt === -1 ? '' : rest.slice(queryAt))?.[1];
  const encoded = colon === -1 ? (fromQuery ?? '') : userInfo.slice(colon + 1);
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Whether the location carries a password of its own (in the user info or the query). */
export function hasPassword(location: string): boolean {
  return isDatabaseUrl(location) && redactLocation(location) !== location;
}

/** A command line as recorded in an audit or the trail: any database URL in it redacted. */
export function redactArgs(args: readonly string[]): string[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq !== -1 && isDatabaseUrl(arg.slice(eq + 1))) return `${arg.slice(0, eq + 1)}${redactLocation(arg.slice(eq + 1))}`;
    return redactLocation(arg);
  });
}
