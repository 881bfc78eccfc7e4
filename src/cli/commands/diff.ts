import type { Command } from 'commander';
import type { Finding } from '../../core/model/finding.js';
import { t, type MessageId } from '../../i18n/t.js';
import { diffAudits } from '../../reports/diff.js';
import { parseAuditRef } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber, severityLabel, table } from '../format.js';
import { openForReadingOrFail } from '../open-store.js';
import { sortFindings } from './show.js';

export async function diffAction(ctx: CliContext, command: Command): Promise<number> {
  const [beforeRef, afterRef] = command.processedArgs as [string, string];
  parseAuditRef(beforeRef);
  parseAuditRef(afterRef);
  const flags = command.opts<{ json?: boolean }>();
  const store = await openForReadingOrFail(ctx);
  try {
    const before = await store.getAudit(beforeRef);
    const after = await store.getAudit(afterRef);
    const side = async (id: number) => ({ findings: await store.findings(id), observations: await store.observations(id) });
    const diff = diffAudits(await side(before.id), await side(after.id));
    if (flags.json) {
      const brief = (f: Finding) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, severity: f.severity, host: f.host, port: f.port ?? null, title: f.title });
      const json = {
        before: before.id,
        after: after.id,
        new: diff.new.map(brief),
        fixed: diff.fixed.map(brief),
        unchanged: diff.unchanged.map(brief),
        notRechecked: diff.notRechecked.map(brief),
      };
      ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return EXIT.ok;
    }
    const { lang } = ctx;
    ctx.stdout.write(
      `${t(lang, 'diff.header', {
        before: before.id,
        after: after.id,
        new: formatNumber(diff.new.length, lang),
        fixed: formatNumber(diff.fixed.length, lang),
        unchanged: formatNumber(diff.unchanged.length, lang),
        notRechecked: formatNumber(diff.notRechecked.length, lang),
      })}\n`,
    );
    const sections: Array<[MessageId, Finding[]]> = [
      ['diff.new', diff.new],
      ['diff.fixed', diff.fixed],
      ['diff.unchanged', diff.unchanged],
      ['diff.notRechecked', diff.notRechecked],
    ];
    for (const [title, findings] of sections) {
      if (findings.length === 0) continue;
      ctx.stdout.write(`\n${t(lang, title)}\n`);
      const rows = sortFindings(findings).map((f) => [severityLabel(f.severity, lang, ctx), f.host, f.port === undefined ? '-' : String(f.port), f.title[lang], f.ruleId]);
      ctx.stdout.write(`${table([t(lang, 'col.severity'), t(lang, 'col.host'), t(lang, 'col.port'), t(lang, 'col.finding'), t(lang, 'col.rule')], rows)}\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
