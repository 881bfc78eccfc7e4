import { resolve } from 'node:path';
import type { Command } from 'commander';
import { t } from '../../i18n/t.js';
import { readRuleBook } from '../../rules/load.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { severityLabel, table } from '../format.js';
import { loadRuleBook, ruleDirs } from '../rulebook.js';

export async function rulesListAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ rules?: string[]; json?: boolean }>();
  const book = loadRuleBook(ctx, flags.rules);
  if (flags.json) {
    const rules = book.rules.map(({ source, ...rule }) => ({ ...rule, file: source.file, line: source.line }));
    ctx.stdout.write(`${JSON.stringify({ version: book.version, rules }, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = book.rules.map((rule) => [rule.id, severityLabel(rule.severity, ctx.lang, ctx), rule.category, rule.failureTitle[ctx.lang]]);
  ctx.stdout.write(`${table([t(ctx.lang, 'col.rule'), t(ctx.lang, 'col.severity'), t(ctx.lang, 'col.category'), t(ctx.lang, 'col.finding')], rows)}\n`);
  ctx.stdout.write(`${t(ctx.lang, 'rules.count', { count: book.rules.length, version: book.version })}\n`);
  return EXIT.ok;
}

/** Every problem in every file, as file:line: reason; exit 2 when there is any. */
export async function rulesLintAction(ctx: CliContext, command: Command): Promise<number> {
  const dirs = command.processedArgs[0] as string[] | undefined;
  const book = readRuleBook(dirs && dirs.length > 0 ? dirs.map((d) => resolve(d)) : ruleDirs(ctx, undefined));
  for (const problem of book.problems) ctx.stderr.write(`${problem.file}:${problem.line}: ${problem.message}\n`);
  if (book.problems.length > 0) {
    ctx.stderr.write(`${t(ctx.lang, 'rules.lintFailed', { count: book.problems.length })}\n`);
    return EXIT.usage;
  }
  ctx.stdout.write(`${t(ctx.lang, 'rules.lintOk', { count: book.rules.length, files: book.files.length })}\n`);
  return EXIT.ok;
}
