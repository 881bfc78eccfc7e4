import type { ObservationData } from '../../core/model/observation.js';
import { ScopeError } from '../../core/errors.js';

/** A probe that fails (reset, timeout, refused) tells nothing about that one file: it is skipped, not fatal. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScopeError) throw error;
    return null;
  }
}

/** Why a request failed, as a scan.error reason. */
export function reasonOf(error: unknown): ObservationData['scan.error']['reason'] {
  if (error instanceof ScopeError) return 'out-of-scope';
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET') return 'reset';
  if (code === 'ETIMEDOUT' || code === 'TimeoutError' || code === 'AbortError' || code === 'ABORT_ERR') return 'timeout';
  return 'error';
}

export function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = (error as Error).message ?? String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
