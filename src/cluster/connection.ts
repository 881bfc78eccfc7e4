import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueError, UsageError } from '../core/errors.js';
import { familyOf } from '../core/targets/address.js';

/** Where the queue engine is and who we are to it. The password never goes on a command line. */
export interface QueueLocation {
  /** As given, for display only after redaction. */
  url: string;
  options: RedisOptions;
}

export interface QueueCredentials {
  username?: string;
  password?: string;
  /** PEM files for TLS (rediss://): the CA that signed the server's certificate, and our own certificate and key. */
  ca?: string;
  cert?: string;
  key?: string;
}

/** Every key rasoat keeps in Redis starts with this, so an ACL can name them by pattern. */
export const KEY_PREFIX = 'rasoat';

/**
 * Reads a queue address: `redis://host:port[/db]`, `rediss://host:port` (TLS) or `unix:///path/redis.sock`.
 * User and password come from `credentials` (a file written by `rasoat agents add`, or the
 * RASOAT_QUEUE_USER / RASOAT_QUEUE_PASSWORD variables), or, discouraged, from the URL itself.
 */
export function queueLocation(url: string, credentials: QueueCredentials = {}): QueueLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('queue.badUrl', { url: redactUrl(url) });
  }
  const options: RedisOptions = { maxRetriesPerRequest: null, lazyConnect: true, connectionName: 'rasoat' };
  if (parsed.protocol === 'unix:') {
    if (!parsed.pathname || parsed.pathname === '/') throw new UsageError('queue.badUrl', { url: redactUrl(url) });
    options.path = decodeURIComponent(parsed.pathname);
  } else if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') {
    options.host = parsed.hostname.replace(/^\[|\]$/g, '');
    options.port = parsed.port ? Number(parsed.port) : 6379;
    const db = parsed.pathname.replace(/^\//, '');
    if (db) {
      if (!/^\d+$/.test(db)) throw new UsageError('queue.badUrl', { url: redactUrl(url) });
      options.db = Number(db);
    }
    if (parsed.protocol === 'rediss:') {
      options.tls = {
        // SNI carries names only (RFC 6066); an address is checked against the certificate's IP SAN.
        ...(familyOf(options.host) ? {} : { servername: options.host }),
        ...(credentials.ca ? { ca: readPem(credentials.ca) } : {}),
        ...(credentials.cert ? { cert: readPem(credentials.cert) } : {}),
        ...(credentials.key ? { key: readPem(credentials.key) } : {}),
      };
    }
  } else {
    throw new UsageError('queue.badUrl', { url: redactUrl(url) });
  }
  const username = credentials.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = credentials.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  if (username) options.username = username;
  if (password) options.password = password;
  return { url: redactUrl(url), options };
}

/** A queue URL fit to print: any password in it replaced. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/)([^/@:]*):[^/@]*@/i, '$1$2:***@');
}

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new QueueError('queue.pemUnreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

/** Redis's answers, turned into one line naming the problem and the fix. */
export function queueFailure(error: unknown, location: QueueLocation): QueueError {
  if (error instanceof QueueError) return error;
  const message = (error as Error).message ?? String(error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const where = location.url;
  if (/WRONGPASS|invalid username-password|NOAUTH/i.test(message)) return new QueueError('queue.auth', { url: where }, { cause: error });
  if (/NOPERM/i.test(message)) return new QueueError('queue.denied', { url: where, detail: message.replace(/^.*NOPERM\s*/i, '') }, { cause: error });
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || /ECONNREFUSED|ENOENT/.test(message)) return new QueueError('queue.unreachable', { url: where }, { cause: error });
  if (code === 'ECONNRESET' || /ECONNRESET/.test(message)) return new QueueError('queue.reset', { url: where }, { cause: error });
  if (/certificate|SSL|TLS|self.signed|EPROTO/i.test(message) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    return new QueueError('queue.tls', { url: where, detail: message.split('\n')[0]! }, { cause: error });
  }
  return new QueueError('queue.failed', { url: where, detail: message.split('\n')[0]! }, { cause: error });
}

/** A plain Redis connection (heartbeats, ACL management), connected or failing with one line. */
export async function openRedis(location: QueueLocation, name: string): Promise<Redis> {
  // ioredis's option types disagree with exactOptionalPropertyTypes; the object is RedisOptions.
  const client = new Redis({ ...location.options, connectionName: name } as never);
  // ioredis rejects connect() with a bare "Connection is closed"; the cause came as an error event.
  let cause: unknown = null;
  client.on('error', (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw queueFailure(cause ?? error, location);
  }
}
