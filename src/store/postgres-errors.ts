import { StoreError } from '../core/errors.js';
import type { MessageId } from '../i18n/t.js';

/** SQLSTATE classes and codes (PostgreSQL appendix A) and what each tells the user to do. */
const BY_SQLSTATE: Array<[RegExp, MessageId]> = [
  [/^28/, 'store.pg.auth'], // invalid authorization: bad password, no pg_hba.conf entry
  [/^3D000$/, 'store.pg.noDatabase'],
  [/^42501$/, 'store.pg.denied'],
  [/^53100$/, 'store.full'],
  [/^25006$/, 'store.readOnly'], // a read-only transaction, or a hot standby
  [/^(40001|40P01|55P03)$/, 'store.busy'],
  [/^(08|53|57P0[1-4])/, 'store.pg.unavailable'], // connection lost, out of resources, shutting down or starting
];

/** Errors of the socket before PostgreSQL says anything: no server there. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/**
 * A pg failure as a one-line StoreError naming the location (redacted) and the fix. `secret` is the
 * password the URL carried, if any: scrubbed from any detail shown, though no pg message is known
 * to repeat it.
 */
export function translatePostgresError(error: unknown, shown: string, secret = ''): StoreError {
  if (error instanceof StoreError) return error;
  const e = error as { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> };
  const code = typeof e.code === 'string' ? e.code : typeof e.errors?.[0]?.code === 'string' ? (e.errors[0].code as string) : '';
  const raw = typeof e.message === 'string' && e.message ? e.message : code || String(error);
  const detail = scrub(firstLine(raw), secret);
  const params = { path: shown, detail };
  if (code === 'ERR_INVALID_URL') return new StoreError('store.pg.badUrl', params, { cause: error });
  if (UNREACHABLE.has(code) || /timeout|terminated due to connection/i.test(raw)) return new StoreError('store.pg.unreachable', params, { cause: error });
  // pg asks for a password only when the server wants one and none was given anywhere.
  if (/password must be a string|no password supplied|SASL/i.test(raw)) return new StoreError('store.pg.auth', { ...params, detail: 'no password given' }, { cause: error });
  if (/^ECONNRESET$|^EPIPE$/.test(code) || /Connection terminated/i.test(raw)) return new StoreError('store.pg.unavailable', params, { cause: error });
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const match = BY_SQLSTATE.find(([pattern]) => pattern.test(code));
    if (match) return new StoreError(match[1], params, { cause: error });
  }
  return new StoreError('store.pg.failed', { ...params, detail: code && !/^[0-9A-Z]{5}$/.test(code) ? `${code}: ${detail}` : detail }, { cause: error });
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 300);
}

function scrub(text: string, secret: string): string {
  // A very short password would match ordinary words.
  return secret.length >= 4 ? text.split(secret).join('***') : text;
}
