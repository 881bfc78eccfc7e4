import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { readYamlFile } from '../yaml.js';

const whole = z.number().int().min(0);

/** The scan settings a profile may set: the same names as the `rasoat scan` flags they stand for. */
const scanSchema = z.strictObject({
  only: z.array(z.string().min(1)).optional(),
  skip: z.array(z.string().min(1)).optional(),
  ports: z.string().min(1).optional(),
  topPorts: whole.optional(),
  rate: whole.optional(),
  concurrency: whole.optional(),
  hostConcurrency: whole.optional(),
  maxHosts: whole.optional(),
  timeout: whole.optional(),
  retries: whole.optional(),
  taskTimeout: whole.optional(),
  skipDiscovery: z.boolean().optional(),
  certExpiryDays: whole.optional(),
});

const profileSchema = z.strictObject({
  description: z.strictObject({ vi: z.string().min(1), en: z.string().min(1) }),
  scan: scanSchema.default({}),
  /** Rule id patterns (`*` matches any run of characters); absent: every rule the scanners can feed. */
  rules: z.array(z.string().min(1)).optional(),
  /** Whether the HTTP scanner requests the exposure probes (/.git/HEAD, /.env ...). */
  httpProbes: z.boolean().default(true),
});

export type ScanProfileSettings = z.infer<typeof scanSchema>;

export interface ScanProfile extends z.infer<typeof profileSchema> {
  name: string;
  file: string;
}

/** The profile every scan without --profile uses: all scanners, all rules, the flags' defaults. */
export const DEFAULT_PROFILE: ScanProfile = {
  name: 'default',
  file: '',
  description: { vi: 'Mặc định: mọi bộ quét, mọi quy tắc', en: 'Default: every scanner, every rule' },
  scan: {},
  httpProbes: true,
};

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Reads one profile file; a broken one is an input error naming file:line. */
export function loadProfileFile(file: string): ScanProfile {
  const data = readYamlFile(file, profileSchema);
  return { ...data, name: basename(file).replace(/\.ya?ml$/, ''), file };
}

/** Every profile in these directories by name; a later directory's profile replaces an earlier one's. */
export function listProfiles(dirs: readonly string[]): Map<string, ScanProfile> {
  const found = new Map<string, ScanProfile>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const profile = loadProfileFile(join(dir, name));
      found.set(profile.name, profile);
    }
  }
  return found;
}

/** The profile called `name`, looked up in the built-in then the user's directories. */
export function findProfile(name: string, dirs: readonly string[]): ScanProfile {
  if (!NAME.test(name)) throw new UsageError('profile.badName', { name });
  for (const dir of [...dirs].reverse()) {
    for (const ext of ['yaml', 'yml']) {
      const file = join(dir, `${name}.${ext}`);
      if (existsSync(file)) return loadProfileFile(file);
    }
  }
  if (name === DEFAULT_PROFILE.name) return DEFAULT_PROFILE;
  throw new UsageError('profile.unknown', { name, known: [...listProfiles(dirs).keys()].join(', ') || '-' });
}

/**
 * The scan flags with the profile's settings filled in where the user gave none: an explicit
 * flag always wins over the profile. Values become the strings the flags would have been.
 */
export function applyProfile<F extends Partial<Record<keyof ScanProfileSettings, string | boolean>>>(flags: F, profile: ScanProfile): F {
  const merged: Record<string, unknown> = { ...flags };
  for (const [key, value] of Object.entries(profile.scan)) {
    if (value === undefined || merged[key] !== undefined) continue;
    merged[key] = Array.isArray(value) ? value.join(',') : typeof value === 'number' ? String(value) : value;
  }
  return merged as F;
}

/** Whether a rule id is chosen by the profile's patterns (every rule when it names none). */
export function profileSelects(profile: ScanProfile, ruleId: string): boolean {
  if (!profile.rules) return true;
  return profile.rules.some((pattern) => new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`).test(ruleId));
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
