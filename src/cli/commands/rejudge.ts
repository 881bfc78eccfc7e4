import type { Command } from 'commander';
import { deriveCoverage } from '../../core/model/coverage.js';
import type { Finding } from '../../core/model/finding.js';
import { rulesFor } from '../../core/plan.js';
import { t } from '../../i18n/t.js';
import { diffAudits } from '../../reports/diff.js';
import { createJudge } from '../../rules/evaluate.js';
import { SCANNERS } from '../../scanners/index.js';
import { Store } from '../../store/store.js';
import { parseAuditRef } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../format.js';
import { loadRuleBook, snapshotOf, type RuleTuning } from '../rulebook.js';
import { softwareJudgeData } from '../software-judge.js';

/** Today's rules over an audit's stored observations and task log: new verdicts, no packets sent. */
export async function rejudgeAction(ctx: CliContext, command: Command): Promise<number> {
  const ref = command.processedArgs[0] as string;
  parseAuditRef(ref);
  const flags = command.opts<{ rules?: string[] } & RuleTuning>();
  const book = loadRuleBook(ctx, flags.rules, flags);
  const store = await Store.open(ctx.dbPath, { readonly: false });
  try {
    const audit = await store.getAudit(ref);
    const scanners = SCANNERS.filter((s) => audit.scanners.includes(s.id));
    const rules = rulesFor(book.rules, scanners);
    const judge = createJudge(rules, () => Date.parse(audit.startedAt), await softwareJudgeData(store, book));
    const [targets, observations, tasks, previous] = await Promise.all([store.targets(audit.id), store.observations(audit.id), store.tasks(audit.id), store.findings(audit.id)]);

    const findings: Finding[] = [];
    for (const target of targets) {
      const own = observations.filter((o) => o.host === target.host);
      const coverage = deriveCoverage(scanners, tasks.filter((k) => k.host === target.host), own);
      findings.push(...judge(target, own, coverage));
    }
    await store.replaceFindings(audit.id, findings, rules.map(snapshotOf), book.version);
    const change = diffAudits({ findings: previous, observations }, { findings, observations });
    ctx.stdout.write(
      `${t(ctx.lang, 'rejudge.done', {
        id: audit.id,
        rules: rules.length,
        new: formatNumber(change.new.length, ctx.lang),
        gone: formatNumber(change.fixed.length + change.notRechecked.length, ctx.lang),
        unchanged: formatNumber(change.unchanged.length, ctx.lang),
      })}\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
