import type { Rule } from './schema.js';

/**
 * Every TCP port a rule judges by number (a `port.open` match on `port`). The default port plan
 * adds them to the top-ports list, so no rule is left unassessed by a list that happens to miss
 * its port (nmap's top 1000 has no 6379, for one).
 */
export function portsOfInterest(rules: readonly Rule[]): number[] {
  const ports = new Set<number>();
  for (const rule of rules) {
    const leaves = 'any' in rule.match ? rule.match.any : [rule.match];
    for (const leaf of leaves) {
      if (leaf.kind !== 'port.open') continue;
      const condition = leaf.where?.port;
      if (typeof condition === 'number') ports.add(condition);
      else if (condition && typeof condition === 'object') {
        if (typeof condition.eq === 'number') ports.add(condition.eq);
        for (const value of condition.in ?? []) if (typeof value === 'number') ports.add(value);
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}
