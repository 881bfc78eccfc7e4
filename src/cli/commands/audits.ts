import { basename } from 'node:path';
import type { Command } from 'commander';
import { t } from '../../i18n/t.js';
import { redactLocation } from '../../store/location.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber, formatTime, table } from '../format.js';
import { positiveInt } from '../numbers.js';
import { openForReading } from '../open-store.js';

export async function auditsAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ limit: string; json?: boolean }>();
  const limit = positiveInt(flags.limit, 20, '--limit');
  const store = await openForReading(ctx);
  if (!store) {
    if (flags.json) ctx.stdout.write('[]\n');
    else ctx.stdout.write(`${t(ctx.lang, 'audits.none', { path: redactLocation(ctx.dbPath) })}\n`);
    return EXIT.ok;
  }
  try {
    const audits = await store.listAudits(limit);
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(audits, null, 2)}\n`);
      return EXIT.ok;
    }
    if (audits.length === 0) {
      ctx.stdout.write(`${t(ctx.lang, 'audits.none', { path: redactLocation(ctx.dbPath) })}\n`);
      return EXIT.ok;
    }
    const { lang } = ctx;
    const rows = audits.map((a) => {
      const f = a.stats?.failures;
      return [
        String(a.id),
        formatTime(a.startedAt, lang),
        t(lang, `status.${a.status}`),
        a.stats ? `${formatNumber(a.stats.hostsUp, lang)}/${formatNumber(a.stats.hosts, lang)}` : '-',
        f ? `${f.critical}/${f.high}/${f.medium}/${f.low}` : '-',
        ellipsis(a.scope.targets.concat(a.scope.targetFiles.map((f) => basename(f))).join(' '), 40),
        a.authorization ?? '-',
      ];
    });
    ctx.stdout.write(
      `${table(
        [
          '#',
          t(lang, 'col.started'),
          t(lang, 'col.status'),
          t(lang, 'col.hostsUp'),
          t(lang, 'col.failures'),
          t(lang, 'col.targets'),
          t(lang, 'col.authorization'),
        ],
        rows,
      )}\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function ellipsis(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
