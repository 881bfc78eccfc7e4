import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import type { Clock, Random } from '../core/clock.js';
import { systemClock, systemRandom } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import { packageVersion } from '../core/package-root.js';
import { isDatabaseUrl } from '../store/location.js';
import { LANGS, type Lang } from '../core/model/text.js';
import { detectLang } from '../i18n/t.js';
import { defaultConfigPath, defaultDatabasePath, loadConfig, type Config } from './config.js';

export interface GlobalOptions {
  db?: string;
  lang?: string;
  config?: string;
  color?: boolean;
}

/** What every command needs besides its own options: language, database, config, streams, time. */
export interface CliContext {
  lang: Lang;
  /** The history: an absolute file path, or a postgres:// URL as given (show it with redactLocation). */
  dbPath: string;
  config: Config;
  /** The config file (it may not exist); drills and user profiles live in folders beside it. */
  configPath: string;
  /** The directory of the config file: user profiles live in its profiles/ folder. */
  configDir: string;
  color: boolean;
  version: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  random: Random;
}

export function makeContext(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): CliContext {
  if (options.lang !== undefined && !(LANGS as readonly string[]).includes(options.lang)) {
    throw new UsageError('cli.badLang', { value: options.lang });
  }
  const configPath = resolve(options.config ?? defaultConfigPath(env));
  const config = loadConfig(configPath, options.config !== undefined);
  const lang = detectLang(options.lang ?? config.lang, env);
  const db = options.db ?? env.RASOAT_DB ?? config.db ?? defaultDatabasePath();
  const dbPath = isDatabaseUrl(db) ? db : resolve(db);
  const color = options.color !== false && pc.isColorSupported;
  return { lang, dbPath, config, configPath, configDir: dirname(configPath), color, version: packageVersion(), stdout: process.stdout, stderr: process.stderr, env, clock: systemClock, random: systemRandom };
}
