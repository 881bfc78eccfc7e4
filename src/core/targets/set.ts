import { InputError } from '../errors.js';
import type { HostTarget, TargetGroup } from '../model/target.js';
import { IntervalSet } from '../scope/interval-set.js';
import { toSpecInterval, type ScopeSpec } from '../scope/scope.js';
import { formatIp, intervalSize, parseIp, type AddressInterval } from './address.js';
import type { GroupedEntry } from './file.js';
import { ENUMERATION_LIMIT, type TargetEntry } from './parse.js';

interface RangePiece {
  interval: AddressInterval;
  group?: TargetGroup;
}

/**
 * The hosts of one audit: named hosts and single addresses (explicit), then address ranges,
 * de-duplicated (the first mention wins the group) and with exclusions taken out.
 */
export class TargetSet {
  readonly explicit: HostTarget[];
  readonly ranges: RangePiece[];
  readonly excluded: IntervalSet;
  readonly excludedNames: Set<string>;
  /** How many target mentions were folded into an earlier one. */
  readonly duplicates: number;
  readonly size: number;

  private constructor(init: {
    explicit: HostTarget[];
    ranges: RangePiece[];
    excluded: IntervalSet;
    excludedNames: Set<string>;
    duplicates: number;
  }) {
    this.explicit = init.explicit;
    this.ranges = init.ranges;
    this.excluded = init.excluded;
    this.excludedNames = init.excludedNames;
    this.duplicates = init.duplicates;
    let size = BigInt(this.explicit.length);
    for (const piece of this.ranges) size += intervalSize(piece.interval) - this.excluded.overlap(piece.interval);
    // An address both named and inside a range is scanned once, as the named (explicit) host.
    const rangeSet = new IntervalSet(this.ranges.map((r) => r.interval));
    for (const target of this.explicit) {
      const ip = target.kind === 'ip' ? parseIp(target.host) : null;
      if (ip && rangeSet.has(ip.family, ip.value)) size -= 1n;
    }
    if (size > ENUMERATION_LIMIT) throw new InputError('target.enormous', { input: 'all targets', count: size.toString(), limit: ENUMERATION_LIMIT.toString() });
    this.size = Number(size);
  }

  static build(entries: GroupedEntry[], exclusions: TargetEntry[], options: { maxAddresses: bigint; allowLarge: boolean }): TargetSet {
    if (entries.length === 0) throw new InputError('target.none');
    const excluded = new IntervalSet();
    const excludedNames = new Set<string>();
    for (const exclusion of exclusions) {
      if (exclusion.type === 'addresses') exclusion.intervals.forEach((i) => excluded.add(i));
      else excludedNames.add(exclusion.host);
    }

    const explicitByHost = new Map<string, HostTarget>();
    const covered = new IntervalSet();
    const ranges: RangePiece[] = [];
    let duplicates = 0;

    const explicitHost = (host: string, kind: 'ip' | 'name', group: TargetGroup | undefined): HostTarget | undefined => {
      if (kind === 'name' ? excludedNames.has(host) : isExcludedIp(excluded, host)) return undefined;
      let target = explicitByHost.get(host);
      if (target) {
        duplicates++;
        return target;
      }
      target = { host, kind, urls: [], ports: [], explicit: true };
      if (kind === 'ip') target.address = host;
      if (group) target.group = group;
      explicitByHost.set(host, target);
      return target;
    };

    for (const { entry, group } of entries) {
      if (entry.type === 'name') explicitHost(entry.host, 'name', group);
      else if (entry.type === 'url') {
        const target = explicitHost(entry.host, entry.hostKind, group);
        if (target && !target.urls.includes(entry.url)) target.urls.push(entry.url);
        if (target && !target.ports.includes(entry.port)) target.ports.push(entry.port);
      } else if (entry.explicit && entry.size === 1n) {
        const interval = entry.intervals[0]!;
        explicitHost(formatIp(interval.family, interval.start), 'ip', group);
      } else {
        let overlapped = false;
        for (const interval of entry.intervals) {
          const fresh = covered.add(interval);
          const freshSize = fresh.reduce((sum, i) => sum + intervalSize(i), 0n);
          if (freshSize < intervalSize(interval)) overlapped = true;
          for (const piece of fresh) ranges.push(group ? { interval: piece, group } : { interval: piece });
        }
        if (overlapped) duplicates++;
      }
    }

    const total = ranges.reduce((sum, r) => sum + intervalSize(r.interval) - excluded.overlap(r.interval), 0n);
    if (total > options.maxAddresses && !options.allowLarge) {
      throw new InputError('target.tooLarge', { input: 'all ranges together', count: total.toString(), limit: options.maxAddresses.toString() });
    }
    return new TargetSet({ explicit: [...explicitByHost.values()], ranges, excluded, excludedNames, duplicates });
  }

  /** Every host to scan, lazily: a /16 is never materialised as 65,536 objects at once. */
  *hosts(): Generator<HostTarget> {
    const explicitIps = new Set(this.explicit.filter((t) => t.kind === 'ip').map((t) => t.host));
    yield* this.explicit;
    for (const { interval, group } of this.ranges) {
      for (let value = interval.start; value <= interval.end; value++) {
        if (this.excluded.has(interval.family, value)) continue;
        const host = formatIp(interval.family, value);
        if (explicitIps.has(host)) continue;
        const target: HostTarget = { host, kind: 'ip', address: host, urls: [], ports: [], explicit: false };
        if (group) target.group = group;
        yield target;
      }
    }
  }

  scopeSpec(excludePorts: string): ScopeSpec {
    const include = new IntervalSet(this.ranges.map((r) => r.interval));
    for (const target of this.explicit) {
      if (target.kind === 'ip') include.add(singleInterval(target.host));
    }
    return {
      include: include.intervals().map(toSpecInterval),
      names: this.explicit.filter((t) => t.kind === 'name').map((t) => t.host),
      exclude: this.excluded.intervals().map(toSpecInterval),
      excludeNames: [...this.excludedNames],
      excludePorts,
    };
  }
}

function singleInterval(address: string): AddressInterval {
  const parsed = parseIp(address);
  if (!parsed) throw new Error(`not an address: ${address}`);
  return { family: parsed.family, start: parsed.value, end: parsed.value };
}

function isExcludedIp(excluded: IntervalSet, address: string): boolean {
  const parsed = parseIp(address);
  return parsed ? excluded.has(parsed.family, parsed.value) : false;
}
