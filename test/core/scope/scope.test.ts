import { describe, expect, it } from 'vitest';
import { ScopeError, UsageError } from '../../../src/core/errors.js';
import { Scope, toSpecInterval, type Destination, type ScopeSpec } from '../../../src/core/scope/scope.js';
import { cidrInterval, parseIp } from '../../../src/core/targets/address.js';

function cidr(address: string, prefix: number): ScopeSpec['include'][number] {
  return toSpecInterval(cidrInterval(address, prefix)!);
}

function single(address: string): ScopeSpec['include'][number] {
  const ip = parseIp(address)!;
  return toSpecInterval({ family: ip.family, start: ip.value, end: ip.value });
}

const SPEC: ScopeSpec = {
  include: [cidr('10.0.0.0', 24), single('192.168.1.5'), cidr('2001:db8::', 120)],
  names: ['portal.example.vn', 'api.example.vn'],
  exclude: [single('10.0.0.13'), cidr('10.0.0.128', 25)],
  excludeNames: ['api.example.vn'],
  excludePorts: '25,8000-8010',
};

const scope = new Scope(SPEC);

function checkError(destination: Destination): ScopeError {
  try {
    scope.check(destination);
  } catch (error) {
    expect(error).toBeInstanceOf(ScopeError);
    return error as ScopeError;
  }
  throw new Error(`check(${JSON.stringify(destination)}) did not throw`);
}

describe('Scope.allowsAddress', () => {
  it('allows addresses covered by an included range or address', () => {
    for (const address of ['10.0.0.0', '10.0.0.1', '10.0.0.127', '192.168.1.5', '2001:db8::', '2001:DB8::FF', '[2001:db8::1]']) {
      expect(scope.allowsAddress(address), address).toBe(true);
    }
  });

  it('refuses addresses outside every range', () => {
    for (const address of ['10.0.1.0', '9.255.255.255', '192.168.1.4', '192.168.1.6', '2001:db8::100', '::1', '127.0.0.1']) {
      expect(scope.allowsAddress(address), address).toBe(false);
    }
  });

  it('exclusions beat inclusions', () => {
    expect(scope.allowsAddress('10.0.0.13')).toBe(false);
    expect(scope.allowsAddress('10.0.0.200')).toBe(false);
    expect(scope.isExcludedAddress('10.0.0.200')).toBe(true);
    expect(scope.isExcludedAddress('10.0.0.12')).toBe(false);
  });

  it('refuses what is not an address', () => {
    expect(scope.allowsAddress('portal.example.vn')).toBe(false);
    expect(scope.allowsAddress('')).toBe(false);
    expect(scope.isExcludedAddress('nonsense')).toBe(false);
  });
});

describe('Scope.allowsName', () => {
  it('allows only names given, case and trailing dot aside', () => {
    expect(scope.allowsName('portal.example.vn')).toBe(true);
    expect(scope.allowsName('PORTAL.Example.VN.')).toBe(true);
  });

  it('a name target does not put other names in scope', () => {
    expect(scope.allowsName('www.portal.example.vn')).toBe(false);
    expect(scope.allowsName('example.vn')).toBe(false);
    expect(scope.allowsName('portal.example.vn.evil.example')).toBe(false);
  });

  it('excluded names are refused even when given', () => {
    expect(scope.allowsName('api.example.vn')).toBe(false);
  });
});

describe('Scope.allowsPort', () => {
  it('refuses only excluded ports', () => {
    expect(scope.allowsPort(25)).toBe(false);
    expect(scope.allowsPort(8000)).toBe(false);
    expect(scope.allowsPort(8005)).toBe(false);
    expect(scope.allowsPort(8010)).toBe(false);
    expect(scope.allowsPort(8011)).toBe(true);
    expect(scope.allowsPort(80)).toBe(true);
    expect(scope.allowsPort(24)).toBe(true);
  });

  it('allows every port when none are excluded', () => {
    const open = new Scope({ ...SPEC, excludePorts: '' });
    expect(open.allowsPort(25)).toBe(true);
    expect(open.excludePorts.size).toBe(0);
  });

  it('an invalid excludePorts spec fails construction', () => {
    expect(() => new Scope({ ...SPEC, excludePorts: 'U:53' })).toThrow(UsageError);
  });
});

describe('Scope.check', () => {
  it('passes in-scope destinations', () => {
    expect(() => scope.check({ host: '10.0.0.1', address: '10.0.0.1', port: 443 })).not.toThrow();
    expect(() => scope.check({ host: 'portal.example.vn', address: '203.0.113.7', port: 443 })).not.toThrow();
    expect(() => scope.check({ host: '2001:db8::1', address: '2001:db8::1', port: 80 })).not.toThrow();
  });

  it('an excluded port is scope.port', () => {
    const error = checkError({ host: '10.0.0.1', address: '10.0.0.1', port: 25 });
    expect(error.messageId).toBe('scope.port');
    expect(error.params).toEqual({ host: '10.0.0.1', port: 25 });
    expect(error.exitCode).toBe(2);
  });

  it('an excluded address is scope.excluded, even behind an allowed name', () => {
    const error = checkError({ host: 'portal.example.vn', address: '10.0.0.13', port: 443 });
    expect(error.messageId).toBe('scope.excluded');
    expect(error.params).toEqual({ host: 'portal.example.vn', address: '10.0.0.13' });
    expect(checkError({ host: '10.0.0.200', address: '10.0.0.200', port: 80 }).messageId).toBe('scope.excluded');
  });

  it('an address or name outside scope is scope.host', () => {
    const address = checkError({ host: '10.0.1.1', address: '10.0.1.1', port: 80 });
    expect(address.messageId).toBe('scope.host');
    expect(address.params).toEqual({ host: '10.0.1.1' });
    const name = checkError({ host: 'www.portal.example.vn', address: '10.0.0.1', port: 80 });
    expect(name.messageId).toBe('scope.host');
    expect(name.params).toEqual({ host: 'www.portal.example.vn' });
    expect(checkError({ host: 'api.example.vn', address: '10.0.0.1', port: 80 }).messageId).toBe('scope.host');
  });

  it('refuses an IP host whose connect address differs', () => {
    const error = checkError({ host: '10.0.0.1', address: '10.0.0.2', port: 80 });
    expect(error.messageId).toBe('scope.host');
    expect(error.params).toEqual({ host: '10.0.0.2' });
    expect(checkError({ host: '10.0.0.1', address: '8.8.8.8', port: 80 }).messageId).toBe('scope.host');
  });

  it('refuses an IPv4 host connected through an IPv6 address of the same numeric value', () => {
    // ::a00:1 is the IPv4-compatible IPv6 form of 10.0.0.1: same integer, different family.
    const error = checkError({ host: '10.0.0.1', address: '::a00:1', port: 80 });
    expect(error.messageId).toBe('scope.host');
  });

  it('accepts the same IPv6 address in another spelling', () => {
    expect(() => scope.check({ host: '2001:db8::1', address: '2001:DB8:0::1', port: 80 })).not.toThrow();
  });

  it('checks the port before anything else', () => {
    expect(checkError({ host: 'elsewhere.example', address: '10.0.0.13', port: 25 }).messageId).toBe('scope.port');
  });
});
