import { issuePath, type LocatedYaml, type YamlPath } from '../core/yaml.js';

/** Something wrong in a rule or data file, at the line to fix. */
export interface RuleProblem {
  file: string;
  line: number;
  message: string;
}

/** A zod issue as a problem at its line (`base`: where the validated value sits in the file). */
export function zodProblem(file: string, located: LocatedYaml, base: YamlPath, issue: { path: PropertyKey[]; message: string; code?: string } | undefined): RuleProblem {
  const path = issuePath(issue, base);
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  return { file, line: located.lineOf(path), message: `${where}${issue?.message ?? 'invalid'}` };
}
