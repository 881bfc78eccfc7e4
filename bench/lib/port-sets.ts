/** Open ports are compared as sets of "host:port" keys. */
export function portKey(host: string, port: number): string {
  return `${host}:${port}`;
}

export interface SetDiff {
  /** In the reference set, not found. */
  missing: string[];
  /** Found, not in the reference set. */
  extra: string[];
}

export function diffSets(reference: ReadonlySet<string>, found: ReadonlySet<string>): SetDiff {
  return {
    missing: sortKeys([...reference].filter((k) => !found.has(k))),
    extra: sortKeys([...found].filter((k) => !reference.has(k))),
  };
}

export function isEmptyDiff(diff: SetDiff): boolean {
  return diff.missing.length === 0 && diff.extra.length === 0;
}

/** Sorts "a.b.c.d:port" keys by address, then port. */
export function sortKeys(keys: string[]): string[] {
  const rank = (key: string) => {
    const [address = '', port = '0'] = key.split(':');
    return [...address.split('.').map(Number), Number(port)];
  };
  return keys.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return 0;
  });
}

/** Expands an nmap-style port list ("1,3-4,6") into its ports. */
export function expandPortSpec(spec: string): Set<number> {
  const ports = new Set<number>();
  for (const part of spec.split(',')) {
    if (!part) continue;
    const [low, high = low] = part.split('-').map(Number);
    for (let p = low!; p <= high!; p++) ports.add(p);
  }
  return ports;
}

export function sameNumbers(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((n) => b.has(n));
}
