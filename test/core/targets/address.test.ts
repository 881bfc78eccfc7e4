import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  cidrInterval,
  familyOf,
  formatIp,
  intervalContains,
  intervalSize,
  parseIp,
} from '../../../src/core/targets/address.js';

describe('parseIp', () => {
  it('parses dotted-quad IPv4 into a 32-bit integer', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('0.0.0.0')).toEqual({ family: 4, value: 0n });
    expect(parseIp('255.255.255.255')).toEqual({ family: 4, value: 0xffffffffn });
  });

  it('parses IPv6, with or without brackets, into a 128-bit integer', () => {
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('[::1]')).toEqual({ family: 6, value: 1n });
    expect(parseIp('2001:db8::1')).toEqual({ family: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({ family: 6, value: (1n << 128n) - 1n });
  });

  it('rejects what is not a plain address', () => {
    for (const text of ['', '10.0.0', '300.1.1.1', '10.0.0.1.2', '0x0a.0.0.1', '10', 'example.com', 'fe80::1%eth0', '::g', '1:2:3:4:5:6:7:8:9', '[10.0.0.1']) {
      expect(parseIp(text), text).toBeNull();
    }
  });
});

describe('formatIp / canonicalIp', () => {
  it('formats IPv4 integers as dotted quads', () => {
    expect(formatIp(4, 0x0a000001n)).toBe('10.0.0.1');
    expect(formatIp(4, 0xffffffffn)).toBe('255.255.255.255');
    expect(formatIp(4, 0n)).toBe('0.0.0.0');
  });

  it('formats IPv6 compressed and lower-case', () => {
    expect(formatIp(6, 1n)).toBe('::1');
    expect(formatIp(6, 0n)).toBe('::');
    expect(formatIp(6, (0x20010db8n << 96n) | 1n)).toBe('2001:db8::1');
  });

  it('canonicalises IPv6 spellings to one text', () => {
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicalIp('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalIp('fe80:0:0:0:1:0:0:1')).toBe('fe80::1:0:0:1');
  });

  it('keeps IPv4 as is and returns null for non-addresses', () => {
    expect(canonicalIp('192.168.1.20')).toBe('192.168.1.20');
    expect(canonicalIp('www.example.com')).toBeNull();
    expect(canonicalIp('10.0.0.256')).toBeNull();
  });

  it('round-trips parseIp and formatIp', () => {
    for (const text of ['10.1.2.3', '172.16.0.1', '::1', '2001:db8:1:2:3:4:5:6', 'fe80::abcd']) {
      const parsed = parseIp(text)!;
      expect(formatIp(parsed.family, parsed.value)).toBe(text);
    }
  });

  it('familyOf tells the family or null', () => {
    expect(familyOf('10.0.0.1')).toBe(4);
    expect(familyOf('::1')).toBe(6);
    expect(familyOf('host.example')).toBeNull();
  });
});

describe('cidrInterval', () => {
  it('gives the network of an IPv4 prefix', () => {
    expect(cidrInterval('10.0.0.0', 24)).toEqual({ family: 4, start: 0x0a000000n, end: 0x0a0000ffn });
    expect(cidrInterval('10.0.0.7', 32)).toEqual({ family: 4, start: 0x0a000007n, end: 0x0a000007n });
    expect(cidrInterval('1.2.3.4', 0)).toEqual({ family: 4, start: 0n, end: 0xffffffffn });
  });

  it('ignores host bits below the prefix', () => {
    expect(cidrInterval('10.0.0.77', 24)).toEqual(cidrInterval('10.0.0.0', 24));
    expect(cidrInterval('192.168.13.200', 16)).toEqual({ family: 4, start: 0xc0a80000n, end: 0xc0a8ffffn });
    expect(cidrInterval('2001:db8::abcd', 64)).toEqual(cidrInterval('2001:db8::', 64));
  });

  it('handles IPv6 prefixes, compressed or not', () => {
    const interval = cidrInterval('2001:db8::', 120)!;
    expect(interval.family).toBe(6);
    expect(formatIp(6, interval.start)).toBe('2001:db8::');
    expect(formatIp(6, interval.end)).toBe('2001:db8::ff');
    expect(intervalSize(interval)).toBe(256n);
    expect(cidrInterval('2001:0db8:0000:0000:0000:0000:0000:0000', 120)).toEqual(interval);
    expect(intervalSize(cidrInterval('::', 0)!)).toBe(1n << 128n);
    expect(cidrInterval('::1', 128)).toEqual({ family: 6, start: 1n, end: 1n });
  });

  it('refuses invalid prefixes and addresses', () => {
    expect(cidrInterval('10.0.0.0', 33)).toBeNull();
    expect(cidrInterval('10.0.0.0', -1)).toBeNull();
    expect(cidrInterval('10.0.0.0', 24.5)).toBeNull();
    expect(cidrInterval('10.0.0.0', Number.NaN)).toBeNull();
    expect(cidrInterval('::', 129)).toBeNull();
    expect(cidrInterval('10.0.0', 24)).toBeNull();
  });
});

describe('intervalSize / intervalContains', () => {
  it('counts addresses inclusively and checks family', () => {
    const interval = { family: 4 as const, start: 10n, end: 19n };
    expect(intervalSize(interval)).toBe(10n);
    expect(intervalContains(interval, 4, 10n)).toBe(true);
    expect(intervalContains(interval, 4, 19n)).toBe(true);
    expect(intervalContains(interval, 4, 20n)).toBe(false);
    expect(intervalContains(interval, 4, 9n)).toBe(false);
    expect(intervalContains(interval, 6, 15n)).toBe(false);
  });
});
