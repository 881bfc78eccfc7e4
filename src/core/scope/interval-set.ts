import type { AddressInterval, Family } from '../targets/address.js';

/** Disjoint, sorted address intervals per family, with binary-search membership. */
export class IntervalSet {
  private readonly byFamily: Record<Family, AddressInterval[]> = { 4: [], 6: [] };

  constructor(intervals: Iterable<AddressInterval> = []) {
    for (const interval of intervals) this.add(interval);
  }

  /** Adds an interval and returns the parts of it that were not already covered. */
  add(interval: AddressInterval): AddressInterval[] {
    const list = this.byFamily[interval.family];
    const fresh: AddressInterval[] = [];
    let cursor = interval.start;
    for (const existing of list) {
      if (existing.end < cursor) continue;
      if (existing.start > interval.end) break;
      if (existing.start > cursor) fresh.push({ family: interval.family, start: cursor, end: existing.start - 1n });
      cursor = existing.end + 1n;
      if (cursor > interval.end) break;
    }
    if (cursor <= interval.end) fresh.push({ family: interval.family, start: cursor, end: interval.end });
    if (fresh.length > 0) this.byFamily[interval.family] = merge([...list, ...fresh]);
    return fresh;
  }

  has(family: Family, value: bigint): boolean {
    const list = this.byFamily[family];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const candidate = list[mid]!;
      if (value < candidate.start) hi = mid - 1;
      else if (value > candidate.end) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Number of addresses of `interval` this set covers. */
  overlap(interval: AddressInterval): bigint {
    let total = 0n;
    for (const existing of this.byFamily[interval.family]) {
      const start = existing.start > interval.start ? existing.start : interval.start;
      const end = existing.end < interval.end ? existing.end : interval.end;
      if (start <= end) total += end - start + 1n;
    }
    return total;
  }

  intervals(): AddressInterval[] {
    return [...this.byFamily[4], ...this.byFamily[6]];
  }
}

function merge(intervals: AddressInterval[]): AddressInterval[] {
  const sorted = intervals.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: AddressInterval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end + 1n) {
      if (interval.end > last.end) last.end = interval.end;
    } else out.push({ ...interval });
  }
  return out;
}
