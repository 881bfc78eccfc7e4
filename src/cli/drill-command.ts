import { UsageError } from '../core/errors.js';
import { hasPassword } from '../store/location.js';
import type { CliContext } from './context.js';

/** Arguments that need no quoting in a shell or a unit file. */
const PLAIN = /^[A-Za-z0-9_/.:,=+@-]+$/;

/**
 * The command a scheduler runs for a drill: this node, this rasoat, this history, quietly. A
 * history URL holding a password is never written into it (crontabs and unit files are read by
 * others): when the URL is the config file's, the run reads it there; otherwise the password must
 * come from PGPASSWORD or ~/.pgpass, and a URL with one is refused.
 */
export function drillRunArgs(ctx: CliContext, drill: string, argv1: string | undefined = process.argv[1]): string[] {
  const program = [process.execPath, argv1 ?? 'rasoat'];
  const run = ['drill', 'run', drill, '--quiet'];
  if (!hasPassword(ctx.dbPath)) return [...program, '--db', ctx.dbPath, ...run];
  if (ctx.dbPath === ctx.config.db) return [...program, ...run];
  throw new UsageError('drill.passwordInUrl');
}

/**
 * The environment the scheduled run needs: the config file, whose folder holds the drills (a timer
 * or cron job runs with another home directory than the shell the drill was scheduled from).
 */
export function drillRunEnvironment(ctx: CliContext): Record<string, string> {
  return { RASOAT_CONFIG: ctx.configPath };
}

/** POSIX shell words, for a crontab line: `%` is escaped too, as cron turns a bare one into a newline. */
export function cronCommand(args: readonly string[], env: Record<string, string>): string {
  const words = [...Object.entries(env).map(([k, v]) => `${k}=${shellWord(v)}`), ...args.map(shellWord)];
  return words.join(' ').replace(/%/g, '\\%');
}

function shellWord(value: string): string {
  return PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** ExecStart= words for a unit file: double quotes where needed, `%` and `$` doubled (specifiers, variables). */
export function systemdCommand(args: readonly string[]): string {
  return args.map(unitWord).join(' ');
}

/** Environment= values, each one quoted word. */
export function systemdEnvironment(env: Record<string, string>): string[] {
  return Object.entries(env).map(([k, v]) => unitWord(`${k}=${v}`));
}

function unitWord(value: string): string {
  const quoted = PLAIN.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return quoted.replace(/%/g, '%%').replace(/\$/g, '$$$$');
}
