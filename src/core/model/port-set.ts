import { UsageError } from '../errors.js';

/**
 * A set of TCP ports in nmap's notation: "22", "1-1024,8080", "-" (all), "-100", "60000-", "T:80".
 * Stored as sorted disjoint ranges so "-p-" costs nothing until it is iterated.
 */
export class PortSet {
  private constructor(private readonly ranges: ReadonlyArray<readonly [number, number]>) {}

  static readonly EMPTY = new PortSet([]);

  static of(ports: Iterable<number>): PortSet {
    return new PortSet(normalise([...ports].map((p) => [p, p] as [number, number])));
  }

  /** Parses nmap's `-p` notation; `lookup` maps service names ("https") to ports. */
  static parse(spec: string, lookup?: (name: string) => number | undefined): PortSet {
    const text = spec.trim();
    if (text === '') return PortSet.EMPTY;
    const ranges: Array<[number, number]> = [];
    for (const rawPiece of text.split(',')) {
      let piece = rawPiece.trim();
      if (/^[TU]:/i.test(piece)) {
        if (piece[0]!.toUpperCase() === 'U') throw new UsageError('ports.udp', { spec: rawPiece });
        piece = piece.slice(2);
      }
      if (piece === '-') {
        ranges.push([1, 65535]);
        continue;
      }
      const match = /^(\d*)-(\d*)$/.exec(piece) ?? /^(\d+)()$/.exec(piece);
      if (match) {
        const single = !piece.includes('-');
        const from = match[1] === '' ? 1 : Number(match[1]);
        const to = single ? from : match[2] === '' ? 65535 : Number(match[2]);
        if (!valid(from) || !valid(to)) throw new UsageError('ports.outOfRange', { spec: rawPiece.trim() });
        if (to < from) throw new UsageError('ports.reversed', { spec: rawPiece.trim() });
        ranges.push([from, to]);
        continue;
      }
      const named = lookup?.(piece.toLowerCase());
      if (named === undefined) throw new UsageError('ports.invalid', { spec: rawPiece.trim() });
      ranges.push([named, named]);
    }
    return new PortSet(normalise(ranges));
  }

  get size(): number {
    return this.ranges.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
  }

  has(port: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [from, to] = this.ranges[mid]!;
      if (port < from) hi = mid - 1;
      else if (port > to) lo = mid + 1;
      else return true;
    }
    return false;
  }

  union(other: PortSet): PortSet {
    return new PortSet(normalise([...this.ranges, ...other.ranges].map(([a, b]) => [a, b] as [number, number])));
  }

  without(other: PortSet): PortSet {
    if (other.size === 0) return this;
    return PortSet.of([...this].filter((port) => !other.has(port)));
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (const [from, to] of this.ranges) for (let port = from; port <= to; port++) yield port;
  }

  /** Compact notation, e.g. "1-1024,8080"; parse(toString()) gives the same set. */
  toString(): string {
    return this.ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(',');
  }
}

function valid(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function normalise(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
