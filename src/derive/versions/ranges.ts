/** Whether a version falls in an advisory's affected intervals. */
import type { AffectedRange, VersionInterval, VersionScheme } from '../../core/model/knowledge.js';
import { orderOf, type VersionOrder } from './compare.js';

/**
 * Whether `version` lies in `interval`: true or false, null when the version or a bound it must be
 * compared with is not a version of `scheme`. A lower bound of "0" (inclusive) is OSV's "every
 * version" and bounds nothing, whatever the scheme ("0" is not the lowest Debian version: 0~1 < 0).
 */
export function inInterval(scheme: VersionScheme, version: string, interval: VersionInterval): boolean | null {
  const order = orderOf(scheme);
  const parsed = order.parse(version);
  return parsed === null ? null : within(order, parsed, interval);
}

/**
 * Whether `version` is affected: listed in `versions` (compared in `scheme`), or inside any interval of
 * `ranges`, each range compared in its own scheme. False when nothing includes it (also when there is
 * nothing to check); null when `version` cannot be read in `scheme`, or when no interval includes it
 * and some interval could not be decided (the version or a bound unreadable in that range's scheme).
 */
export function affected(scheme: VersionScheme, version: string, ranges: readonly AffectedRange[], versions: readonly string[]): boolean | null {
  const order = orderOf(scheme);
  const parsed = order.parse(version);
  if (parsed === null) return null;
  if (listed(order, version, parsed, versions)) return true;
  let undecided = false;
  for (const range of ranges) {
    const rangeOrder = range.scheme === scheme ? order : orderOf(range.scheme);
    const inRange = range.scheme === scheme ? parsed : rangeOrder.parse(version);
    if (inRange === null) {
      if (range.intervals.length > 0) undecided = true;
      continue;
    }
    for (const interval of range.intervals) {
      const inside = within(rangeOrder, inRange, interval);
      if (inside === true) return true;
      if (inside === null) undecided = true;
    }
  }
  return undecided ? null : false;
}

function listed(order: VersionOrder<unknown>, version: string, parsed: unknown, versions: readonly string[]): boolean {
  for (const candidate of versions) {
    if (candidate === version) return true;
    const other = order.parse(candidate);
    if (other !== null && order.compare(parsed, other) === 0) return true;
  }
  return false;
}

function within(order: VersionOrder<unknown>, version: unknown, interval: VersionInterval): boolean | null {
  const { from, to } = interval;
  let undecided = false;
  if (from !== undefined && !(from === '0' && interval.fromInclusive)) {
    const lower = order.parse(from);
    const side = lower === null ? null : order.compare(version, lower);
    if (side === null) undecided = true;
    else if (side < 0 || (side === 0 && !interval.fromInclusive)) return false;
  }
  if (to !== undefined) {
    const upper = order.parse(to);
    const side = upper === null ? null : order.compare(version, upper);
    if (side === null) undecided = true;
    else if (side > 0 || (side === 0 && !interval.toInclusive)) return false;
  }
  return undecided ? null : true;
}
