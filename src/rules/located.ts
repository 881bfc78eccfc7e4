import type { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError, RasoatError } from '../core/errors.js';
import { issuePath, type LocatedYaml, type YamlPath } from '../core/yaml.js';
import { parseYamlCached } from '../core/yaml-cache.js';

export interface RuleProblem {
  file: string;
  line: number;
  message: string;
}

/** Reads and parses one YAML data file, adding it to the rule book's hash; a problem (with its line) instead of a throw. */
export function readLocated(file: string, problems: RuleProblem[], hash: ReturnType<typeof createHash>): LocatedYaml | null {
  try {
    const text = readFileSync(file, 'utf8');
    hash.update(`${file.split(/[\\/]/).slice(-2).join('/')}\0${text}\0`);
    return parseYamlCached(text, file);
  } catch (error) {
    if (error instanceof InputError) problems.push({ file, line: error.line ?? 1, message: String(error.params.detail ?? error.message) });
    else if (error instanceof RasoatError) problems.push({ file, line: 1, message: error.message });
    else problems.push({ file, line: 0, message: (error as NodeJS.ErrnoException).code ?? String(error) });
    return null;
  }
}

/** A zod issue as a problem at the line of the YAML node it is about. */
export function zodProblem(file: string, located: LocatedYaml, base: YamlPath, issue: { path: PropertyKey[]; message: string; code?: string } | undefined): RuleProblem {
  const path = issuePath(issue, base);
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  return { file, line: located.lineOf(path), message: `${where}${issue?.message ?? 'invalid'}` };
}
