import { describe, expect, it } from 'vitest';
import { InputError, RasoatError } from '../../../src/core/errors.js';
import { formatIp } from '../../../src/core/targets/address.js';
import {
  DEFAULT_MAX_ADDRESSES,
  ENUMERATION_LIMIT,
  EXCLUSION_LIMITS,
  describeInterval,
  normaliseName,
  parseTarget,
  type ParseLimits,
  type TargetEntry,
} from '../../../src/core/targets/parse.js';

const DEFAULT: ParseLimits = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: false };
const LARGE: ParseLimits = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: true };

function parse(text: string, limits: ParseLimits = DEFAULT): TargetEntry {
  return parseTarget(text, limits);
}

function failure(text: string, limits: ParseLimits = DEFAULT): InputError {
  try {
    parseTarget(text, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`parseTarget(${JSON.stringify(text)}) did not throw`);
}

function addresses(entry: TargetEntry): Extract<TargetEntry, { type: 'addresses' }> {
  if (entry.type !== 'addresses') throw new Error(`expected addresses, got ${entry.type}`);
  return entry;
}

function url(entry: TargetEntry): Extract<TargetEntry, { type: 'url' }> {
  if (entry.type !== 'url') throw new Error(`expected url, got ${entry.type}`);
  return entry;
}

/** The intervals of an entry as "first-last" text, for readable assertions. */
function spans(entry: TargetEntry): string[] {
  return addresses(entry).intervals.map((i) => `${formatIp(i.family, i.start)}-${formatIp(i.family, i.end)}`);
}

describe('parseTarget: single addresses', () => {
  it('parses an IPv4 address as one explicit address', () => {
    const entry = addresses(parse(' 10.0.0.1 '));
    expect(entry).toEqual({
      type: 'addresses',
      intervals: [{ family: 4, start: 0x0a000001n, end: 0x0a000001n }],
      size: 1n,
      explicit: true,
      input: '10.0.0.1',
    });
  });

  it('parses IPv6, bracketed or not', () => {
    const entry = addresses(parse('2001:DB8::1'));
    expect(entry.explicit).toBe(true);
    expect(entry.size).toBe(1n);
    expect(spans(entry)).toEqual(['2001:db8::1-2001:db8::1']);
    expect(spans(parse('[::1]'))).toEqual(['::1-::1']);
  });
});

describe('parseTarget: CIDR', () => {
  it('/32 is one explicit address', () => {
    const entry = addresses(parse('10.0.0.5/32'));
    expect(entry.explicit).toBe(true);
    expect(entry.size).toBe(1n);
    expect(spans(entry)).toEqual(['10.0.0.5-10.0.0.5']);
  });

  it('/24 is a non-explicit range of 256 addresses', () => {
    const entry = addresses(parse('10.0.0.0/24'));
    expect(entry.explicit).toBe(false);
    expect(entry.size).toBe(256n);
    expect(spans(entry)).toEqual(['10.0.0.0-10.0.0.255']);
  });

  it('ignores host bits', () => {
    expect(spans(parse('192.168.1.77/30'))).toEqual(['192.168.1.76-192.168.1.79']);
  });

  it('handles IPv6 prefixes', () => {
    const entry = addresses(parse('2001:db8::/120'));
    expect(entry.size).toBe(256n);
    expect(entry.explicit).toBe(false);
    expect(spans(entry)).toEqual(['2001:db8::-2001:db8::ff']);
    expect(addresses(parse('::1/128')).explicit).toBe(true);
  });

  it('refuses bad prefixes with target.badCidr', () => {
    for (const text of ['10.0.0.1/33', '10.0.0.0/abc', '10.0.0.0/', '10.0.0.0/-1', '::/129', '10.0.0.0/1234']) {
      expect(failure(text).messageId, text).toBe('target.badCidr');
    }
  });

  it('refuses a bad address or extra slash with target.invalid', () => {
    for (const text of ['10.0.0/24', 'host.example/24', '/24', '10.0.0.0/24/1']) {
      expect(failure(text).messageId, text).toBe('target.invalid');
    }
  });
});

describe('parseTarget: nmap ranges', () => {
  it('last-octet range "10.0.0.1-50"', () => {
    const entry = addresses(parse('10.0.0.1-50'));
    expect(entry.size).toBe(50n);
    expect(entry.explicit).toBe(false);
    expect(spans(entry)).toEqual(['10.0.0.1-10.0.0.50']);
  });

  it('ranges in two octets give one interval per third-octet value', () => {
    const entry = addresses(parse('10.0.1-3.1-254'));
    expect(entry.size).toBe(762n);
    expect(spans(entry)).toEqual(['10.0.1.1-10.0.1.254', '10.0.2.1-10.0.2.254', '10.0.3.1-10.0.3.254']);
  });

  it('comma lists in an octet', () => {
    const entry = addresses(parse('10.0.0.1,5,9'));
    expect(entry.size).toBe(3n);
    expect(spans(entry)).toEqual(['10.0.0.1-10.0.0.1', '10.0.0.5-10.0.0.5', '10.0.0.9-10.0.0.9']);
  });

  it('merges adjacent and repeated values in a comma list', () => {
    const entry = addresses(parse('10.0.0.3,1-2,2,7'));
    expect(entry.size).toBe(4n);
    expect(spans(entry)).toEqual(['10.0.0.1-10.0.0.3', '10.0.0.7-10.0.0.7']);
  });

  it('full IPv4 range "10.0.0.1-10.0.0.50"', () => {
    const entry = addresses(parse('10.0.0.1-10.0.0.50'));
    expect(entry.size).toBe(50n);
    expect(entry.explicit).toBe(false);
    expect(spans(entry)).toEqual(['10.0.0.1-10.0.0.50']);
  });

  it('full range across octets', () => {
    const entry = addresses(parse('10.0.0.250-10.0.1.4'));
    expect(entry.size).toBe(11n);
    expect(spans(entry)).toEqual(['10.0.0.250-10.0.1.4']);
  });

  it('IPv6 ranges', () => {
    const entry = addresses(parse('2001:db8::1-2001:db8::ff'));
    expect(entry.size).toBe(255n);
    expect(entry.explicit).toBe(false);
    expect(spans(entry)).toEqual(['2001:db8::1-2001:db8::ff']);
    expect(addresses(parse('::1-::10')).size).toBe(16n);
  });

  it('reversed ranges are target.badRange', () => {
    for (const text of ['10.0.0.50-1', '10.0.0.50-10.0.0.1', '10.0.5-1.1', '2001:db8::ff-2001:db8::1']) {
      expect(failure(text).messageId, text).toBe('target.badRange');
    }
  });

  it('malformed ranges are target.invalid', () => {
    for (const text of ['10.0.0.1-300', '10.0.0.1-2-3', '10.0.1-50', '10.0.0.1-::1', '10.0.0.,1', '10.0.0.1-']) {
      expect(failure(text).messageId, text).toBe('target.invalid');
    }
  });
});

describe('parseTarget: names', () => {
  it('lower-cases and drops the trailing dot', () => {
    expect(parse('WWW.Example.COM.')).toEqual({ type: 'name', host: 'www.example.com', input: 'WWW.Example.COM.' });
  });

  it('accepts single labels, hyphens inside labels, underscores and hex-looking names', () => {
    expect(parse('intranet')).toMatchObject({ type: 'name', host: 'intranet' });
    expect(parse('my-host.example')).toMatchObject({ type: 'name', host: 'my-host.example' });
    expect(parse('_dmarc.example')).toMatchObject({ type: 'name', host: '_dmarc.example' });
    expect(parse('dead-beef')).toMatchObject({ type: 'name', host: 'dead-beef' });
  });

  it('accepts an internationalised name as punycode, as URLs do', () => {
    expect(parse('bücher.example')).toMatchObject({ type: 'name', host: 'xn--bcher-kva.example' });
  });

  it('refuses malformed names and mistyped addresses with target.invalid', () => {
    for (const text of ['10.0.0', '300.1.1.1', '1.2.3.4.5', 'a..b', '-bad.example', 'bad-.example', 'a b', `${'a'.repeat(64)}.example`, 'host:80', '.']) {
      const error = failure(text);
      expect(error.messageId, text).toBe('target.invalid');
      expect(error.params).toEqual({ input: text });
    }
  });

  it('refuses empty input with target.empty', () => {
    expect(failure('').messageId).toBe('target.empty');
    expect(failure('   ').messageId).toBe('target.empty');
  });

  it('normaliseName', () => {
    expect(normaliseName('Host.Example.')).toBe('host.example');
    expect(normaliseName(`${'a'.repeat(63)}.example`)).toBe(`${'a'.repeat(63)}.example`);
    expect(normaliseName(`${'a.'.repeat(127)}ab`)).toBeNull();
    expect(normaliseName('1.2.3')).toBeNull();
    expect(normaliseName('')).toBeNull();
  });
});

describe('parseTarget: URLs', () => {
  it('http with the default port', () => {
    expect(parse('http://example.com')).toEqual({
      type: 'url',
      host: 'example.com',
      hostKind: 'name',
      url: 'http://example.com/',
      port: 80,
      input: 'http://example.com',
    });
  });

  it('https with the default port, explicit or not', () => {
    const entry = url(parse('https://Portal.Example.VN/'));
    expect(entry.host).toBe('portal.example.vn');
    expect(entry.port).toBe(443);
    expect(entry.url).toBe('https://portal.example.vn/');
    expect(url(parse('https://portal.example.vn:443/')).port).toBe(443);
    expect(url(parse('HTTP://portal.example.vn')).port).toBe(80);
  });

  it('explicit ports, path and query kept, fragment dropped', () => {
    const entry = url(parse('https://example.com:8443/app/login?next=%2F#top'));
    expect(entry.port).toBe(8443);
    expect(entry.url).toBe('https://example.com:8443/app/login?next=%2F');
    expect(url(parse('http://example.com:8080')).port).toBe(8080);
  });

  it('IP hosts, IPv4 and bracketed IPv6', () => {
    const v4 = url(parse('http://10.0.0.1:8000/'));
    expect(v4).toMatchObject({ host: '10.0.0.1', hostKind: 'ip', port: 8000 });
    const v6 = url(parse('http://[2001:DB8:0::1]:8080/x'));
    expect(v6).toMatchObject({ host: '2001:db8::1', hostKind: 'ip', port: 8080, url: 'http://[2001:db8::1]:8080/x' });
    expect(url(parse('https://[::1]/'))).toMatchObject({ host: '::1', hostKind: 'ip', port: 443 });
  });

  it('converts internationalised host names to punycode', () => {
    const entry = url(parse('https://bücher.example/'));
    expect(entry.host).toBe('xn--bcher-kva.example');
    expect(entry.hostKind).toBe('name');
    expect(entry.url).toBe('https://xn--bcher-kva.example/');
  });

  it('refuses other schemes with target.badScheme', () => {
    for (const text of ['ftp://example.com', 'ssh://10.0.0.1', 'file:///etc/passwd']) {
      const error = failure(text);
      expect(error.messageId, text).toBe('target.badScheme');
      expect(error.params).toEqual({ input: text });
    }
  });

  it('refuses credentials with target.urlCredentials', () => {
    expect(failure('http://user:secret@example.com/').messageId).toBe('target.urlCredentials');
    expect(failure('https://admin@example.com/').messageId).toBe('target.urlCredentials');
  });

  it('refuses unparsable URLs and bad hosts with target.invalid', () => {
    for (const text of ['http://', 'http://exa mple.com/', 'http://a..b/', 'http://-bad.example/', 'http://[::1/']) {
      expect(failure(text).messageId, text).toBe('target.invalid');
    }
  });
});

describe('parseTarget: size guards', () => {
  it('accepts a /16 by default but refuses a /15 with target.tooLarge', () => {
    expect(addresses(parse('10.0.0.0/16')).size).toBe(65_536n);
    const error = failure('10.0.0.0/15');
    expect(error.messageId).toBe('target.tooLarge');
    expect(error.params).toEqual({ input: '10.0.0.0/15', count: '131072', limit: '65536' });
    expect(error.exitCode).toBe(2);
  });

  it('refuses large octet and full ranges too', () => {
    expect(failure('10.0-1.0-255.0-255').messageId).toBe('target.tooLarge');
    expect(failure('10.0.0.0-10.1.255.255').messageId).toBe('target.tooLarge');
    expect(failure('2001:db8::/111').messageId).toBe('target.tooLarge');
    expect(addresses(parse('2001:db8::/112')).size).toBe(65_536n);
  });

  it('accepts a /15 with allowLarge', () => {
    expect(addresses(parse('10.0.0.0/15', LARGE)).size).toBe(131_072n);
    expect(addresses(parse('10.0.0.0/8', LARGE)).size).toBe(ENUMERATION_LIMIT);
  });

  it('refuses more than 2^24 addresses always, with target.enormous', () => {
    for (const text of ['10.0.0.0/7', '0.0.0.0/0', '2001:db8::/64', '10.0.0.0-12.0.0.0', '10-11.0-255.0-255.0-255']) {
      for (const limits of [DEFAULT, LARGE]) {
        const error = failure(text, limits);
        expect(error.messageId, text).toBe('target.enormous');
        expect(error.params.limit).toBe('16777216');
      }
    }
    expect(failure('10.0.0.0/7', LARGE).params.count).toBe('33554432');
  });

  it('exclusions accept any size', () => {
    expect(addresses(parse('0.0.0.0/0', EXCLUSION_LIMITS)).size).toBe(1n << 32n);
    expect(addresses(parse('::/0', EXCLUSION_LIMITS)).size).toBe(1n << 128n);
    expect(addresses(parse('10.0.0.0/7', EXCLUSION_LIMITS)).size).toBe(1n << 25n);
    expect(addresses(parse('0.0.0.0-255.255.255.255', EXCLUSION_LIMITS)).size).toBe(1n << 32n);
  });

  it('errors are typed RasoatErrors with an English message', () => {
    const error = failure('300.1.1.1');
    expect(error).toBeInstanceOf(RasoatError);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('"300.1.1.1"');
  });
});

describe('describeInterval', () => {
  it('prints a single address or a range', () => {
    expect(describeInterval({ family: 4, start: 0x0a000001n, end: 0x0a000001n })).toBe('10.0.0.1');
    expect(describeInterval({ family: 4, start: 0x0a000001n, end: 0x0a000032n })).toBe('10.0.0.1-10.0.0.50');
    expect(describeInterval({ family: 6, start: 1n, end: 16n })).toBe('::1-::10');
  });
});
