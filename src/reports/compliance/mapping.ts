import type { CatalogueControl, ControlCatalogue } from '../../rules/schema.js';
import type { RuleRef } from './types.js';

/**
 * Which checks evidence a control. Decided per check, so an explicit citation is never diluted:
 *
 * 1. A check that cites the catalogue's framework evidences exactly the controls it cites.
 * 2. Otherwise, when the catalogue declares an `equivalentFramework` (Circular 12 → TCVN 11930)
 *    and the check cites that framework, it evidences the controls whose `equivalent` ids it cites.
 * 3. Otherwise (a local rule, or a catalogue no rule cites) it evidences every control whose
 *    `categories` include the check's category.
 *
 * So a Telnet check citing TCVN 14423 "disable insecure services" does not also count against
 * "detect unauthorised devices" just because both concern ports.
 */
export function evidencesControl(catalogue: ControlCatalogue, control: CatalogueControl, rule: RuleRef): boolean {
  const own = rule.controls[catalogue.framework];
  if (own) return own.includes(control.id);
  const via = catalogue.equivalentFramework;
  const cited = via ? rule.controls[via] : undefined;
  if (cited) return (control.equivalent ?? []).some((id) => cited.includes(id));
  return control.categories.includes(rule.category as CatalogueControl['categories'][number]);
}

/** The checks that evidence `control`, in id order. */
export function mappedRules(catalogue: ControlCatalogue, control: CatalogueControl, rules: readonly RuleRef[]): RuleRef[] {
  return rules.filter((rule) => !rule.deprecated && evidencesControl(catalogue, control, rule)).sort((a, b) => a.id.localeCompare(b.id));
}

/** The audit's snapshot first (what actually ran), then rules of today's book it does not have. */
export function mergeRules(snapshot: readonly RuleRef[], book: readonly RuleRef[]): RuleRef[] {
  const ids = new Set(snapshot.map((r) => r.id));
  return [...snapshot, ...book.filter((r) => !ids.has(r.id))];
}

/** "tls.* (41), ports.service.telnet-exposed": long lists of check ids folded by their first segment. */
export function summariseChecks(ids: readonly string[]): string {
  const byPrefix = new Map<string, string[]>();
  for (const id of ids) {
    const prefix = id.split('.')[0] ?? id;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), id]);
  }
  return [...byPrefix]
    .flatMap(([prefix, list]) => (list.length > 3 ? [`${prefix}.* (${list.length})`] : list))
    .join(', ');
}
