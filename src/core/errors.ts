import { t, type MessageId, type MessageParams } from '../i18n/t.js';

/**
 * The typed error family. Each carries a catalogue id (so the CLI can print it in vi or en), the
 * parameters, and the exit code the CLI maps it to. `message` is the English text, for logs.
 */
export abstract class RasoatError extends Error {
  abstract readonly exitCode: number;
  readonly messageId: MessageId;
  readonly params: MessageParams;

  constructor(messageId: MessageId, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(t('en', messageId, params), options);
    this.messageId = messageId;
    this.params = params;
    this.name = new.target.name;
  }
}

/** Bad flags or arguments. */
export class UsageError extends RasoatError {
  readonly exitCode = 2;
}

/** A malformed target, targets file, rules file or other user-supplied input. */
export class InputError extends RasoatError {
  readonly exitCode = 2;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(messageId: MessageId, params: MessageParams & { file?: string; line?: number } = {}, options?: { cause?: unknown }) {
    super(messageId, params, options);
    this.file = params.file;
    this.line = params.line;
  }
}

/** A request for an address, name or port outside the audit's scope. Raised before any socket opens. */
export class ScopeError extends RasoatError {
  readonly exitCode = 2;
}

/** The history database cannot be opened, read or written. */
export class StoreError extends RasoatError {
  readonly exitCode = 3;
}

/** A lookup for an audit, finding or rule that does not exist. */
export class NotFoundError extends RasoatError {
  readonly exitCode = 2;
}

/** Another run holds what this one needs (a drill lock): try again when it has finished. */
export class BusyError extends RasoatError {
  readonly exitCode = 3;
}

/** A bug: something that should never happen. */
export class InternalError extends RasoatError {
  readonly exitCode = 3;
}

/**
 * A failure of the local machine, not of the target (out of file descriptors, no free ephemeral
 * port): worth retrying after a pause, and never evidence about the target.
 */
export class TransientError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'TransientError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

/** The queue engine (Redis) cannot be reached, refuses the credentials, or denies an operation. */
export class QueueError extends RasoatError {
  readonly exitCode = 3;
}
