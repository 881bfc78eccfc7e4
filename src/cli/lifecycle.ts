import { DEFAULT_SLA, LifecycleBuilder, type FindingHistory, type SlaDays } from '../reports/lifecycle.js';
import type { Store } from '../store/store.js';
import type { CliContext } from './context.js';

/** Every finding's story over the stored audits (oldest first; running ones left out), with the triage log. */
export async function readLifecycle(ctx: CliContext, store: Store, filter: { agency?: string } = {}): Promise<FindingHistory[]> {
  const audits = (await store.listAudits(1_000_000)).filter((a) => a.status !== 'running').reverse();
  const builder = new LifecycleBuilder();
  for (const audit of audits) {
    let findings = await store.verdicts(audit.id, { detail: 'failures' });
    if (filter.agency) {
      const hosts = new Set((await store.targets(audit.id)).filter((t) => t.group?.agency === filter.agency).map((t) => t.host));
      findings = findings.filter((f) => hosts.has(f.host));
    }
    builder.add(audit, { findings, observations: await store.observations(audit.id, { kinds: ['port.summary'] }) });
  }
  const decisions = await store.triage.current(builder.fingerprints());
  return builder.build(new Date(ctx.clock.now()).toISOString(), decisions, slaOf(ctx));
}

export function slaOf(ctx: CliContext): SlaDays {
  const sla = { ...DEFAULT_SLA };
  for (const [severity, days] of Object.entries(ctx.config.sla)) if (days !== undefined) sla[severity as keyof SlaDays] = days;
  return sla;
}
