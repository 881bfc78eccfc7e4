import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import { issuePath, parseYamlLocated } from '../yaml.js';

export const SCHEDULES = ['monthly', 'quarterly', '6-monthly', 'yearly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** Months between checks. */
export const SCHEDULE_MONTHS: Record<Schedule, number> = { monthly: 1, quarterly: 3, '6-monthly': 6, yearly: 12 };

const drillSchema = z.strictObject({
  description: z.string().min(1).optional(),
  /** Targets files (relative to the drill file): the inventory, grouped by agency with levels. */
  inventory: z.array(z.string().min(1)).min(1),
  profile: z.string().min(1).default('standard'),
  /** Absent: each group's own, from its protection level (TCVN 14423:2026 x.7.2.1). */
  schedule: z.enum(SCHEDULES).optional(),
  authorization: z.string().min(1).optional(),
  /** Ports never to touch (as --exclude-ports). */
  excludePorts: z.string().min(1).optional(),
});

export interface Drill extends z.infer<typeof drillSchema> {
  name: string;
  file: string;
}

/**
 * How often a system must be checked, by protection level (TCVN 14423:2026 x.7.2.1; the stricter
 * rate where the standard adds one for important assets): yearly at levels 1-2, every 6 months at
 * 3, quarterly at 4, monthly at 5. A group without a level is treated as level 1.
 */
export function scheduleForLevel(level: number | undefined): Schedule {
  if (level === 5) return 'monthly';
  if (level === 4) return 'quarterly';
  if (level === 3) return '6-monthly';
  return 'yearly';
}

/** When the next check is due after `last` (ISO-8601), by calendar months. */
export function dueAfter(last: string, schedule: Schedule): string {
  const date = new Date(last);
  date.setUTCMonth(date.getUTCMonth() + SCHEDULE_MONTHS[schedule]);
  return date.toISOString();
}

export function loadDrillFile(file: string): Drill {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError('file.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const located = parseYamlLocated(text, file);
  const parsed = drillSchema.safeParse(located.value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    throw new InputError('file.invalid', { file, line: located.lineOf(path), detail: `${path.join('.')}: ${issue?.message ?? 'invalid'}` });
  }
  const base = dirname(file);
  return { ...parsed.data, inventory: parsed.data.inventory.map((f) => resolve(base, f)), name: basename(file).replace(/\.ya?ml$/, ''), file };
}

export function listDrills(dir: string): Drill[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => loadDrillFile(join(dir, n)));
}

export function findDrill(name: string, dir: string): Drill {
  const drill = listDrills(dir).find((d) => d.name === name);
  if (!drill) throw new UsageError('drill.unknown', { name, dir, known: listDrills(dir).map((d) => d.name).join(', ') || '-' });
  return drill;
}

const CRON: Record<Schedule, string> = { monthly: '1 * *', quarterly: '1 1,4,7,10 *', '6-monthly': '1 1,7 *', yearly: '1 1 *' };
const CALENDAR: Record<Schedule, string> = { monthly: '*-*-01', quarterly: '*-01,04,07,10-01', '6-monthly': '*-01,07-01', yearly: '*-01-01' };

/** A crontab line running the drill at 02:00 on the first day of each period. */
export function cronEntry(schedule: Schedule, command: string): string {
  return `0 2 ${CRON[schedule]} ${command}`;
}

/** A systemd service and timer pair (Persistent: a run missed while the machine was off happens at boot). */
export function systemdUnits(name: string, schedule: Schedule, command: string): { service: string; timer: string } {
  return {
    service: `[Unit]\nDescription=rasoat drill ${name}\n\n[Service]\nType=oneshot\nExecStart=${command}\n`,
    timer: `[Unit]\nDescription=rasoat drill ${name} (${schedule})\n\n[Timer]\nOnCalendar=${CALENDAR[schedule]} 02:00:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n`,
  };
}
