import { ByteReader } from './byte-reader.js';
import { TlsParseError } from './parse-error.js';

export const SSLV2_MSG_ERROR = 0;
export const SSLV2_MSG_SERVER_HELLO = 4;

export interface Sslv2ServerHello {
  sessionIdHit: boolean;
  /** 1 = X.509 certificate. */
  certificateType: number;
  version: number;
  /** The server's DER certificate. */
  certificate: Buffer;
  /** The 3-byte cipher kinds the server supports (of those offered, or all it has, depending on the implementation). */
  cipherKinds: number[];
  connectionId: Buffer;
}

/** SERVER-HELLO (draft-hickman-netscape-ssl-00 §2.6): `message` starts with the message type. */
export function parseSslv2ServerHello(message: Buffer): Sslv2ServerHello {
  const reader = new ByteReader(message, 'SSLv2 SERVER-HELLO');
  const type = reader.u8('msg_type');
  if (type !== SSLV2_MSG_SERVER_HELLO) throw new TlsParseError('unexpected-message', `SSLv2 message type ${type} is not SERVER-HELLO`);
  const sessionIdHit = reader.u8('session_id_hit') !== 0;
  const certificateType = reader.u8('certificate_type');
  const version = reader.u16('server_version');
  const certificateLength = reader.u16('certificate_length');
  const specsLength = reader.u16('cipher_specs_length');
  const connectionIdLength = reader.u16('connection_id_length');
  if (specsLength % 3 !== 0) throw new TlsParseError('bad-length', `SSLv2 cipher specs length ${specsLength} is not a multiple of 3`);
  const certificate = reader.bytesOf(certificateLength, 'certificate');
  const specs = reader.bytesOf(specsLength, 'cipher_specs');
  const connectionId = reader.bytesOf(connectionIdLength, 'connection_id');
  reader.end();
  const cipherKinds: number[] = [];
  for (let i = 0; i + 3 <= specs.length; i += 3) cipherKinds.push(specs.readUIntBE(i, 3));
  return { sessionIdHit, certificateType, version, certificate, cipherKinds, connectionId };
}

const SSLV2_ERRORS: ReadonlyMap<number, string> = new Map([
  [0x0001, 'NO-CIPHER-ERROR'],
  [0x0002, 'NO-CERTIFICATE-ERROR'],
  [0x0004, 'BAD-CERTIFICATE-ERROR'],
  [0x0006, 'UNSUPPORTED-CERTIFICATE-TYPE-ERROR'],
]);

export interface Sslv2Error {
  code: number;
  name: string;
}

/** An SSLv2 ERROR message: the SSL 2.0 counterpart of a fatal alert. */
export function parseSslv2Error(message: Buffer): Sslv2Error {
  const reader = new ByteReader(message, 'SSLv2 ERROR');
  const type = reader.u8('msg_type');
  if (type !== SSLV2_MSG_ERROR) throw new TlsParseError('unexpected-message', `SSLv2 message type ${type} is not ERROR`);
  const code = reader.u16('error_code');
  return { code, name: SSLV2_ERRORS.get(code) ?? `SSLv2-ERROR-${code}` };
}
