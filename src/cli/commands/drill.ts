import type { Command } from 'commander';
import { drillGroups, dueAfter, listDrills, scheduleForLevel, type Schedule } from '../../core/workflow/drill.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { table } from '../format.js';
import { openForReading } from '../open-store.js';
import { join } from 'node:path';

export function drillDir(ctx: CliContext): string {
  return join(ctx.configDir, 'drills');
}

interface GroupStatus {
  drill: string;
  agency: string;
  unit: string | null;
  level: number | null;
  schedule: Schedule;
  lastAudit: string | null;
  due: string | null;
  overdue: boolean;
}

/** `rasoat drill status`: each target group of each drill, when it was last audited, when next due, and whether overdue. */
export async function drillStatusAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ json?: boolean; overdue?: boolean }>();
  const now = new Date(ctx.clock.now()).toISOString();
  const drills = listDrills(drillDir(ctx));
  const store = await openForReading(ctx);
  const statuses: GroupStatus[] = [];
  try {
    for (const drill of drills) {
      for (const group of drillGroups(drill)) {
        const schedule = drill.schedule ?? scheduleForLevel(group.level ?? undefined);
        const lastAudit = store ? await store.drills.lastAuditOfGroup(group.agency, group.unit ?? undefined) : null;
        const due = lastAudit ? dueAfter(lastAudit, schedule) : null;
        statuses.push({ drill: drill.name, agency: group.agency, unit: group.unit, level: group.level, schedule, lastAudit, due, overdue: due === null || due < now });
      }
    }
  } finally {
    await store?.close();
  }
  const shown = flags.overdue ? statuses.filter((s) => s.overdue) : statuses;
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return EXIT.ok;
  }
  const { lang } = ctx;
  if (drills.length === 0) {
    ctx.stdout.write(`${t(lang, 'drill.none', { dir: drillDir(ctx) })}\n`);
    return EXIT.ok;
  }
  ctx.stdout.write(`${t(lang, 'drill.statusHeader', { overdue: statuses.filter((s) => s.overdue).length, groups: statuses.length })}\n`);
  const rows = shown.map((s) => [s.drill, s.unit ? `${s.agency} / ${s.unit}` : s.agency, s.level === null ? '-' : String(s.level), t(lang, `drill.schedule.${s.schedule}`), s.lastAudit?.slice(0, 10) ?? t(lang, 'drill.never'), s.due?.slice(0, 10) ?? '-', s.overdue ? t(lang, 'drill.overdue') : t(lang, 'drill.onTime')]);
  ctx.stdout.write(`${table([t(lang, 'col.drill'), t(lang, 'col.agency'), t(lang, 'col.level'), t(lang, 'col.schedule'), t(lang, 'col.lastAudit'), t(lang, 'col.due'), t(lang, 'col.status')], rows)}\n`);
  return EXIT.ok;
}
