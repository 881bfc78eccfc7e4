import type { FeedStatus } from '../core/model/knowledge.js';
import type { RuleBook } from '../rules/load.js';
import type { SoftwareJudgeData } from '../rules/software-facts.js';
import { SOFTWARE_DEFAULTS, type SoftwareOptions } from '../scanners/software/scanner.js';
import type { Store } from '../store/store.js';

/**
 * What the judge needs to judge software versions: the feeds imported into this history and
 * rasoat's own data from the rule book. Read when judging (scan, rejudge, verify, drills), so
 * importing a newer feed changes the next judgement, never a stored fact.
 */
export async function softwareJudgeData(store: Store, book: Pick<RuleBook, 'software'>): Promise<SoftwareJudgeData> {
  return { knowledge: await store.feeds.knowledge(), builtin: book.software.advisories, products: book.software.products };
}

/** The software scanner's data: fingerprints and products from the rule book, retire.js extractors from the imported feeds. */
export async function softwareScanOptions(current: unknown, book: Pick<RuleBook, 'software' | 'softwareFingerprints'>, store: Store): Promise<SoftwareOptions> {
  const given = (current ?? {}) as Partial<SoftwareOptions>;
  return { ...SOFTWARE_DEFAULTS, ...given, fingerprints: book.softwareFingerprints, products: book.software.products, jsExtractors: await store.feeds.jsExtractors() };
}

/**
 * Scanner options as an audit records them: the software scanner's data files are counted, not
 * copied into every audit (they are versioned with the rules and the feeds, which the audit names).
 */
export function storedScannerOptions(options: Record<string, unknown>): Record<string, unknown> {
  const software = options.software as SoftwareOptions | undefined;
  if (!software) return options;
  const { fingerprints, products, jsExtractors, ...rest } = software;
  return { ...options, software: { ...rest, fingerprintCount: fingerprints.length, productCount: products.length, jsExtractorCount: jsExtractors.length } };
}

/** Which feeds (version, data date, digest) judged an audit: recorded with it and in the audit trail, and reports warn when they were stale. */
export function feedsUsed(feeds: readonly FeedStatus[]): FeedStatus[] {
  return feeds.map((feed) => ({ ...feed }));
}
