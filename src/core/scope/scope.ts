import { ScopeError } from '../errors.js';
import { parseIp, type AddressInterval } from '../targets/address.js';
import { IntervalSet } from './interval-set.js';
import { PortSet } from '../model/port-set.js';

/** The serialisable form of a scope: what a job carries to wherever it runs. */
export interface ScopeSpec {
  include: Array<{ family: 4 | 6; start: string; end: string }>;
  names: string[];
  exclude: Array<{ family: 4 | 6; start: string; end: string }>;
  excludeNames: string[];
  excludePorts: string;
}

export interface Destination {
  /** The name or address the request is for (the HostTarget host, or a redirect's host). */
  host: string;
  /** The address the socket would connect to. */
  address: string;
  port: number;
}

/**
 * What this audit may touch, built once and never changed. A name is in scope only if it was
 * given; an address only if a given range covers it; and nothing excluded, whatever else says so.
 */
export class Scope {
  private readonly include: IntervalSet;
  private readonly exclude: IntervalSet;
  private readonly names: Set<string>;
  private readonly excludeNames: Set<string>;
  readonly excludePorts: PortSet;

  constructor(readonly spec: ScopeSpec) {
    this.include = new IntervalSet(spec.include.map(fromSpec));
    this.exclude = new IntervalSet(spec.exclude.map(fromSpec));
    this.names = new Set(spec.names);
    this.excludeNames = new Set(spec.excludeNames);
    this.excludePorts = PortSet.parse(spec.excludePorts || '');
  }

  allowsAddress(address: string): boolean {
    const ip = parseIp(address);
    if (!ip) return false;
    return this.include.has(ip.family, ip.value) && !this.exclude.has(ip.family, ip.value);
  }

  isExcludedAddress(address: string): boolean {
    const ip = parseIp(address);
    return ip ? this.exclude.has(ip.family, ip.value) : false;
  }

  allowsName(name: string): boolean {
    const lower = name.toLowerCase().replace(/\.$/, '');
    return this.names.has(lower) && !this.excludeNames.has(lower);
  }

  allowsPort(port: number): boolean {
    return !this.excludePorts.has(port);
  }

  /** Throws ScopeError unless a connection to `destination` is allowed. */
  check(destination: Destination): void {
    const { host, address, port } = destination;
    if (!this.allowsPort(port)) throw new ScopeError('scope.port', { host, port });
    this.checkHost(host, address);
  }

  /** The port-independent half of check(): may this host be reached at this address at all? */
  checkHost(host: string, address: string): void {
    const key = `${host} ${address}`;
    let verdict = this.verdicts.get(key);
    if (verdict === undefined) {
      verdict = this.judge(host, address);
      // A scope is fixed for the audit, so a verdict never goes stale; the bound keeps a /8 sweep small.
      if (this.verdicts.size >= 65_536) this.verdicts.clear();
      this.verdicts.set(key, verdict);
    }
    if (verdict === 'excluded') throw new ScopeError('scope.excluded', { host, address });
    if (verdict === 'outside') throw new ScopeError('scope.host', { host });
    if (verdict === 'mismatch') throw new ScopeError('scope.host', { host: address });
  }

  private readonly verdicts = new Map<string, 'ok' | 'excluded' | 'outside' | 'mismatch'>();

  private judge(host: string, address: string): 'ok' | 'excluded' | 'outside' | 'mismatch' {
    if (this.isExcludedAddress(address)) return 'excluded';
    const hostIp = parseIp(host);
    if (hostIp ? !this.allowsAddress(host) : !this.allowsName(host)) return 'outside';
    const target = parseIp(address);
    if (hostIp && (target?.family !== hostIp.family || target.value !== hostIp.value)) return 'mismatch';
    return 'ok';
  }
}

function fromSpec(interval: { family: 4 | 6; start: string; end: string }): AddressInterval {
  return { family: interval.family, start: BigInt(interval.start), end: BigInt(interval.end) };
}

export function toSpecInterval(interval: AddressInterval): { family: 4 | 6; start: string; end: string } {
  return { family: interval.family, start: interval.start.toString(), end: interval.end.toString() };
}
