import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { PortSet } from '../../../src/core/model/port-set.js';

const SERVICES: Record<string, number> = { http: 80, https: 443, ssh: 22 };
const lookup = (name: string): number | undefined => SERVICES[name];

function failure(spec: string): UsageError {
  try {
    PortSet.parse(spec, lookup);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`PortSet.parse(${JSON.stringify(spec)}) did not throw`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PortSet.parse', () => {
  it('a single port', () => {
    const set = PortSet.parse('22');
    expect([...set]).toEqual([22]);
    expect(set.size).toBe(1);
    expect(set.toString()).toBe('22');
  });

  it('ranges and lists, sorted and merged', () => {
    const set = PortSet.parse('8080, 1-1024,1000-1030,1031');
    expect(set.toString()).toBe('1-1031,8080');
    expect(set.size).toBe(1032);
  });

  it('"-" is every port', () => {
    const set = PortSet.parse('-');
    expect(set.toString()).toBe('1-65535');
    expect(set.has(1)).toBe(true);
    expect(set.has(65535)).toBe(true);
    expect(set.has(0)).toBe(false);
    expect(set.has(65536)).toBe(false);
  });

  it('open-ended ranges', () => {
    expect(PortSet.parse('-100').toString()).toBe('1-100');
    expect(PortSet.parse('60000-').toString()).toBe('60000-65535');
    expect(PortSet.parse('60000-').size).toBe(5536);
  });

  it('the T: prefix is TCP', () => {
    expect(PortSet.parse('T:80,t:443').toString()).toBe('80,443');
    expect(PortSet.parse('T:1-3').toString()).toBe('1-3');
  });

  it('service names through the lookup, case-insensitive', () => {
    expect(PortSet.parse('HTTPS,ssh,8080', lookup).toString()).toBe('22,443,8080');
    expect(PortSet.parse('T:http', lookup).toString()).toBe('80');
  });

  it('empty text is the empty set', () => {
    expect(PortSet.parse('  ')).toBe(PortSet.EMPTY);
    expect(PortSet.EMPTY.size).toBe(0);
    expect(PortSet.EMPTY.toString()).toBe('');
    expect([...PortSet.EMPTY]).toEqual([]);
  });

  it('UDP is ports.udp', () => {
    const error = failure('80,U:53');
    expect(error.messageId).toBe('ports.udp');
    expect(error.params).toEqual({ spec: 'U:53' });
    expect(error.exitCode).toBe(2);
    expect(failure('u:53').messageId).toBe('ports.udp');
  });

  it('ports outside 1-65535 are ports.outOfRange', () => {
    for (const spec of ['0', '65536', '0-10', '1-70000', '99999999999999999999']) {
      const error = failure(spec);
      expect(error.messageId, spec).toBe('ports.outOfRange');
      expect(error.params).toEqual({ spec });
    }
  });

  it('reversed ranges are ports.reversed', () => {
    const error = failure('22, 100-10');
    expect(error.messageId).toBe('ports.reversed');
    expect(error.params).toEqual({ spec: '100-10' });
  });

  it('anything else is ports.invalid', () => {
    for (const spec of ['abc', 'nosuchservice', '80,,443', '1-2-3', '80/tcp', '1.5', 'T:']) {
      expect(failure(spec).messageId, spec).toBe('ports.invalid');
    }
    expect(() => PortSet.parse('http')).toThrow(UsageError);
  });
});

describe('PortSet.toString', () => {
  it('round-trips through parse', () => {
    for (const spec of ['22', '1-1024,8080', '1-65535', '21-23,25,80,443,8000-8100,65535']) {
      const set = PortSet.parse(spec);
      expect(set.toString()).toBe(spec);
      expect(PortSet.parse(set.toString()).toString()).toBe(spec);
    }
  });
});

describe('PortSet.of / has / size', () => {
  it('builds from numbers, de-duplicated and merged', () => {
    const set = PortSet.of([443, 80, 81, 82, 443, 22]);
    expect(set.toString()).toBe('22,80-82,443');
    expect([...set]).toEqual([22, 80, 81, 82, 443]);
    expect(set.size).toBe(5);
  });

  it('has() on a large fragmented set', () => {
    const odd = PortSet.of(Array.from({ length: 32_768 }, (_, i) => i * 2 + 1));
    expect(odd.size).toBe(32_768);
    expect(odd.has(1)).toBe(true);
    expect(odd.has(2)).toBe(false);
    expect(odd.has(40_001)).toBe(true);
    expect(odd.has(40_000)).toBe(false);
    expect(odd.has(65_535)).toBe(true);
    expect(odd.has(65_534)).toBe(false);
  });

  it('size of "-" is 65535 without iterating', () => {
    const iterate = vi.spyOn(PortSet.prototype, Symbol.iterator);
    const all = PortSet.parse('-');
    expect(all.size).toBe(65_535);
    expect(all.has(31_337)).toBe(true);
    expect(iterate).not.toHaveBeenCalled();
  });
});

describe('PortSet.union / without', () => {
  it('union merges', () => {
    const union = PortSet.parse('1-100').union(PortSet.parse('50-200,443'));
    expect(union.toString()).toBe('1-200,443');
    expect(PortSet.parse('1-10').union(PortSet.parse('11-20')).toString()).toBe('1-20');
    expect(PortSet.EMPTY.union(PortSet.of([7])).toString()).toBe('7');
  });

  it('union does not change its operands', () => {
    const a = PortSet.parse('1-10');
    const b = PortSet.parse('5-20');
    a.union(b);
    expect(a.toString()).toBe('1-10');
    expect(b.toString()).toBe('5-20');
  });

  it('without removes', () => {
    expect(PortSet.parse('1-10').without(PortSet.parse('3-4,10')).toString()).toBe('1-2,5-9');
    expect(PortSet.parse('-').without(PortSet.parse('2-65535')).toString()).toBe('1');
    expect(PortSet.parse('80').without(PortSet.parse('80')).size).toBe(0);
  });

  it('without an empty set returns the same set', () => {
    const set = PortSet.parse('-');
    expect(set.without(PortSet.EMPTY)).toBe(set);
  });
});
