/**
 * CVSS v3.x base score from a vector string, by the formula of the CVSS v3.1 specification
 * (section 7.1, with its Roundup of appendix A). v3.0 vectors use the same weights; v3.1 only made
 * Roundup exact in floating point, so both are scored here the v3.1 way.
 */

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** Privileges Required weighs more when the scope changes. */
const PRIVILEGES = { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } } as const;

const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;

/** The smallest number with one decimal at least `value`, computed on integers to dodge float error. */
export function roundUp(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

/** The base score of a `CVSS:3.0/...` or `CVSS:3.1/...` vector; null when it is not one. */
export function cvss3BaseScore(vector: string): number | null {
  const parts = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return null;
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [name, value, extra] = part.split(':');
    if (!name || !value || extra !== undefined || metrics.has(name)) return null;
    metrics.set(name, value);
  }
  if (BASE_METRICS.some((m) => !metrics.has(m))) return null;
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const weight = <T extends Record<string, number>>(table: T, name: string): number | null => {
    const value = metrics.get(name)!;
    return Object.hasOwn(table, value) ? table[value as keyof T]! : null;
  };
  const av = weight(WEIGHTS.AV, 'AV');
  const ac = weight(WEIGHTS.AC, 'AC');
  const pr = weight(PRIVILEGES[scope], 'PR');
  const ui = weight(WEIGHTS.UI, 'UI');
  const c = weight(WEIGHTS.C, 'C');
  const i = weight(WEIGHTS.I, 'I');
  const a = weight(WEIGHTS.A, 'A');
  if (av === null || ac === null || pr === null || ui === null || c === null || i === null || a === null) return null;

  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return scope === 'U' ? roundUp(Math.min(impact + exploitability, 10)) : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}
