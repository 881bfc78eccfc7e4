import { lookup } from 'node:dns/promises';
import { canonicalIp } from '../targets/address.js';

export type LookupFn = (name: string) => Promise<string[]>;

const systemLookup: LookupFn = async (name) => (await lookup(name, { all: true, verbatim: true })).map((a) => a.address);

export class ResolveError extends Error {
  constructor(
    readonly host: string,
    readonly code: string,
  ) {
    super(`cannot resolve ${host}: ${code}`);
    this.name = 'ResolveError';
  }
}

/**
 * Name resolution with curl-style pins (`--resolve host:address`) for internal DNS names, and
 * the system resolver otherwise. Results are cached for the audit so every scanner sees one
 * answer for a name.
 */
export class Resolver {
  private readonly cache = new Map<string, Promise<string[]>>();

  constructor(
    private readonly pins: Record<string, string[]>,
    private readonly systemResolve: LookupFn = systemLookup,
  ) {}

  async resolveAll(host: string): Promise<string[]> {
    const ip = canonicalIp(host);
    if (ip) return [ip];
    const name = host.toLowerCase().replace(/\.$/, '');
    const pinned = this.pins[name];
    if (pinned) return pinned;
    let pending = this.cache.get(name);
    if (!pending) {
      pending = this.systemResolve(name).then(
        (addresses) => {
          if (addresses.length === 0) throw new ResolveError(name, 'ENOTFOUND');
          return addresses.map((a) => canonicalIp(a) ?? a);
        },
        (error: NodeJS.ErrnoException) => {
          throw new ResolveError(name, error.code ?? 'ENOTFOUND');
        },
      );
      this.cache.set(name, pending);
    }
    return pending;
  }

  /** The address to connect to: IPv4 first, like most scanners, for predictable results. */
  async resolve(host: string): Promise<string> {
    const all = await this.resolveAll(host);
    return all.find((a) => !a.includes(':')) ?? all[0]!;
  }
}
