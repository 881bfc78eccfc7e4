import type { Command } from 'commander';
import { findDrill } from '../../core/workflow/drill.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { runDrill } from '../drill-runner.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../format.js';
import { drillDir } from './drill.js';

/**
 * `rasoat drill run NAME`: scans the drill's inventory with its profile, records the audit under the
 * drill, and says what changed since its previous run (new, fixed, still open, reopened). One drill
 * at a time: a lock beside the database refuses a second run while one is going.
 */
export async function drillRunAction(ctx: CliContext, command: Command): Promise<number> {
  const name = command.processedArgs[0] as string;
  const flags = command.opts<{ json?: boolean; quiet?: boolean; auditor?: string }>();
  const drill = findDrill(name, drillDir(ctx));
  const run = await runDrill(ctx, drill, { ...(flags.auditor ? { auditor: flags.auditor } : {}), quiet: flags.quiet === true || flags.json === true });
  const { change, previous } = run;
  if (flags.json) ctx.stdout.write(`${JSON.stringify({ drill: drill.name, audit: run.auditId, previous, status: run.status, change }, null, 2)}\n`);
  else if (!flags.quiet) {
    const n = (list: string[] | undefined) => formatNumber(list?.length ?? 0, ctx.lang);
    ctx.stdout.write(`${t(ctx.lang, 'drill.ran', { drill: drill.name, id: run.auditId, status: t(ctx.lang, `status.${run.status}`) })}\n`);
    if (change && previous !== null) ctx.stdout.write(`${t(ctx.lang, 'drill.change', { previous, new: n(change.new), fixed: n(change.fixed), unchanged: n(change.unchanged), reopened: n(change.reopened), notRechecked: n(change.notRechecked) })}\n`);
  }
  return run.status === 'interrupted' ? EXIT.interrupted : EXIT.ok;
}
