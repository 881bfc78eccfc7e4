/** Why bytes from a server could not be read as TLS or SSLv2. */
export type TlsParseFailure =
  | 'not-tls'
  | 'bad-record-version'
  | 'record-too-long'
  | 'total-limit'
  | 'message-too-long'
  | 'truncated'
  | 'trailing-bytes'
  | 'bad-length'
  | 'bad-value'
  | 'unexpected-message';

/**
 * Bytes a server sent that are not what TLS allows. A hostile or broken server is a fact to
 * report, so the scanner catches this and records the reason; it is never a crash.
 */
export class TlsParseError extends Error {
  constructor(
    readonly reason: TlsParseFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TlsParseError';
  }
}
