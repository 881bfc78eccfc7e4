import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { t } from '../../i18n/t.js';
import { copyHistory } from '../../store/copy.js';
import { isDatabaseUrl, redactArgs, redactLocation } from '../../store/location.js';
import { Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../format.js';
import { safeUser } from '../process-info.js';

/** `rasoat db migrate`: brings the history's schema up to date (creating it when empty), says what it applied. */
export async function dbMigrateAction(ctx: CliContext, _command: Command): Promise<number> {
  const { applied, path, total } = await Store.migrate(ctx.dbPath);
  if (applied.length > 0) ctx.stdout.write(`${t(ctx.lang, 'db.migrate.applied', { count: applied.length, path, names: applied.join(', ') })}\n`);
  else ctx.stdout.write(`${t(ctx.lang, 'db.migrate.current', { path, count: total })}\n`);
  return EXIT.ok;
}

/**
 * `rasoat db copy --from A --to B`: the whole history of A into B (either a file or a URL),
 * audits B has already skipped; progress on stderr, a summary line on stdout.
 */
export async function dbCopyAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ from?: string; to?: string; quiet?: boolean }>();
  const from = location(flags.from ?? ctx.dbPath);
  const to = location(flags.to ?? '');
  if (from === to) throw new UsageError('db.copy.same', { path: redactLocation(to) });
  const started = ctx.clock.monotonic();
  const summary = await copyHistory(from, to, {
    actor: ctx.config.auditor ?? safeUser(),
    machine: hostname(),
    command: redactArgs(process.argv.slice(2)).join(' '),
    toolVersion: ctx.version,
    onAudit: (p) => {
      if (!flags.quiet) ctx.stderr.write(`${t(ctx.lang, 'db.copy.progress', { done: p.done, total: p.total, uuid: p.uuid, status: t(ctx.lang, p.copied ? 'db.copy.copied' : 'db.copy.present') })}\n`);
    },
  });
  const seconds = formatNumber((ctx.clock.monotonic() - started) / 1000, ctx.lang, 2);
  const n = (value: number) => formatNumber(value, ctx.lang);
  ctx.stdout.write(`${t(ctx.lang, 'db.copy.summary', { copied: n(summary.copied), skipped: n(summary.skipped), from: summary.from, to: summary.to, rows: n(summary.rows), feeds: n(summary.feeds), trail: n(summary.trail), seconds })}\n`);
  return EXIT.ok;
}

function location(given: string): string {
  return isDatabaseUrl(given) ? given : resolve(given);
}
