import type { HttpCookieFacts, HttpHeaderFacts, ObservationData } from '../../core/model/observation.js';
import {
  contentTypeOptionsTest,
  cookiesTest,
  coepTest,
  coopTest,
  corpTest,
  corsTest,
  cspTest,
  frameOptionsTest,
  hstsProtects,
  hstsTest,
  mixedContentTest,
  redirectionTest,
  referrerTest,
  type TestResult,
} from './observatory-tests.js';

export interface ObservatoryInput {
  scheme: 'http' | 'https';
  headers: HttpHeaderFacts;
  cookies: readonly HttpCookieFacts[];
  redirect: ObservationData['http.redirect'] | null;
  cors: ObservationData['http.cors'] | null;
  mixedContent: { activeCount: number; passiveCount: number } | null;
}

export interface ObservatoryScore {
  score: number;
  grade: string;
  /** "<result id>:<modifier>" per test; with "extra-credit-withheld:-N" they always add up to score - 100 (before the floor at 0). */
  modifiers: string[];
}

/** Mozilla's grading chart: the score rounded down to a multiple of 5, capped at 100. */
const GRADES: ReadonlyArray<readonly [number, string]> = [
  [100, 'A+'],
  [90, 'A'],
  [85, 'A-'],
  [80, 'B+'],
  [70, 'B'],
  [65, 'B-'],
  [60, 'C+'],
  [50, 'C'],
  [45, 'C-'],
  [40, 'D+'],
  [30, 'D'],
  [25, 'D-'],
];
const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/**
 * Mozilla HTTP Observatory's score: 100, minus every penalty; the bonuses count only if that leaves
 * 90 or more; never below 0. Methodology and modifiers:
 * https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring
 * Tests in Mozilla's order. Not assessed: subresource integrity, the HSTS preload list, and an
 * invalid certificate (a TLS fact, graded by the TLS scanner).
 */
export function observatoryScore(input: ObservatoryInput): ObservatoryScore {
  const { headers, scheme } = input;
  const results: TestResult[] = [
    cspTest(headers, scheme),
    cookiesTest(input.cookies, scheme, hstsProtects(headers, scheme)),
    coepTest(headers),
    coopTest(headers),
    corsTest(input.cors),
    redirectionTest(input.redirect, scheme),
    referrerTest(headers),
    hstsTest(headers, scheme),
    contentTypeOptionsTest(headers),
    frameOptionsTest(headers),
    corpTest(headers),
  ];
  const mixed = mixedContentTest(input.mixedContent, scheme);
  if (mixed) results.push(mixed);

  const penalties = results.reduce((sum, r) => sum + Math.min(r.modifier, 0), 0);
  const bonuses = results.reduce((sum, r) => sum + Math.max(r.modifier, 0), 0);
  const uncurved = 100 + penalties;
  const extraCredit = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT;
  const modifiers = results.map((r) => `${r.id}:${signed(r.modifier)}`);
  if (!extraCredit && bonuses > 0) modifiers.push(`extra-credit-withheld:${signed(-bonuses)}`);
  const score = Math.max(0, extraCredit ? uncurved + bonuses : uncurved);
  return { score, grade: gradeOf(score), modifiers };
}

export function gradeOf(score: number): string {
  return GRADES.find(([minimum]) => score >= minimum)?.[1] ?? 'F';
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
