import type { Kysely, Transaction } from 'kysely';
import type { StoreError } from '../core/errors.js';
import type { BulkWriter } from './bulk.js';
import type { DatabaseSchema } from './schema.js';

/** Runs store work, turning a database failure into a one-line StoreError. */
export type Guard = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * What differs between the embedded SQLite file and a PostgreSQL server, behind one shape: every
 * query is written once with Kysely on `db`; only these few things are per backend.
 */
export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<DatabaseSchema>;
  /** The location as it may be shown: a path, or a URL without its password. */
  readonly shown: string;
  readonly readonly: boolean;
  readonly bulk: BulkWriter;
  /** A driver error as a one-line StoreError naming the location and the fix. */
  translate(error: unknown): StoreError;
  /** Called first in a transaction that appends to the audit trail: other writers wait until it ends. */
  lockTrail(trx: Transaction<DatabaseSchema>): Promise<void>;
  /**
   * One drill run at a time per history, from any process (BusyError when taken); resolves to
   * the release function.
   */
  lockDrills(drill: string, isAlive: (pid: number) => boolean): Promise<() => Promise<void>>;
}

export interface OpenedDatabase {
  backend: Backend;
  /** Migrations this open applied, oldest first (none when read-only or already current). */
  applied: string[];
}
