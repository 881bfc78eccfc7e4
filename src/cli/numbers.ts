import { UsageError } from '../core/errors.js';

/** A whole-number flag value, at least `min`; the fallback when the flag was not given. */
export function positiveInt(value: string | undefined, fallback: number, flag: string, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new UsageError('cli.badNumber', { flag, value, min });
  return Number(value);
}
