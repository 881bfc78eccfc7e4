import type { Advisory } from '../core/model/knowledge.js';

export type AdvisorySeverity = Advisory['severity'];

/**
 * A feed's severity word in rasoat's four levels: GitHub's MODERATE, Red Hat's important, Debian's
 * and Ubuntu's negligible/unimportant. null for words that rank nothing (unknown, not yet assigned).
 */
export function severityOfWord(word: unknown): AdvisorySeverity {
  if (typeof word !== 'string') return null;
  switch (word.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
    case 'negligible':
    case 'unimportant':
      return 'low';
    default:
      return null;
  }
}

/** The CVSS v3 qualitative rating of a base score (0 rates as none: null). */
export function severityOfScore(score: number | null): AdvisorySeverity {
  if (score === null || score <= 0) return null;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}
