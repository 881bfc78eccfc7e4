import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../../../src/core/scope/interval-set.js';
import type { AddressInterval } from '../../../src/core/targets/address.js';

const v4 = (start: bigint, end: bigint): AddressInterval => ({ family: 4, start, end });
const v6 = (start: bigint, end: bigint): AddressInterval => ({ family: 6, start, end });

describe('IntervalSet.add', () => {
  it('returns the whole interval when nothing overlaps', () => {
    const set = new IntervalSet();
    expect(set.add(v4(10n, 20n))).toEqual([v4(10n, 20n)]);
    expect(set.intervals()).toEqual([v4(10n, 20n)]);
  });

  it('returns only the uncovered parts', () => {
    const set = new IntervalSet([v4(10n, 20n), v4(30n, 40n)]);
    expect(set.add(v4(5n, 45n))).toEqual([v4(5n, 9n), v4(21n, 29n), v4(41n, 45n)]);
    expect(set.intervals()).toEqual([v4(5n, 45n)]);
  });

  it('returns nothing for an already covered interval and leaves the set alone', () => {
    const set = new IntervalSet([v4(10n, 20n)]);
    expect(set.add(v4(12n, 18n))).toEqual([]);
    expect(set.add(v4(10n, 20n))).toEqual([]);
    expect(set.intervals()).toEqual([v4(10n, 20n)]);
  });

  it('handles partial overlaps at either end', () => {
    const set = new IntervalSet([v4(10n, 20n)]);
    expect(set.add(v4(15n, 25n))).toEqual([v4(21n, 25n)]);
    expect(set.add(v4(5n, 12n))).toEqual([v4(5n, 9n)]);
    expect(set.intervals()).toEqual([v4(5n, 25n)]);
  });

  it('merges adjacent intervals and keeps them sorted', () => {
    const set = new IntervalSet([v4(30n, 40n), v4(10n, 19n), v4(20n, 29n), v4(50n, 50n)]);
    expect(set.intervals()).toEqual([v4(10n, 40n), v4(50n, 50n)]);
  });

  it('keeps families apart, IPv4 first', () => {
    const set = new IntervalSet([v6(1n, 5n), v4(1n, 5n)]);
    expect(set.add(v6(3n, 8n))).toEqual([v6(6n, 8n)]);
    expect(set.intervals()).toEqual([v4(1n, 5n), v6(1n, 8n)]);
  });

  it('does not share interval objects with callers', () => {
    const original = v4(1n, 2n);
    const set = new IntervalSet([original]);
    set.add(v4(3n, 4n));
    expect(original).toEqual(v4(1n, 2n));
  });
});

describe('IntervalSet.has', () => {
  const set = new IntervalSet([v4(10n, 20n), v4(30n, 40n), v4(100n, 100n), v6(0n, (1n << 64n) - 1n)]);

  it('finds values at the edges and inside', () => {
    for (const value of [10n, 15n, 20n, 30n, 40n, 100n]) expect(set.has(4, value), String(value)).toBe(true);
  });

  it('misses values between, before and after', () => {
    for (const value of [0n, 9n, 21n, 29n, 41n, 99n, 101n]) expect(set.has(4, value), String(value)).toBe(false);
  });

  it('looks only in the asked family', () => {
    expect(set.has(6, 15n)).toBe(true);
    expect(set.has(6, 1n << 64n)).toBe(false);
    expect(set.has(4, 1000n)).toBe(false);
    expect(new IntervalSet().has(4, 0n)).toBe(false);
  });

  it('binary search stays correct over many intervals', () => {
    const many = new IntervalSet(Array.from({ length: 1000 }, (_, i) => v4(BigInt(i * 10), BigInt(i * 10 + 4))));
    expect(many.intervals()).toHaveLength(1000);
    expect(many.has(4, 5554n)).toBe(true);
    expect(many.has(4, 5555n)).toBe(false);
    expect(many.has(4, 9994n)).toBe(true);
    expect(many.has(4, 9995n)).toBe(false);
  });
});

describe('IntervalSet.overlap', () => {
  const set = new IntervalSet([v4(10n, 20n), v4(30n, 40n)]);
  it('counts covered addresses of an interval', () => {
    expect(set.overlap(v4(0n, 100n))).toBe(22n);
    expect(set.overlap(v4(15n, 35n))).toBe(12n);
    expect(set.overlap(v4(21n, 29n))).toBe(0n);
    expect(set.overlap(v4(20n, 20n))).toBe(1n);
    expect(set.overlap(v6(0n, 100n))).toBe(0n);
  });
});
