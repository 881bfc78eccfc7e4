/**
 * Second-level labels that registries sell names under (gov.vn, com.vn, co.uk, com.au, ...). Without
 * the whole Public Suffix List this rule recognises the registrable domain of the names Vietnamese
 * portals link to; a rare suffix makes two sites look like one, which only undercounts outbound links.
 */
const SECOND_LEVEL: ReadonlySet<string> = new Set([
  'ac', 'biz', 'co', 'com', 'edu', 'gov', 'health', 'info', 'int', 'mil', 'name', 'ne', 'net', 'or', 'org', 'pro',
]);

/** The registrable domain ("eTLD+1") of a host name; an IP address is its own. Lower-case, no trailing dot. */
export function registrableDomain(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
  if (/^[\d.]+$/.test(name) || name.includes(':')) return name;
  const labels = name.split('.');
  if (labels.length <= 2) return name;
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const take = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}
