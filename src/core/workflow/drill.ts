import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { loadTargetsFile } from '../targets/file.js';
import { DEFAULT_MAX_ADDRESSES } from '../targets/parse.js';
import { readYamlFile } from '../yaml.js';

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
  /** Run on the agents of each group's segment (rasoat server coordinates; queue from the config). */
  distributed: z.union([z.boolean(), z.strictObject({ chunkSize: z.number().int().min(1).optional(), agentWait: z.number().int().min(1).optional() })]).optional(),
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
  const data = readYamlFile(file, drillSchema);
  const base = dirname(file);
  return { ...data, inventory: data.inventory.map((f) => resolve(base, f)), name: basename(file).replace(/\.ya?ml$/, ''), file };
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

/** A target group of a drill's inventory, each once; its level the highest any entry of it states. */
export interface DrillGroup {
  agency: string;
  unit: string | null;
  level: number | null;
}

/** The groups of a drill's inventory (agency, unit, level), each once. */
export function drillGroups(drill: Drill): DrillGroup[] {
  const seen = new Map<string, DrillGroup>();
  for (const file of drill.inventory) {
    for (const { group } of loadTargetsFile(file, { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: false }).entries) {
      if (!group) continue;
      const key = `${group.agency}\0${group.unit ?? ''}`;
      const earlier = seen.get(key);
      const level = Math.max(earlier?.level ?? 0, group.level ?? 0) || null;
      seen.set(key, { agency: group.agency, unit: group.unit ?? null, level });
    }
  }
  return [...seen.values()];
}

/** How often the whole drill runs: its own `schedule`, else the strictest rate any of its groups needs. */
export function drillSchedule(drill: Drill): Schedule {
  if (drill.schedule) return drill.schedule;
  const needed = drillGroups(drill).map((g) => scheduleForLevel(g.level ?? undefined));
  return SCHEDULES.find((s) => needed.includes(s)) ?? 'yearly';
}

const CRON: Record<Schedule, string> = { monthly: '1 * *', quarterly: '1 1,4,7,10 *', '6-monthly': '1 1,7 *', yearly: '1 1 *' };
const CALENDAR: Record<Schedule, string> = { monthly: '*-*-01', quarterly: '*-01,04,07,10-01', '6-monthly': '*-01,07-01', yearly: '*-01-01' };

/** 02:00 on the first day of each period, as a five-field cron expression (crontab and `rasoat daemon` alike). */
export function cronExpression(schedule: Schedule): string {
  return `0 2 ${CRON[schedule]}`;
}

/** A crontab line running the drill at 02:00 on the first day of each period. */
export function cronEntry(schedule: Schedule, command: string): string {
  return `${cronExpression(schedule)} ${command}`;
}

/**
 * A systemd service and timer pair (Persistent: a run missed while the machine was off happens at
 * boot). `environment` lines are already quoted for a unit file (see drill-command.ts).
 */
export function systemdUnits(name: string, schedule: Schedule, command: string, environment: readonly string[] = []): { service: string; timer: string } {
  const env = environment.map((e) => `Environment=${e}\n`).join('');
  return {
    service: `[Unit]\nDescription=rasoat drill ${name}\n\n[Service]\nType=oneshot\n${env}ExecStart=${command}\n`,
    timer: `[Unit]\nDescription=rasoat drill ${name} (${schedule})\n\n[Timer]\nOnCalendar=${CALENDAR[schedule]} 02:00:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n`,
  };
}
