import type { StartTlsProtocol } from '../../core/model/observation.js';
import { StreamError, type TcpStream } from '../../core/net/index.js';

/** The server did not agree to switch to TLS: a fact (cleartext only), not a scan failure. */
export class StartTlsRefused extends Error {
  constructor(
    readonly protocol: StartTlsProtocol,
    readonly answer: string,
  ) {
    super(`${protocol} server did not agree to STARTTLS: ${answer.slice(0, 120)}`);
    this.name = 'StartTlsRefused';
  }
}

/**
 * The service did not speak the protocol its port suggests (a silent listener, another service on
 * 5432): nothing to say about STARTTLS, and no TLS to scan.
 */
export class StartTlsUnrecognised extends Error {
  constructor(readonly protocol: StartTlsProtocol) {
    super(`the service does not speak ${protocol}`);
    this.name = 'StartTlsUnrecognised';
  }
}

/** The first answer of a conversation: no answer, or one that is not this protocol's, means another service. */
async function opening(stream: TcpStream, protocol: StartTlsProtocol, complete: (received: Buffer) => boolean, speaks: (received: Buffer) => boolean): Promise<Buffer> {
  let received: Buffer;
  try {
    received = await stream.readUntil(complete);
  } catch (error) {
    if (error instanceof StreamError) throw new StartTlsUnrecognised(protocol);
    throw error;
  }
  if (!speaks(received)) throw new StartTlsUnrecognised(protocol);
  return received;
}

const text = (pattern: RegExp) => (received: Buffer) => pattern.test(received.toString('latin1'));

/** The well-known ports where TLS starts only after a cleartext request. */
export const STARTTLS_PORTS: Readonly<Record<number, StartTlsProtocol>> = {
  21: 'ftp',
  25: 'smtp',
  110: 'pop3',
  143: 'imap',
  389: 'ldap',
  587: 'smtp',
  5432: 'postgres',
};

/**
 * Brings a fresh connection to the point where the next bytes are a TLS ClientHello. Each
 * conversation is the minimum the protocol needs; nothing is sent beyond the upgrade request.
 */
export async function negotiateStartTls(protocol: StartTlsProtocol, stream: TcpStream): Promise<void> {
  switch (protocol) {
    case 'smtp':
      return smtp(stream);
    case 'imap':
      return imap(stream);
    case 'pop3':
      return pop3(stream);
    case 'ftp':
      return ftp(stream);
    case 'ldap':
      return ldap(stream);
    case 'postgres':
      return postgres(stream);
  }
}

/** A complete reply of a line protocol that continues lines with "code-" (SMTP, FTP). */
function codeReply(received: Buffer): boolean {
  const lines = received.toString('latin1').split('\r\n');
  return lines.some((line) => /^\d{3} /.test(line) || /^\d{3}$/.test(line));
}

function line(received: Buffer): boolean {
  return received.includes('\n');
}

async function smtp(stream: TcpStream): Promise<void> {
  const greeting = (await opening(stream, 'smtp', codeReply, text(/^\d{3}[ -]/))).toString('latin1');
  if (!greeting.startsWith('220')) throw new StartTlsRefused('smtp', greeting);
  await stream.write('EHLO rasoat.invalid\r\n');
  const ehlo = (await stream.readUntil(codeReply)).toString('latin1');
  if (!/^250[ -]STARTTLS/im.test(ehlo)) throw new StartTlsRefused('smtp', ehlo);
  await stream.write('STARTTLS\r\n');
  const answer = (await stream.readUntil(codeReply)).toString('latin1');
  if (!answer.startsWith('220')) throw new StartTlsRefused('smtp', answer);
}

async function imap(stream: TcpStream): Promise<void> {
  const greeting = (await opening(stream, 'imap', line, text(/^\* (OK|PREAUTH|BYE)/i))).toString('latin1');
  if (!/^\* (OK|PREAUTH)/i.test(greeting)) throw new StartTlsRefused('imap', greeting);
  await stream.write('r1 STARTTLS\r\n');
  const answer = (await stream.readUntil((b) => /^r1 /m.test(b.toString('latin1')))).toString('latin1');
  if (!/^r1 OK/im.test(answer)) throw new StartTlsRefused('imap', answer);
}

async function pop3(stream: TcpStream): Promise<void> {
  const greeting = (await opening(stream, 'pop3', line, text(/^[+-](OK|ERR)/))).toString('latin1');
  if (!greeting.startsWith('+OK')) throw new StartTlsRefused('pop3', greeting);
  await stream.write('STLS\r\n');
  const answer = (await stream.readUntil(line)).toString('latin1');
  if (!answer.startsWith('+OK')) throw new StartTlsRefused('pop3', answer);
}

async function ftp(stream: TcpStream): Promise<void> {
  const greeting = (await opening(stream, 'ftp', codeReply, text(/^\d{3}[ -]/))).toString('latin1');
  if (!greeting.startsWith('220')) throw new StartTlsRefused('ftp', greeting);
  await stream.write('AUTH TLS\r\n');
  const answer = (await stream.readUntil(codeReply)).toString('latin1');
  if (!answer.startsWith('234')) throw new StartTlsRefused('ftp', answer);
}

/** LDAPv3 ExtendedRequest for StartTLS (OID 1.3.6.1.4.1.1466.20037), message id 1. */
const LDAP_STARTTLS = Buffer.from('301d02010177188016312e332e362e312e342e312e313436362e3230303337', 'hex');

async function ldap(stream: TcpStream): Promise<void> {
  await stream.write(LDAP_STARTTLS);
  const answer = await opening(stream, 'ldap', (b) => b.length >= 2 && b.length >= berLength(b), (b) => b[0] === 0x30);
  // ExtendedResponse [APPLICATION 24] carries an ENUMERATED resultCode; 0 is success.
  const result = answer.indexOf(Buffer.from([0x0a, 0x01]));
  if (answer[0] !== 0x30 || result < 0 || answer[result + 2] !== 0) throw new StartTlsRefused('ldap', answer.toString('hex'));
}

/** PostgreSQL's SSLRequest: the server answers one byte, S (go ahead) or N. */
export const POSTGRES_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

async function postgres(stream: TcpStream): Promise<void> {
  await stream.write(POSTGRES_SSL_REQUEST);
  // S: go ahead; N: no TLS; E: a server too old to know the request. Anything else is not PostgreSQL.
  const answer = await opening(stream, 'postgres', (b) => b.length >= 1, (b) => b[0] === 0x53 || b[0] === 0x4e || b[0] === 0x45);
  if (answer[0] !== 0x53) throw new StartTlsRefused('postgres', answer.subarray(0, 1).toString('latin1'));
}

/** Total length of a BER element (tag + length + content), or Infinity until the length is known. */
function berLength(buffer: Buffer): number {
  const first = buffer[1];
  if (first === undefined) return Infinity;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (buffer.length < 2 + count || count > 4) return Infinity;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + buffer[2 + i]!;
  return 2 + count + length;
}
