import type { Command } from 'commander';
import { t } from '../../i18n/t.js';
import { redactLocation } from '../../store/location.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../format.js';
import { openForReading } from '../open-store.js';

/** `rasoat audits verify-trail`: exit 0 when the chain is intact, 1 (and the first bad row) when not. */
export async function verifyTrailAction(ctx: CliContext, _command: Command): Promise<number> {
  const store = await openForReading(ctx);
  if (!store) {
    ctx.stdout.write(`${t(ctx.lang, 'trail.ok', { rows: 0 })}\n`);
    return EXIT.ok;
  }
  try {
    const check = await store.trail.verify();
    if (!check.broken) {
      ctx.stdout.write(`${t(ctx.lang, 'trail.ok', { rows: formatNumber(check.rows, ctx.lang) })}\n`);
      return EXIT.ok;
    }
    ctx.stdout.write(`${t(ctx.lang, `trail.broken.${check.broken.reason}`, { id: check.broken.id, path: redactLocation(ctx.dbPath) })}\n`);
    return EXIT.findings;
  } finally {
    await store.close();
  }
}
