import type { Finding } from '../model/finding.js';
import type { Scanner } from '../model/scanner.js';
import type { HostTarget, TargetGroup } from '../model/target.js';
import { selectScanners } from '../plan.js';

/** What a rule must say about itself for verify to know what to run. */
export interface VerifiableRule {
  id: string;
  reads: readonly string[];
}

export interface VerifyPlanInput {
  failures: readonly Finding[];
  rules: readonly VerifiableRule[];
  /** The registry: the scanners that produce what the rules read are chosen from it. */
  scanners: readonly Scanner[];
  /** The hosts of the original audit (address and group come from here). */
  targets: readonly HostTarget[];
  /** Open ports of each host in the original audit: what a host-level finding is checked on. */
  openPorts: ReadonlyMap<string, readonly number[]>;
  /** Ports the chosen rules judge by number (their assessability needs them probed). */
  rulePorts: readonly number[];
}

export interface VerifyPlan {
  /** Only the hosts of the chosen failures. */
  targets: Array<{ spec: string; group?: TargetGroup }>;
  /** Names pinned to the address they had, so verifying needs no DNS and hits the same machine. */
  resolve: Record<string, string[]>;
  /** The failures' ports, plus what their rules need to be assessable; nmap notation. */
  ports: string;
  scanners: string[];
  ruleIds: string[];
  /** Failures whose rule no longer exists: they cannot be verified. */
  unknownRule: Finding[];
}

/**
 * The smallest re-run that can decide each chosen failure: its rules, the scanners producing what
 * those rules read (and what those scanners need first), on the failures' hosts and ports only.
 */
export function planVerify(input: VerifyPlanInput): VerifyPlan {
  const ruleById = new Map(input.rules.map((r) => [r.id, r]));
  const unknownRule = input.failures.filter((f) => !ruleById.has(f.ruleId));
  const failures = input.failures.filter((f) => ruleById.has(f.ruleId));
  const ruleIds = [...new Set(failures.map((f) => f.ruleId))].sort();
  const kinds = new Set(ruleIds.flatMap((id) => ruleById.get(id)!.reads).filter((k) => k !== 'scan.error'));
  const only = input.scanners.filter((s) => s.observes.some((k) => kinds.has(k))).map((s) => s.id);
  const scanners = failures.length === 0 ? [] : selectScanners(input.scanners, { only, skip: [] }).map((s) => s.id);

  const ports = new Set<number>(input.rulePorts);
  const hosts = new Set<string>();
  for (const f of failures) {
    hosts.add(f.host);
    if (f.port !== undefined) ports.add(f.port);
    else for (const p of input.openPorts.get(f.host) ?? []) ports.add(p);
  }
  const byHost = new Map(input.targets.map((t) => [t.host, t]));
  const targets: VerifyPlan['targets'] = [];
  const resolve: Record<string, string[]> = {};
  for (const host of [...hosts].sort()) {
    const target = byHost.get(host);
    const group = target?.group;
    targets.push(group ? { spec: host, group } : { spec: host });
    for (const url of target?.urls ?? []) targets.push(group ? { spec: url, group } : { spec: url });
    if (target?.kind === 'name' && target.address) resolve[host] = [target.address];
  }
  return { targets, resolve, ports: [...ports].sort((a, b) => a - b).join(','), scanners, ruleIds, unknownRule };
}

export const VERIFY_RESULTS = ['fixed', 'still-present', 'could-not-verify'] as const;
export type VerifyResult = (typeof VERIFY_RESULTS)[number];
