import { UsageError } from '../errors.js';

/**
 * A set of TCP ports in nmap's notation: "22", "1-1024,8080", "-" (all), "-100", "60000-", "T:80".
 * Stored as sorted, disjoint ranges in one flat typed array ([from, to, from, to, ...]): "-p-" costs
 * nothing until it is iterated, and a set held by every host of a large scan stays one object.
 */
export class PortSet {
  /** Use PortSet.of / PortSet.parse; `ranges` must be sorted, disjoint [from, to] pairs. */
  constructor(private readonly ranges: Uint32Array) {}

  static readonly EMPTY = new PortSet(new Uint32Array(0));

  static of(ports: Iterable<number>): PortSet {
    const sorted = Uint32Array.from(ports).sort();
    const out: number[] = [];
    for (const port of sorted) {
      const last = out.length - 1;
      if (last > 0 && port <= out[last]! + 1) out[last] = Math.max(out[last]!, port);
      else out.push(port, port);
    }
    return new PortSet(Uint32Array.from(out));
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
    return fromRanges(ranges);
  }

  get size(): number {
    let size = 0;
    for (let i = 0; i < this.ranges.length; i += 2) size += this.ranges[i + 1]! - this.ranges[i]! + 1;
    return size;
  }

  has(port: number): boolean {
    let lo = 0;
    let hi = this.ranges.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (port < this.ranges[2 * mid]!) hi = mid - 1;
      else if (port > this.ranges[2 * mid + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  union(other: PortSet): PortSet {
    if (other.ranges.length === 0) return this;
    if (this.ranges.length === 0) return other;
    return fromRanges([...this.pairs(), ...other.pairs()]);
  }

  without(other: PortSet): PortSet {
    if (other.size === 0) return this;
    return PortSet.of([...this].filter((port) => !other.has(port)));
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.ranges.length; i += 2) for (let port = this.ranges[i]!; port <= this.ranges[i + 1]!; port++) yield port;
  }

  private text: string | undefined;

  /** Compact notation, e.g. "1-1024,8080"; parse(toString()) gives the same set. */
  toString(): string {
    if (this.text === undefined) {
      const parts: string[] = [];
      for (const [from, to] of this.pairs()) parts.push(from === to ? `${from}` : `${from}-${to}`);
      this.text = parts.join(',');
    }
    return this.text;
  }

  private pairs(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < this.ranges.length; i += 2) pairs.push([this.ranges[i]!, this.ranges[i + 1]!]);
    return pairs;
  }
}

function valid(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function fromRanges(ranges: Array<[number, number]>): PortSet {
  const sorted = ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [from, to] of sorted) {
    const last = out.length - 1;
    if (last > 0 && from <= out[last]! + 1) out[last] = Math.max(out[last]!, to);
    else out.push(from, to);
  }
  return new PortSet(Uint32Array.from(out));
}
