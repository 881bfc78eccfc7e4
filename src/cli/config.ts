import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { issuePath, parseYamlLocated } from '../core/yaml.js';

const days = z.number().int().min(1).nullable();

const configSchema = z.strictObject({
  /** History database file (same as --db). */
  db: z.string().min(1).optional(),
  lang: z.enum(['vi', 'en']).optional(),
  /** Refuse to scan without an authorisation reference (--authorization or the targets file). */
  requireAuthorization: z.boolean().default(false),
  /** Extra rule directories, loaded after the built-in rules. */
  rules: z.array(z.string().min(1)).default([]),
  auditor: z.string().min(1).optional(),
  /** Rule parameters in force for every audit, e.g. { "tls.certificate.expiring-soon": { days: 60 } }. */
  ruleParams: z.record(z.string().min(1), z.record(z.string().min(1), z.union([z.number(), z.string()]))).default({}),
  /** PEM files of private CAs that the audited systems' clients trust (same as --ca-file). */
  caFiles: z.array(z.string().min(1)).default([]),
  /** Days to fix a failure by severity (null: no deadline); unset severities keep the defaults (7/30/90/180). */
  sla: z.strictObject({ critical: days, high: days, medium: days, low: days, info: days }).partial().default({}),
  /** The queue engine of distributed audits (same as --queue and --credentials). */
  queue: z.strictObject({ url: z.string().min(1), credentials: z.string().min(1) }).partial().default({}),
});
export type Config = z.infer<typeof configSchema>;

const paths = envPaths('rasoat', { suffix: '' });

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return env.RASOAT_CONFIG ?? join(paths.config, 'config.yaml');
}

export function defaultDatabasePath(): string {
  return join(paths.data, 'rasoat.db');
}

/** Reads the config file if there is one; a broken one is an input error with file:line. */
export function loadConfig(file: string, mustExist: boolean): Config {
  if (!existsSync(file)) {
    if (mustExist) throw new InputError('file.unreadable', { file, detail: 'ENOENT' });
    return configSchema.parse({});
  }
  const located = parseYamlLocated(readFileSync(file, 'utf8'), file);
  const parsed = configSchema.safeParse(located.value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    throw new InputError('file.invalid', { file, line: located.lineOf(path), detail: `${path.join('.')}: ${issue?.message ?? 'invalid'}` });
  }
  return parsed.data;
}
