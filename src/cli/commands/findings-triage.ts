import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { TriageDecision, TriageStatus } from '../../core/model/triage.js';
import { t } from '../../i18n/t.js';
import { Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { safeUser } from '../process-info.js';

interface TriageFlags {
  reason?: string;
  until?: string;
  by?: string;
}

/** `rasoat findings accept | false-positive | reopen <fingerprint...>`: a decision appended to the triage log. */
export function triageAction(status: TriageStatus) {
  return async (ctx: CliContext, command: Command): Promise<number> => {
    const prints = (command.processedArgs[0] as string[] | undefined) ?? [];
    const flags = command.opts<TriageFlags>();
    if (status !== 'open' && !flags.reason?.trim()) throw new UsageError('findings.reasonRequired');
    let until: string | undefined;
    if (flags.until !== undefined) {
      if (status !== 'accepted-risk') throw new UsageError('findings.untilOnlyAccept');
      // A date alone means to the end of that day (UTC).
      const text = /^\d{4}-\d{2}-\d{2}$/.test(flags.until) ? `${flags.until}T23:59:59.999Z` : flags.until;
      const parsed = Date.parse(text);
      if (Number.isNaN(parsed)) throw new UsageError('findings.badUntil', { value: flags.until });
      until = new Date(parsed).toISOString();
    }
    const store = await Store.open(ctx.dbPath, { readonly: false });
    try {
      for (const print of prints) {
        const { auditId, finding } = await store.verifications.latestFailure(print.toLowerCase());
        const decision: TriageDecision = { fingerprint: finding.fingerprint, status, reason: flags.reason?.trim() || '-', actor: flags.by ?? ctx.config.auditor ?? safeUser(), at: new Date(ctx.clock.now()).toISOString(), auditId };
        if (until) decision.until = until;
        await store.triage.record(decision);
        ctx.stdout.write(`${t(ctx.lang, 'findings.recorded', { fingerprint: finding.fingerprint.slice(0, 12), status: t(ctx.lang, `lifecycle.${status === 'open' ? 'open' : status}`), until: until ? until.slice(0, 10) : '-' })}\n`);
      }
    } finally {
      await store.close();
    }
    return EXIT.ok;
  };
}
