import { UsageError } from './errors.js';
import type { ObservationKind } from './model/observation.js';
import type { Scanner } from './model/scanner.js';

export interface ScannerSelection {
  only: string[];
  skip: string[];
}

/**
 * Which scanners run: all of them by default (so each new scanner joins the default scan), or
 * those `--only` names, minus `--skip`; a scanner that needs another's facts brings it along.
 */
export function selectScanners(registry: readonly Scanner[], selection: ScannerSelection): Scanner[] {
  const known = new Set(registry.map((s) => s.id));
  for (const id of [...selection.only, ...selection.skip]) {
    if (!known.has(id)) throw new UsageError('scanner.unknown', { id, known: [...known].join(', ') });
  }
  const chosen = new Set(selection.only.length > 0 ? selection.only : registry.map((s) => s.id));
  for (const id of selection.skip) chosen.delete(id);

  let grew = true;
  while (grew) {
    grew = false;
    for (const scanner of registry.filter((s) => chosen.has(s.id))) {
      for (const kind of scanner.after ?? []) {
        const producer = registry.find((s) => s.observes.includes(kind));
        if (!producer || chosen.has(producer.id)) continue;
        if (selection.skip.includes(producer.id)) throw new UsageError('scanner.needs', { id: scanner.id, needs: producer.id });
        chosen.add(producer.id);
        grew = true;
      }
    }
  }
  if (chosen.size === 0) throw new UsageError('scanner.none');
  return registry.filter((s) => chosen.has(s.id));
}

/** The rules worth evaluating: those whose evidence the chosen scanners can produce. */
export function rulesFor<R extends { reads: readonly string[] }>(rules: readonly R[], scanners: readonly Scanner[]): R[] {
  const produced = new Set<string>(scanners.flatMap((s) => s.observes as readonly ObservationKind[]));
  produced.add('scan.error');
  return rules.filter((rule) => rule.reads.every((kind) => produced.has(kind)));
}
