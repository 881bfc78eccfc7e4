import type { TcpStream } from '../../core/net/index.js';
import { POSTGRES_SSL_REQUEST } from '../tls/starttls.js';
import type { Identified } from './identified.js';
import { mysqlProduct } from './products.js';
import { printable } from './text.js';

const unknownGuess = { product: null, version: null, extraInfo: null, confidence: 'medium' as const };

/** A MySQL/MariaDB server speaks first: protocol 10 handshake with its version, or an error packet. */
export function mysqlGreeting(received: Buffer): Identified | null {
  if (received.length < 5) return null;
  const length = received.readUIntLE(0, 3);
  if (received[3] !== 0 || length < 2 || length > 1024) return null;
  const payload = received.subarray(4, 4 + length);
  if (payload[0] === 0xff) {
    // "Host ... is not allowed to connect": MySQL all the same, and the message says why.
    const message = payload.subarray(3).toString('latin1');
    return /mysql|mariadb|not allowed to connect|too many connections/i.test(message) ? { service: 'mysql', guess: { ...unknownGuess, product: /mariadb/i.test(message) ? 'MariaDB' : 'MySQL' }, banner: printable(message), facts: [] } : null;
  }
  if (payload[0] !== 10) return null;
  const end = payload.indexOf(0, 1);
  if (end < 2) return null;
  const version = payload.toString('latin1', 1, end);
  if (!/^\d+\.\d+/.test(version)) return null;
  return { service: 'mysql', guess: mysqlProduct(version), banner: printable(version), facts: [] };
}

/** PostgreSQL answers SSLRequest with one byte: S (TLS on offer) or N; nothing else does. */
export async function postgres(stream: TcpStream): Promise<Identified | null> {
  await stream.write(POSTGRES_SSL_REQUEST);
  const answer = await stream.readUntil((b) => b.length >= 1);
  if (answer.length !== 1 || (answer[0] !== 0x53 && answer[0] !== 0x4e)) return null;
  return { service: 'postgresql', guess: { ...unknownGuess, product: 'PostgreSQL', extraInfo: answer[0] === 0x53 ? 'TLS offered' : 'no TLS' }, banner: null, facts: [] };
}

/** X.224 Connection Request with an RDP Negotiation Request for TLS and CredSSP (MS-RDPBCGR 2.2.1.1). */
const RDP_REQUEST = Buffer.from('030000130ee000000000000100080003000000', 'hex');
const RDP_PROTOCOLS: Record<number, string> = { 0: 'standard RDP security', 1: 'TLS', 2: 'CredSSP (NLA)', 8: 'RDSTLS', 0x10: 'CredSSP with early user auth' };

export async function rdp(stream: TcpStream): Promise<Identified | null> {
  await stream.write(RDP_REQUEST);
  const answer = await stream.readUntil((b) => b.length >= 4 && b.length >= b.readUInt16BE(2));
  // TPKT version 3, then an X.224 Connection Confirm (0xd0).
  if (answer.length < 11 || answer[0] !== 3 || (answer[5]! & 0xf0) !== 0xd0) return null;
  let extraInfo: string | null = null;
  if (answer.length >= 19 && answer[11] === 0x02) extraInfo = `selected: ${RDP_PROTOCOLS[answer.readUInt32LE(15)] ?? `protocol ${answer.readUInt32LE(15)}`}`;
  else if (answer.length >= 19 && answer[11] === 0x03) extraInfo = `negotiation failure ${answer.readUInt32LE(15)}`;
  return { service: 'rdp', guess: { ...unknownGuess, extraInfo }, banner: null, facts: [] };
}

/** An SMB1 NEGOTIATE offering NT LM 0.12 and SMB 2.x, as Windows clients open; the reply names the dialect. */
function smbNegotiate(): Buffer {
  const dialects = Buffer.concat(['NT LM 0.12', 'SMB 2.002', 'SMB 2.???'].map((d) => Buffer.from(`\x02${d}\0`, 'latin1')));
  const smb = Buffer.alloc(32 + 3);
  Buffer.from([0xff, 0x53, 0x4d, 0x42, 0x72]).copy(smb, 0);
  smb[9] = 0x18;
  smb.writeUInt16LE(0xc853, 10);
  smb.writeUInt16LE(dialects.length, 33);
  const message = Buffer.concat([smb, dialects]);
  const netbios = Buffer.alloc(4);
  netbios.writeUInt32BE(message.length);
  return Buffer.concat([netbios, message]);
}

export async function smb(stream: TcpStream): Promise<Identified | null> {
  await stream.write(smbNegotiate());
  const answer = await stream.readUntil((b) => b.length >= 8);
  if (answer.length < 8 || answer[0] !== 0) return null;
  const magic = answer.subarray(4, 8).toString('latin1');
  if (magic === '\xfeSMB') {
    const dialect = answer.length >= 4 + 64 + 6 ? answer.readUInt16LE(4 + 64 + 4) : null;
    return { service: 'smb', guess: { ...unknownGuess, extraInfo: dialect ? `SMB 2+ (dialect 0x${dialect.toString(16)})` : 'SMB 2+' }, banner: null, facts: [] };
  }
  if (magic === '\xffSMB') return { service: 'smb', guess: { ...unknownGuess, extraInfo: 'SMB1 negotiated' }, banner: null, facts: [] };
  return null;
}

/** Telnet servers usually open with option negotiation: IAC (255) then DO/DONT/WILL/WONT. */
export function telnetGreeting(received: Buffer): Identified | null {
  if (received.length < 3 || received[0] !== 0xff || received[1]! < 0xfb) return null;
  const text = printable(received.toString('latin1').replace(/\xff[\xfb-\xfe]./gs, ''));
  return { service: 'telnet', guess: unknownGuess, banner: text || null, facts: [] };
}
