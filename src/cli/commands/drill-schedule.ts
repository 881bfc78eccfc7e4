import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { mergeCrontab } from '../../core/workflow/crontab.js';
import { cronEntry, drillSchedule, findDrill, systemdUnits } from '../../core/workflow/drill.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { cronCommand, drillRunArgs, drillRunEnvironment, systemdCommand, systemdEnvironment } from '../drill-command.js';
import { EXIT } from '../exit-codes.js';
import { drillDir } from './drill.js';

interface ScheduleFlags {
  format?: 'cron' | 'systemd';
  install?: boolean;
  systemd?: boolean;
  cron?: boolean;
  unitDir?: string;
  crontabFile?: string;
  dryRun?: boolean;
}

export const DEFAULT_UNIT_DIR = '/etc/systemd/system';

/**
 * `rasoat drill schedule NAME`: the crontab line and the systemd timer that run the drill on time
 * (the strictest rate its groups' protection levels need, unless the drill sets one). With
 * --install it writes them: the service and timer into --unit-dir (then says which systemctl
 * command starts the timer; it never runs it), or the line into --crontab-file, once.
 */
export async function drillScheduleAction(ctx: CliContext, command: Command): Promise<number> {
  const name = command.processedArgs[0] as string;
  const flags = command.opts<ScheduleFlags>();
  if (flags.install && flags.systemd && flags.cron) throw new UsageError('drill.installKind');
  const drill = findDrill(name, drillDir(ctx));
  const schedule = drillSchedule(drill);
  const args = drillRunArgs(ctx, drill.name);
  const env = drillRunEnvironment(ctx);
  const units = systemdUnits(drill.name, schedule, systemdCommand(args), systemdEnvironment(env));
  const comment = `# ${t(ctx.lang, 'drill.cronComment', { name: drill.name, schedule: t(ctx.lang, `drill.schedule.${schedule}`) })}`;
  if (!flags.install) {
    if (flags.format !== 'systemd') ctx.stdout.write(`${comment}\n${cronEntry(schedule, cronCommand(args, env))}\n`);
    if (flags.format !== 'cron') ctx.stdout.write(`\n# ${unitName(drill.name)}.service\n${units.service}\n# ${unitName(drill.name)}.timer\n${units.timer}`);
    return EXIT.ok;
  }
  if (flags.cron) {
    if (!flags.crontabFile) throw new UsageError('drill.crontabFileRequired');
    const file = resolve(flags.crontabFile);
    // System crontabs (/etc/crontab, /etc/cron.d/*) name the user each line runs as.
    const system = file === '/etc/crontab' || dirname(file) === '/etc/cron.d';
    const line = cronEntry(schedule, `${system ? `${currentUser()} ` : ''}${cronCommand(args, env)}`);
    return installCron(ctx, drill.name, file, line, system, flags.dryRun === true);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(drill.name)) throw new UsageError('drill.badUnitName', { name: drill.name });
  const dir = resolve(flags.unitDir ?? DEFAULT_UNIT_DIR);
  const files: Array<[string, string]> = [
    [join(dir, `${unitName(drill.name)}.service`), units.service],
    [join(dir, `${unitName(drill.name)}.timer`), units.timer],
  ];
  if (flags.dryRun) {
    for (const [file, text] of files) ctx.stdout.write(`${t(ctx.lang, 'drill.wouldWrite', { file })}\n${text}\n`);
    ctx.stdout.write(`${t(ctx.lang, 'drill.dryRun')}\n`);
    return EXIT.ok;
  }
  checkWritableDir(dir, '--unit-dir');
  for (const [file, text] of files) {
    const same = existsSync(file) && readFileSync(file, 'utf8') === text;
    if (!same) write(file, text, '--unit-dir');
    ctx.stdout.write(`${t(ctx.lang, same ? 'drill.unchanged' : 'drill.installed', { file })}\n`);
  }
  // A unit in a user's own folder is started by that user's manager.
  const user = dir.includes('/systemd/user') ? ' --user' : '';
  ctx.stdout.write(`${t(ctx.lang, 'drill.enableHint', { command: `systemctl${user} daemon-reload && systemctl${user} enable --now ${unitName(drill.name)}.timer` })}\n`);
  return EXIT.ok;
}

export function unitName(drill: string): string {
  return `rasoat-drill-${drill}`;
}

function installCron(ctx: CliContext, drill: string, file: string, line: string, system: boolean, dryRun: boolean): number {
  if (existsSync(file) && !statSync(file).isFile()) throw new UsageError('drill.notWritable', { path: file, detail: 'EISDIR', option: '--crontab-file' });
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const merged = mergeCrontab(existing, drill, line);
  if (dryRun) {
    ctx.stdout.write(`${t(ctx.lang, 'drill.wouldWrite', { file })}\n${merged.text}${t(ctx.lang, 'drill.dryRun')}\n`);
    return EXIT.ok;
  }
  if (merged.change !== 'unchanged') {
    if (existsSync(file)) checkWritableFile(file);
    else checkWritableDir(dirname(file), '--crontab-file');
    write(file, merged.text, '--crontab-file');
  }
  ctx.stdout.write(`${t(ctx.lang, `drill.cron.${merged.change}`, { name: drill, file })}\n`);
  ctx.stdout.write(`${t(ctx.lang, system ? 'drill.cronSystemHint' : 'drill.cronLoadHint', { file })}\n`);
  return EXIT.ok;
}

function checkWritableDir(dir: string, option: string): void {
  const fail = (detail: string) => new UsageError('drill.notWritable', { path: dir, detail, option });
  if (!existsSync(dir)) throw new UsageError('drill.dirMissing', { path: dir, option });
  if (!statSync(dir).isDirectory()) throw fail('ENOTDIR');
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw fail((error as NodeJS.ErrnoException).code ?? String(error));
  }
}

function checkWritableFile(file: string): void {
  try {
    accessSync(file, constants.W_OK);
  } catch (error) {
    throw new UsageError('drill.notWritable', { path: file, detail: (error as NodeJS.ErrnoException).code ?? String(error), option: '--crontab-file' });
  }
}

function write(file: string, text: string, option: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError('drill.notWritable', { path: file, detail: (error as NodeJS.ErrnoException).code ?? String(error), option });
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}
