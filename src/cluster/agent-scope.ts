import { UsageError } from '../core/errors.js';
import type { ChunkJob } from '../core/model/chunk.js';
import type { ScopeSpec } from '../core/scope/scope.js';
import { IntervalSet } from '../core/scope/interval-set.js';
import { parseIp, type AddressInterval } from '../core/targets/address.js';
import { EXCLUSION_LIMITS, parseTarget } from '../core/targets/parse.js';

/**
 * What an agent itself allows, whatever a job asks: defence in depth against a wrong targets file
 * or a compromised centre. A job with any host outside it is refused whole.
 */
export class AgentScope {
  private readonly addresses = new IntervalSet();
  private readonly names = new Set<string>();

  constructor(readonly specs: string[]) {
    if (specs.length === 0) throw new UsageError('agent.noAllow');
    for (const spec of specs) {
      const entry = parseTarget(spec, EXCLUSION_LIMITS);
      if (entry.type === 'addresses') entry.intervals.forEach((i) => this.addresses.add(i));
      else this.names.add(entry.host);
    }
  }

  /** Why the job must be refused, or null when every host of it is allowed. */
  refusal(job: ChunkJob): string | null {
    for (const host of job.hosts) {
      const ip = host.kind === 'ip' ? parseIp(host.host) : null;
      const allowed = ip ? this.addresses.has(ip.family, ip.value) : this.names.has(host.host);
      if (!allowed) return `${host.host} is outside this agent's allowed scope (${this.specs.join(', ')})`;
    }
    return null;
  }

  /** The job's scope cut down to what the agent allows: also what a redirect or a name may reach. */
  narrow(scope: ScopeSpec): ScopeSpec {
    const include: ScopeSpec['include'] = [];
    for (const wanted of scope.include) {
      const w: AddressInterval = { family: wanted.family, start: BigInt(wanted.start), end: BigInt(wanted.end) };
      for (const allowed of this.addresses.intervals()) {
        if (allowed.family !== w.family) continue;
        const start = w.start > allowed.start ? w.start : allowed.start;
        const end = w.end < allowed.end ? w.end : allowed.end;
        if (start <= end) include.push({ family: w.family, start: start.toString(), end: end.toString() });
      }
    }
    return { ...scope, include, names: scope.names.filter((n) => this.names.has(n)) };
  }
}
