import { NotFoundError, StoreError } from '../core/errors.js';
import { isWriteRefused } from '../store/db.js';
import { redactLocation } from '../store/location.js';
import { Store } from '../store/store.js';
import type { CliContext } from './context.js';

/** Opens the history for reading; null when there is no history file yet (nothing scanned). */
export async function openForReading(ctx: CliContext): Promise<Store | null> {
  try {
    return await Store.open(ctx.dbPath, { readonly: true });
  } catch (error) {
    if (error instanceof StoreError && error.messageId === 'store.missing') return null;
    if (!(error instanceof StoreError && error.messageId === 'store.needsMigration')) throw error;
  }
  // Written by an older rasoat: upgrade it once (migrations only add), unless the file cannot be
  // written (a copy on read-only media), where the one-line advice of the first error stands.
  try {
    await (await Store.open(ctx.dbPath, { readonly: false })).close();
  } catch (error) {
    if (isWriteRefused(error)) throw new StoreError('store.needsMigration', { path: redactLocation(ctx.dbPath) });
    throw error;
  }
  return Store.open(ctx.dbPath, { readonly: true });
}

/** For commands about one audit: no history at all means the audit asked for is not there (exit 2). */
export async function openForReadingOrFail(ctx: CliContext): Promise<Store> {
  const store = await openForReading(ctx);
  if (!store) throw new NotFoundError('store.missing', { path: redactLocation(ctx.dbPath) });
  return store;
}
