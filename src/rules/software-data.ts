import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SoftwareFingerprint } from '../core/model/software-fingerprint.js';
import type { LocatedYaml, YamlPath } from '../core/yaml.js';
import { zodProblem, type RuleProblem } from './located.js';
import { fingerprintFileSchema, fingerprintSchema } from './software-schema.js';

/** Reads a file (recording it in the rule book's files and version hash); null when unreadable. */
export type ReadLocated = (file: string) => LocatedYaml | null;

/**
 * The web fingerprints of a rules directory's `software/` folder (`fingerprints*.yaml`; the folder's
 * other files are other data). Every problem is reported with file:line, bad regexes included.
 */
export function readSoftwareFingerprints(dir: string, read: ReadLocated, problems: RuleProblem[]): SoftwareFingerprint[] {
  const found: SoftwareFingerprint[] = [];
  const files = readdirSync(dir)
    .filter((name) => /^fingerprints[^/\\]*\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
  for (const file of files) {
    const located = read(file);
    if (located) found.push(...fingerprintsOf(file, located, problems));
  }
  return found;
}

function fingerprintsOf(file: string, located: LocatedYaml, problems: RuleProblem[]): SoftwareFingerprint[] {
  const top = fingerprintFileSchema.safeParse(located.value);
  if (!top.success) {
    problems.push(zodProblem(file, located, [], top.error.issues[0]));
    return [];
  }
  const fingerprints: SoftwareFingerprint[] = [];
  top.data.fingerprints.forEach((raw, index) => {
    const base: YamlPath = ['fingerprints', index];
    const parsed = fingerprintSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(zodProblem(file, located, base, parsed.error.issues[0]));
      return;
    }
    const fingerprint = parsed.data as SoftwareFingerprint;
    const bad = regexProblem(fingerprint);
    if (bad) {
      problems.push({ file, line: located.lineOf([...base, bad.field]), message: `${fingerprint.product}: bad regex /${bad.source}/: ${bad.message}` });
      return;
    }
    fingerprints.push(fingerprint);
  });
  return fingerprints;
}

function regexProblem(fingerprint: SoftwareFingerprint): { field: string; source: string; message: string } | null {
  for (const field of ['match', 'also'] as const) {
    const source = fingerprint[field];
    if (source === undefined) continue;
    try {
      new RegExp(source, fingerprint.flags ?? '');
    } catch (error) {
      return { field, source, message: (error as Error).message };
    }
  }
  return null;
}
