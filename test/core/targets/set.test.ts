import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { HostTarget, TargetGroup } from '../../../src/core/model/target.js';
import { Scope } from '../../../src/core/scope/scope.js';
import type { GroupedEntry } from '../../../src/core/targets/file.js';
import { DEFAULT_MAX_ADDRESSES, EXCLUSION_LIMITS, parseTarget, type TargetEntry } from '../../../src/core/targets/parse.js';
import { TargetSet } from '../../../src/core/targets/set.js';

const OPTIONS = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: false };
const LARGE = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: true };
const A: TargetGroup = { agency: 'A', tags: [] };
const B: TargetGroup = { agency: 'B', tags: ['b'] };

function entry(spec: string, group?: TargetGroup): GroupedEntry {
  const parsed = parseTarget(spec, LARGE);
  return group ? { entry: parsed, group } : { entry: parsed };
}

function exclusions(...specs: string[]): TargetEntry[] {
  return specs.map((spec) => parseTarget(spec, EXCLUSION_LIMITS));
}

function build(specs: Array<string | GroupedEntry>, exclude: string[] = [], options = OPTIONS): TargetSet {
  return TargetSet.build(
    specs.map((s) => (typeof s === 'string' ? entry(s) : s)),
    exclusions(...exclude),
    options,
  );
}

function hostNames(set: TargetSet): string[] {
  return [...set.hosts()].map((h) => h.host);
}

function failure(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('did not throw');
}

describe('TargetSet.build: explicit hosts', () => {
  it('merges duplicate names, addresses and URLs and counts the duplicates', () => {
    const set = build(['a.example', 'A.example.', 'http://a.example/', 'https://a.example:8443/x', 'http://a.example/', '10.0.0.1', '10.0.0.1/32']);
    expect(set.explicit).toHaveLength(2);
    expect(set.duplicates).toBe(5);
    expect(set.size).toBe(2);
    const [a, ip] = set.explicit;
    expect(a).toEqual({
      host: 'a.example',
      kind: 'name',
      urls: ['http://a.example/', 'https://a.example:8443/x'],
      ports: [80, 8443],
      explicit: true,
    });
    expect(ip).toEqual({ host: '10.0.0.1', kind: 'ip', address: '10.0.0.1', urls: [], ports: [], explicit: true });
  });

  it('treats spellings of one IPv6 address, and URLs on it, as one host', () => {
    const set = build(['2001:DB8::1', '2001:db8:0:0::1', 'http://[2001:db8::1]:8080/']);
    expect(set.explicit).toHaveLength(1);
    expect(set.duplicates).toBe(2);
    expect(set.explicit[0]).toMatchObject({ host: '2001:db8::1', kind: 'ip', address: '2001:db8::1', ports: [8080] });
  });

  it('the first mention wins the group', () => {
    const set = build([entry('a.example', A), entry('a.example', B), entry('b.example'), entry('b.example', B)]);
    expect(set.explicit.map((t) => [t.host, t.group?.agency])).toEqual([
      ['a.example', 'A'],
      ['b.example', undefined],
    ]);
  });

  it('refuses an empty list with target.none', () => {
    expect(failure(() => build([])).messageId).toBe('target.none');
  });
});

describe('TargetSet.build: ranges', () => {
  it('yields each address of overlapping ranges once', () => {
    const set = build(['10.0.0.0/30', '10.0.0.2-5', '10.0.0.1-3']);
    expect(hostNames(set)).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(set.size).toBe(6);
    expect(set.duplicates).toBe(2);
  });

  it('counts a repeated multi-interval range as one duplicate mention', () => {
    const set = build(['10.0.1-3.1-254', '10.0.1-3.1-254']);
    expect(set.size).toBe(762);
    expect(set.duplicates).toBe(1);
  });

  it('range hosts are non-explicit IP targets', () => {
    const [first] = build(['10.0.0.8/31']).hosts();
    expect(first).toEqual({ host: '10.0.0.8', kind: 'ip', address: '10.0.0.8', urls: [], ports: [], explicit: false });
  });

  it('the first mention of an address wins its group', () => {
    const set = build([entry('10.0.0.0-2', A), entry('10.0.0.1-4', B)]);
    expect([...set.hosts()].map((h) => `${h.host}:${h.group?.agency}`)).toEqual([
      '10.0.0.0:A',
      '10.0.0.1:A',
      '10.0.0.2:A',
      '10.0.0.3:B',
      '10.0.0.4:B',
    ]);
  });

  it('an explicit address inside a range is yielded once, as the explicit host, and counted once', () => {
    const set = build(['10.0.0.0/30', 'http://10.0.0.2:8080/', '10.0.0.9']);
    const hosts = [...set.hosts()];
    expect(hosts.map((h) => h.host)).toEqual(['10.0.0.2', '10.0.0.9', '10.0.0.0', '10.0.0.1', '10.0.0.3']);
    expect(hosts[0]).toMatchObject({ explicit: true, ports: [8080] });
    expect(set.size).toBe(5);
    expect(set.size).toBe(hosts.length);
  });

  it('explicit addresses mentioned before the range behave the same', () => {
    const set = build(['10.0.0.1', '10.0.0.0/31']);
    expect(hostNames(set)).toEqual(['10.0.0.1', '10.0.0.0']);
    expect(set.size).toBe(2);
  });

  it('mixes IPv4 and IPv6 ranges', () => {
    const set = build(['2001:db8::/126', '10.0.0.0/31']);
    expect(hostNames(set)).toEqual(['2001:db8::', '2001:db8::1', '2001:db8::2', '2001:db8::3', '10.0.0.0', '10.0.0.1']);
    expect(set.size).toBe(6);
  });
});

describe('TargetSet.build: exclusions', () => {
  it('removes excluded addresses from ranges and the size', () => {
    const set = build(['10.0.0.0/29'], ['10.0.0.2-3', '10.0.0.6']);
    expect(hostNames(set)).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.4', '10.0.0.5', '10.0.0.7']);
    expect(set.size).toBe(5);
  });

  it('removes excluded explicit addresses, names and URL hosts', () => {
    const set = build(['10.0.0.1', '10.0.0.2', 'a.example', 'http://b.example/', 'c.example'], ['10.0.0.0/31', 'A.example', 'https://b.example/']);
    expect(hostNames(set)).toEqual(['10.0.0.2', 'c.example']);
    expect(set.size).toBe(2);
    expect([...set.excludedNames]).toEqual(['a.example', 'b.example']);
  });

  it('excluded addresses do not count against the size limit', () => {
    const set = build(['10.0.0.0/16', '10.1.0.0/24'], ['10.1.0.0/24']);
    expect(set.size).toBe(65_536);
  });

  it('a set that excludes everything is empty', () => {
    const set = build(['10.0.0.0/24', 'a.example'], ['0.0.0.0/0', 'a.example']);
    expect(set.size).toBe(0);
    expect(hostNames(set)).toEqual([]);
  });
});

describe('TargetSet.build: size limits across entries', () => {
  it('refuses more than 65,536 addresses in total without allowLarge', () => {
    const error = failure(() => build(['10.0.0.0/17', '10.1.0.0/17', '10.2.0.0/24']));
    expect(error.messageId).toBe('target.tooLarge');
    expect(error.params).toMatchObject({ count: '65792', limit: '65536' });
  });

  it('accepts exactly 65,536, and overlapping ranges count once', () => {
    expect(build(['10.0.0.0/17', '10.1.0.0/17']).size).toBe(65_536);
    expect(build(['10.0.0.0/16', '10.0.0.0/16', '10.0.5.0/24']).size).toBe(65_536);
  });

  it('accepts more with allowLarge', () => {
    expect(build(['10.0.0.0/16', '10.1.0.0/16'], [], LARGE).size).toBe(131_072);
  });

  it('refuses more than 2^24 in total even with allowLarge', () => {
    const error = failure(() => build(['10.0.0.0/8', '11.0.0.0/24'], [], LARGE));
    expect(error.messageId).toBe('target.enormous');
    expect(error.params).toMatchObject({ count: String(16_777_216 + 256) });
  });
});

describe('TargetSet.hosts', () => {
  it('is lazy: the first hosts of a /8 come without enumerating it', () => {
    const set = build(['10.0.0.0/8'], [], LARGE);
    expect(set.size).toBe(16_777_216);
    const generator = set.hosts();
    const first: HostTarget[] = [];
    for (const host of generator) {
      first.push(host);
      if (first.length === 3) break;
    }
    expect(first.map((h) => h.host)).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2']);
  });

  it('a /16 with allowLarge iterates to its last address', () => {
    const set = build(['10.7.0.0/16'], [], LARGE);
    const generator = set.hosts();
    expect(generator.next().value?.host).toBe('10.7.0.0');
    let count = 1;
    let last = '';
    for (const host of generator) {
      count++;
      last = host.host;
    }
    expect(count).toBe(65_536);
    expect(last).toBe('10.7.255.255');
  });

  it('can be iterated again from the start', () => {
    const set = build(['a.example', '10.0.0.0/31']);
    expect(hostNames(set)).toEqual(['a.example', '10.0.0.0', '10.0.0.1']);
    expect(hostNames(set)).toEqual(['a.example', '10.0.0.0', '10.0.0.1']);
  });
});

describe('TargetSet.scopeSpec', () => {
  it('includes ranges, explicit addresses and names, with exclusions and ports', () => {
    const set = build(['10.0.0.0/30', '10.0.0.4', '10.0.0.9', '::1', 'a.example', 'http://b.example/'], ['10.0.0.1', 'c.example']);
    const spec = set.scopeSpec('25,110');
    expect(spec).toEqual({
      include: [
        { family: 4, start: String(0x0a000000), end: String(0x0a000004) },
        { family: 4, start: String(0x0a000009), end: String(0x0a000009) },
        { family: 6, start: '1', end: '1' },
      ],
      names: ['a.example', 'b.example'],
      exclude: [{ family: 4, start: String(0x0a000001), end: String(0x0a000001) }],
      excludeNames: ['c.example'],
      excludePorts: '25,110',
    });
  });

  it('builds a Scope that allows exactly the targets', () => {
    const scope = new Scope(build(['10.0.0.0/30', 'a.example'], ['10.0.0.2']).scopeSpec(''));
    expect(scope.allowsAddress('10.0.0.1')).toBe(true);
    expect(scope.allowsAddress('10.0.0.2')).toBe(false);
    expect(scope.allowsAddress('10.0.0.4')).toBe(false);
    expect(scope.allowsName('a.example')).toBe(true);
    expect(scope.allowsName('b.example')).toBe(false);
  });

  it('survives JSON serialisation', () => {
    const spec = build(['2001:db8::/120']).scopeSpec('');
    const scope = new Scope(JSON.parse(JSON.stringify(spec)) as typeof spec);
    expect(scope.allowsAddress('2001:db8::ff')).toBe(true);
    expect(scope.allowsAddress('2001:db8::100')).toBe(false);
  });
});
