import { PortSet } from '../core/model/port-set.js';
import type { Observation } from '../core/model/observation.js';
import type { Condition, FieldCondition, LeafCondition, MatchSpec, Operators } from './schema.js';

const TOP_LEVEL = new Set(['host', 'port', 'scanner', 'kind', 'at']);
const ABSENT_OK = new Set(['exists', 'ne', 'notIn']);
const regexCache = new Map<string, RegExp>();
const portSetCache = new Map<string, PortSet>();

/** A field of an observation: host/port/scanner/kind/at, or a dotted path into its data. */
export function fieldValue(observation: Observation, path: string): unknown {
  if (TOP_LEVEL.has(path)) return (observation as unknown as Record<string, unknown>)[path];
  let value: unknown = observation.data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function compileRegex(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let regex = regexCache.get(key);
  if (!regex) {
    regex = new RegExp(source, flags);
    regexCache.set(key, regex);
  }
  return regex;
}

/** "now", "now+30d", "now-1y" or an ISO date, in epoch milliseconds; NaN when unreadable. */
export function resolveDate(text: string, now: number): number {
  const relative = /^now(?:([+-])(\d+)([smhdwy]))?$/.exec(text.trim());
  if (!relative) return Date.parse(text);
  if (!relative[1]) return now;
  const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8, y: 3.1536e10 }[relative[3] as 's'];
  return now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit;
}

export function testField(value: unknown, condition: FieldCondition, now: number): boolean {
  if (typeof condition !== 'object') return value === condition;
  const ops = condition as Operators;
  if (ops.exists !== undefined && (value !== undefined && value !== null) !== ops.exists) return false;
  // A missing field satisfies only "absent"-style conditions: exists:false, ne, notIn.
  if (value === undefined || value === null) return Object.keys(ops).every((key) => ABSENT_OK.has(key));
  if (ops.eq !== undefined && value !== ops.eq) return false;
  if (ops.ne !== undefined && value === ops.ne) return false;
  if (ops.in && !ops.in.includes(value as string)) return false;
  if (ops.notIn && ops.notIn.includes(value as string)) return false;
  if (ops.regex !== undefined && !compileRegex(ops.regex, ops.flags).test(String(value))) return false;
  if (ops.lt !== undefined && !(Number(value) < Number(ops.lt))) return false;
  if (ops.lte !== undefined && !(Number(value) <= Number(ops.lte))) return false;
  if (ops.gt !== undefined && !(Number(value) > Number(ops.gt))) return false;
  if (ops.gte !== undefined && !(Number(value) >= Number(ops.gte))) return false;
  if (ops.contains !== undefined) {
    const holds = Array.isArray(value) ? value.includes(ops.contains) : String(value).includes(String(ops.contains));
    if (!holds) return false;
  }
  if (ops.portsAny || ops.portsAll) {
    const set = portSet(String(value));
    if (!set) return false;
    if (ops.portsAny && !ops.portsAny.some((p) => set.has(p))) return false;
    if (ops.portsAll && !ops.portsAll.every((p) => set.has(p))) return false;
  }
  if (ops.before !== undefined && !(Date.parse(String(value)) < resolveDate(ops.before, now))) return false;
  if (ops.after !== undefined && !(Date.parse(String(value)) > resolveDate(ops.after, now))) return false;
  return true;
}

export function leafMatches(leaf: LeafCondition, observation: Observation, now: number): boolean {
  if (observation.kind !== leaf.kind) return false;
  if (!leaf.where) return true;
  for (const [path, condition] of Object.entries(leaf.where)) {
    if (!testField(fieldValue(observation, path), condition, now)) return false;
  }
  return true;
}

/** Whether a condition holds over one host's observations (a leaf holds if any observation matches). */
export function holds(condition: Condition, observations: readonly Observation[], now: number): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, observations, now));
  if ('any' in condition) return condition.any.some((c) => holds(c, observations, now));
  if ('not' in condition) return !holds(condition.not, observations, now);
  return observations.some((o) => leafMatches(condition, o, now));
}

export function matching(match: MatchSpec, observations: readonly Observation[], now: number): Observation[] {
  const leaves = 'any' in match ? match.any : [match];
  return observations.filter((o) => leaves.some((leaf) => leafMatches(leaf, o, now)));
}

/** Every observation kind a condition mentions (the loader checks they are all in `reads`). */
export function kindsOf(condition: Condition | MatchSpec): string[] {
  if ('all' in condition) return condition.all.flatMap(kindsOf);
  if ('any' in condition) return (condition.any as Condition[]).flatMap(kindsOf);
  if ('not' in condition) return kindsOf(condition.not);
  return [condition.kind];
}

/** Every regex a condition uses, with its flags (the loader compiles them to report bad ones). */
export function regexesOf(condition: Condition | MatchSpec): Array<{ source: string; flags: string }> {
  if ('all' in condition) return condition.all.flatMap(regexesOf);
  if ('any' in condition) return (condition.any as Condition[]).flatMap(regexesOf);
  if ('not' in condition) return regexesOf(condition.not);
  return Object.values(condition.where ?? {}).flatMap((c) =>
    typeof c === 'object' && c.regex !== undefined ? [{ source: c.regex, flags: c.flags ?? '' }] : [],
  );
}

function portSet(text: string): PortSet | null {
  let set = portSetCache.get(text);
  if (!set) {
    try {
      set = PortSet.parse(text);
    } catch {
      return null;
    }
    if (portSetCache.size > 1000) portSetCache.clear();
    portSetCache.set(text, set);
  }
  return set;
}
