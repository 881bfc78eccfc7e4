import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { NotFoundError } from '../../core/errors.js';
import { t } from '../../i18n/t.js';
import { parseAuditRef, Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { storeTuiData, triageActor } from '../tui-data.js';
import { isWriteRefused } from '../../store/db.js';
import { isDatabaseUrl } from '../../store/location.js';

/**
 * Loads the TUI with React's production build: the development build checks every element and
 * makes each frame markedly slower (set NODE_ENV=development to debug the UI).
 *
 * Ink draws nothing but the last frame when CI or CONTINUOUS_INTEGRATION is set (it reads them once,
 * on import). Callers have already checked that both ends are a terminal, and someone who asked for
 * the TUI on a terminal wants it live, so those two are cleared before Ink loads.
 */
export async function loadTui(): Promise<typeof import('../../tui/run.js')> {
  process.env.NODE_ENV ??= 'production';
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return import('../../tui/run.js');
}

/** A full-screen UI needs a terminal on both ends; scripts and pipes get the plain commands. */
export function refuseWithoutTerminal(ctx: CliContext): boolean {
  if (ctx.stdout.isTTY === true && process.stdin.isTTY === true) return false;
  ctx.stderr.write(`${t(ctx.lang, 'tui.notTty')}\n`);
  return true;
}

/** Opens the history for the TUI: writable (triage decisions are stored), read-only if it must be. */
async function openHistory(ctx: CliContext): Promise<Store> {
  // A file is not created just to look at it; a PostgreSQL database exists already or the open says so.
  if (!isDatabaseUrl(ctx.dbPath) && !existsSync(ctx.dbPath)) throw new NotFoundError('store.missing', { path: ctx.dbPath });
  try {
    return await Store.open(ctx.dbPath, { readonly: false });
  } catch (error) {
    if (isWriteRefused(error)) return Store.open(ctx.dbPath, { readonly: true });
    throw error;
  }
}

export async function tuiAction(ctx: CliContext, command: Command): Promise<number> {
  const ref = command.processedArgs[0] as string | undefined;
  if (ref !== undefined) parseAuditRef(ref);
  if (refuseWithoutTerminal(ctx)) return EXIT.usage;
  const store = await openHistory(ctx);
  try {
    const auditId = ref === undefined ? undefined : (await store.getAudit(ref)).id;
    const { runTui } = await loadTui();
    await runTui({
      data: storeTuiData(store, triageActor(ctx.config.auditor), ctx.clock),
      lang: ctx.lang,
      color: ctx.color,
      ...(auditId !== undefined ? { auditId } : {}),
      stdout: ctx.stdout,
      stdin: process.stdin,
      stderr: ctx.stderr,
    });
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
