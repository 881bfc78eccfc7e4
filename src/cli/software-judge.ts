import type { RuleBook } from '../rules/load.js';
import type { SoftwareJudgeData } from '../rules/software-facts.js';
import type { Store } from '../store/store.js';

/**
 * What the judge needs to judge software versions: the feeds imported into this history and
 * rasoat's own data from the rule book. Read when judging (scan, rejudge, verify, drills), so
 * importing a newer feed changes the next judgement, never a stored fact.
 */
export async function softwareJudgeData(store: Store, book: Pick<RuleBook, 'software'>): Promise<SoftwareJudgeData> {
  return { knowledge: await store.feeds.knowledge(), builtin: book.software.advisories, products: book.software.products };
}
