/** Lower-case header name → every value in the order received (Set-Cookie lines stay apart). */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** Builds a HeaderMap from Node's `rawHeaders` ([name, value, name, value, ...]). */
export function headerMap(rawHeaders: readonly string[]): HeaderMap {
  const map = new Map<string, string[]>();
  // A trailing name without its value (odd length) cannot come from Node; it is dropped, not guessed.
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').trim().toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    if (name === '') continue;
    const values = map.get(name);
    if (values) values.push(value);
    else map.set(name, [value]);
  }
  return map;
}

/**
 * The members of a comma-separated header (RFC 9110 §5.3): every field line of that name, split on
 * commas outside quoted strings, trimmed, empty members dropped. A sender may combine repeated lines
 * with commas or not, so both shapes give the same list.
 */
export function headerList(headers: HeaderMap, name: string): string[] {
  const members: string[] = [];
  for (const value of headers.get(name) ?? []) {
    let start = 0;
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
      const char = value[i];
      if (quoted && char === '\\') i++;
      else if (char === '"') quoted = !quoted;
      else if (char === ',' && !quoted) {
        pushTrimmed(members, value.slice(start, i));
        start = i + 1;
      }
    }
    pushTrimmed(members, value.slice(start));
  }
  return members;
}

function pushTrimmed(list: string[], value: string): void {
  const trimmed = value.trim();
  if (trimmed !== '') list.push(trimmed);
}
