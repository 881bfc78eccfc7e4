import { InputError } from '../core/errors.js';
import type { FeedType } from '../core/model/feed-records.js';

export type LineOf = (path: ReadonlyArray<string | number>) => number;

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** `vulnerabilities[3].cveID` from a validation issue's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** One line naming the file, where in it (line for YAML, field path always) and what is wrong. */
export function invalidFeed(file: string, type: FeedType, issue: Issue | undefined, lineOf?: LineOf): InputError {
  const path = (issue?.path ?? []).filter((key): key is string | number => typeof key !== 'symbol');
  const where = formatPath(path);
  const message = (issue?.message ?? 'invalid').replace(/\s+/g, ' ');
  const params: { file: string; type: string; detail: string; line?: number } = { file, type, detail: where ? `${where}: ${message}` : message };
  if (lineOf) params.line = lineOf(path);
  return new InputError('feeds.invalid', params);
}
