import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, UsageError } from '../core/errors.js';
import { issuePath, parseYamlLocated } from '../core/yaml.js';
import { queueLocation, type QueueCredentials, type QueueLocation } from '../cluster/connection.js';
import type { CliContext } from './context.js';

/** A credentials file, as `rasoat agents add` writes it: who an agent is and what it may reach. */
const credentialsSchema = z.strictObject({
  url: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  ca: z.string().min(1).optional(),
  cert: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  segment: z.string().min(1).optional(),
  allow: z.array(z.string().min(1)).optional(),
});
export type CredentialsFile = z.infer<typeof credentialsSchema>;

export interface QueueFlags {
  queue?: string;
  credentials?: string;
}

export function readCredentials(file: string): CredentialsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError('file.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const located = parseYamlLocated(text, file);
  const parsed = credentialsSchema.safeParse(located.value ?? {});
  if (!parsed.success) {
    const path = issuePath(parsed.error.issues[0]);
    throw new InputError('file.invalid', { file, line: located.lineOf(path), detail: `${path.join('.')}: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
  }
  return parsed.data;
}

/**
 * Where the queue is and who we are: --queue, else RASOAT_QUEUE, else the credentials file's url,
 * else the config's queue.url. The password comes from the credentials file or RASOAT_QUEUE_PASSWORD,
 * never from a flag (a command line is visible to every user of the machine).
 */
export function queueFromFlags(ctx: CliContext, flags: QueueFlags): { location: QueueLocation; file: CredentialsFile } {
  const credentialsPath = flags.credentials ?? ctx.env.RASOAT_QUEUE_CREDENTIALS ?? ctx.config.queue.credentials;
  const file = credentialsPath ? readCredentials(credentialsPath) : {};
  const url = flags.queue ?? ctx.env.RASOAT_QUEUE ?? file.url ?? ctx.config.queue.url;
  if (!url) throw new UsageError('queue.required');
  const credentials: QueueCredentials = {};
  const user = file.user ?? ctx.env.RASOAT_QUEUE_USER;
  const password = file.password ?? ctx.env.RASOAT_QUEUE_PASSWORD;
  if (user) credentials.username = user;
  if (password) credentials.password = password;
  if (file.ca) credentials.ca = file.ca;
  if (file.cert) credentials.cert = file.cert;
  if (file.key) credentials.key = file.key;
  return { location: queueLocation(url, credentials), file };
}
