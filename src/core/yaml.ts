import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError } from './errors.js';

export type YamlPath = ReadonlyArray<string | number>;

export interface LocatedYaml {
  value: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: YamlPath): number;
}

/** Parses YAML keeping node positions, so every later validation error can name file:line. */
export function parseYamlLocated(text: string, file: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? lineCounter.linePos(first.pos[0]).line;
    throw new InputError('file.yamlSyntax', { file, line, detail: first.message.split('\n')[0] ?? first.code });
  }
  const lineOf = (path: YamlPath): number => {
    let node: unknown = doc.contents;
    let line = 1;
    const record = (candidate: unknown) => {
      const range = (candidate as Node | null)?.range;
      if (range) line = lineCounter.linePos(range[0]).line;
    };
    record(node);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        record(pair.key);
        node = pair.value;
        record(node);
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        record(node);
      } else break;
    }
    return line;
  };
  return { value: doc.toJS({ maxAliasCount: 1000 }), lineOf };
}

/**
 * Where a validation issue points in the document: for an unknown key, the key itself (zod
 * reports the enclosing object), so the line shown is the line to fix.
 */
export function issuePath(issue: { path: PropertyKey[]; code?: string; keys?: string[] } | undefined, base: YamlPath = []): YamlPath {
  const path = [...base, ...((issue?.path ?? []) as YamlPath)];
  const key = issue?.code === 'unrecognized_keys' ? issue.keys?.[0] : undefined;
  return key === undefined ? path : [...path, key];
}

/** YAML text checked against its schema: a broken one is one input error naming file:line and the field. */
export function parseYamlChecked<T>(text: string, file: string, schema: z.ZodType<T>): T {
  const located = parseYamlLocated(text, file);
  const parsed = schema.safeParse(located.value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issuePath(issue);
  throw new InputError('file.invalid', { file, line: located.lineOf(path), detail: `${path.length ? `${path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}` });
}

/** A YAML data file (profile, drill, targets) read and checked; unreadable is an input error too. */
export function readYamlFile<T>(file: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError('file.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  return parseYamlChecked(text, file, schema);
}
