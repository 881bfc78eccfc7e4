import { InputError } from '../core/errors.js';
import { parseYamlLocated } from '../core/yaml.js';
import type { LineOf } from './errors.js';

/** A document's parsed content; YAML keeps its lines so validation errors can name them. */
export interface Decoded {
  value: unknown;
  lineOf?: LineOf;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Parses a feed document by its content: JSON when it opens with { or [, else YAML; a Markdown
 * file (endoflife.date's products/*.md) only by its YAML front matter. `undefined` when a Markdown
 * file has none: it holds no feed.
 */
export function decodeDocument(text: string, file: string): Decoded {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const front = FRONT_MATTER.exec(body);
  if (front) return decodeYaml(front[1]!, file, 1);
  if (/\.md$/i.test(file)) return { value: undefined };
  const first = /\S/.exec(body)?.[0];
  if (first === '{' || first === '[') {
    try {
      return { value: JSON.parse(body) };
    } catch (error) {
      throw new InputError('feeds.badJson', { file, detail: (error as Error).message.split('\n')[0] ?? 'syntax error' });
    }
  }
  if (first === undefined) throw new InputError('feeds.emptyFile', { file });
  return decodeYaml(body, file, 0);
}

function decodeYaml(text: string, file: string, lineOffset: number): Decoded {
  try {
    const located = parseYamlLocated(text, file);
    return { value: located.value, lineOf: (path) => located.lineOf(path) + lineOffset };
  } catch (error) {
    if (error instanceof InputError && error.line !== undefined && lineOffset > 0) {
      throw new InputError(error.messageId, { ...error.params, file, line: error.line + lineOffset });
    }
    throw error;
  }
}
