import type { Finding } from '../core/model/finding.js';

/**
 * Known exploited (CISA KEV and the like): the vulnerability feed marks the evidence `kev: true`
 * (a list when one finding gathers several versions of a product).
 */
export function isKev(finding: Finding): boolean {
  const kev = finding.evidence.kev;
  return kev === true || (Array.isArray(kev) && kev.includes(true));
}

/**
 * The CVSS base score, as a number or `{ score }` in the evidence (`maxCvss` for a product's
 * worst known flaw, the highest when versions were gathered into a list); null when there is none.
 */
export function cvssOf(finding: Finding): number | null {
  const listed = finding.evidence.maxCvss;
  const scores = (Array.isArray(listed) ? listed : [listed]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (scores.length > 0) return Math.max(...scores);
  const cvss = finding.evidence.cvss;
  if (typeof cvss === 'number' && Number.isFinite(cvss)) return cvss;
  if (cvss && typeof cvss === 'object') {
    const score = (cvss as Record<string, unknown>).score ?? (cvss as Record<string, unknown>).baseScore;
    if (typeof score === 'number' && Number.isFinite(score)) return score;
  }
  return null;
}

/** Evidence as "field: value" pairs, without the host (every report already names it). */
export function evidencePairs(evidence: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(evidence)
    .filter(([key]) => key !== 'host')
    .map(([key, value]) => [key, evidenceValue(value)]);
}

/** One line: "port: 23 · service: telnet". */
export function evidenceLine(evidence: Record<string, unknown>): string {
  return evidencePairs(evidence)
    .map(([key, value]) => `${key}: ${value}`)
    .join(' · ');
}

export function evidenceValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.map(evidenceValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** host:port, with IPv6 literals bracketed. */
export function endpoint(host: string, port?: number): string {
  if (port === undefined) return host;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
