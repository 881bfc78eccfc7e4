import { InputError, RasoatError } from '../core/errors.js';
import type { Lang } from '../core/model/text.js';
import { t } from '../i18n/t.js';
import { redactArgs } from '../store/location.js';
import { EXIT } from './exit-codes.js';

export interface RenderedError {
  line: string;
  exitCode: number;
}

/**
 * One line for any error: what happened and how to fix it, in the user's language. Anything that
 * is not one of ours is a bug, and says so with the version and the command to report.
 */
export function renderError(error: unknown, lang: Lang, context: { version: string; argv: string[] }): RenderedError {
  if (error instanceof RasoatError) {
    const message = t(lang, error.messageId, error.params);
    const where = error instanceof InputError && error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
    return { line: `rasoat: ${where}${message}`, exitCode: error.exitCode };
  }
  const detail = error instanceof Error ? error.message : String(error);
  const command = redactArgs(context.argv.slice(0, 2)).join(' ');
  return {
    line: `rasoat: ${t(lang, 'error.internal', { detail: firstLine(detail), version: context.version, command })}`,
    exitCode: EXIT.runtime,
  };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 300);
}
