import { StreamError, type TaskNet, type TcpStream } from '../../core/net/index.js';
import { IMPLICIT_TLS_PORTS } from '../tls/endpoints.js';
import { mysqlGreeting, postgres, rdp, smb, telnetGreeting } from './binary.js';
import { elasticsearch, httpGet, memcached, mongodb, redis } from './datastores.js';
import { ftp } from './ftp.js';
import type { Identified } from './identified.js';
import { imap, pop3, smtp } from './mail.js';
import { httpProduct, sshProduct } from './products.js';
import { acceptsProtocol1, parseIdentification, readKexinit } from './ssh.js';
import { fact } from './identified.js';
import { serviceName } from '../ports/services.js';
import { codeReply, printable } from './text.js';
import { BsonError } from './bson.js';

/** Protocols the client must open: nothing arrives until we ask. */
type ClientFirst = 'http' | 'redis' | 'memcached' | 'elasticsearch' | 'mongodb' | 'postgresql' | 'rdp' | 'smb';

/** What a port number suggests (IANA and common practice); the conversation confirms or refutes it. */
const CLIENT_FIRST: Readonly<Record<number, ClientFirst>> = {
  80: 'http', 81: 'http', 443: 'http', 591: 'http', 3000: 'http', 5000: 'http', 8000: 'http', 8008: 'http', 8080: 'http', 8081: 'http', 8088: 'http', 8443: 'http', 8888: 'http', 9443: 'http',
  6379: 'redis', 11211: 'memcached', 9200: 'elasticsearch', 27017: 'mongodb', 27018: 'mongodb', 5432: 'postgresql', 3389: 'rdp', 445: 'smb', 139: 'smb',
};

/** Services that greet first: on their ports, silence means "not this service", and HTTP is not worth a second wait. */
const SERVER_FIRST = new Set(['ftp', 'ssh', 'ssh-alt', 'telnet', 'telnet-alt', 'smtp', 'submission', 'pop3', 'imap', 'mysql', 'ccproxy-ftp']);

export interface IdentifyOptions {
  /** Longest wait for the connection and each answer. */
  timeoutMs: number;
  /** Longest wait for a server on an unfamiliar port to speak first before asking it HTTP. */
  bannerWaitMs: number;
  deadlineMs: number;
  smtpRelayCheck: boolean;
}

interface Where {
  host: string;
  address: string;
  port: number;
}

const LIMIT_BYTES = 256 * 1024;

/**
 * Names the service on one open port the way nmap's NULL probe does, but asking the expected
 * protocol's question first. On a port whose protocol the client opens (Redis, HTTP ...) the
 * question goes out at once; silence to it settles the port as unknown. Elsewhere rasoat listens
 * for a greeting; a server that stays silent is asked HTTP on the same connection. Every read is
 * bounded in bytes and time, so a silent port costs at most two waits.
 */
export async function identify(net: TaskNet, where: Where, options: IdentifyOptions): Promise<Identified> {
  const tls = IMPLICIT_TLS_PORTS.has(where.port);
  const hint = CLIENT_FIRST[where.port];
  let heard = 0;
  const converse = (talk: (stream: TcpStream) => Promise<Identified | null>) =>
    net.withTcp(where.host, where.address, where.port, { timeoutMs: options.timeoutMs, deadlineMs: options.deadlineMs, maxBytes: LIMIT_BYTES }, async (stream) => {
      try {
        if (tls) await stream.startTls({});
        return await talk(stream);
      } finally {
        heard = stream.bytesRead;
      }
    });

  if (hint) {
    const found = await attempt(() => converse((stream) => ask(hint, stream, where)));
    if (found) return withTls(found, tls);
    // Silence to the expected question: a listener that speaks no protocol we know.
    if (heard === 0) return unknown(null);
  }
  const found = await attempt(() => converse((stream) => listen(stream, where, options, !SERVER_FIRST.has(serviceName(where.port)))));
  return found ? withTls(found, tls) : unknown(null);
}

const unknown = (banner: string | null): Identified => ({ service: 'unknown', guess: { product: null, version: null, extraInfo: null, confidence: 'low' }, banner, facts: [] });

function withTls(found: Identified, tls: boolean): Identified {
  return tls ? { ...found, guess: { ...found.guess, extraInfo: found.guess.extraInfo ? `${found.guess.extraInfo}; TLS` : 'TLS' } } : found;
}

/**
 * A conversation that fails (silence, reset, garbage, a refused TLS handshake) means "not this
 * protocol": null, never a crash.
 */
async function attempt(run: () => Promise<Identified | null>): Promise<Identified | null> {
  try {
    return await run();
  } catch (error) {
    // Garbage that breaks a parser is an answer too: "not this protocol".
    if (error instanceof StreamError || error instanceof BsonError || error instanceof RangeError) return null;
    throw error;
  }
}

async function ask(protocol: ClientFirst, stream: TcpStream, where: Where): Promise<Identified | null> {
  switch (protocol) {
    case 'http':
      return http(stream, where);
    case 'redis':
      return redis(stream, where.port);
    case 'memcached':
      return memcached(stream, where.port);
    case 'elasticsearch':
      return (await elasticsearch(stream, where.host, where.port)) ?? null;
    case 'mongodb':
      return mongodb(stream, where.port);
    case 'postgresql':
      return postgres(stream);
    case 'rdp':
      return rdp(stream);
    case 'smb':
      return smb(stream);
  }
}

async function http(stream: TcpStream, where: Where): Promise<Identified | null> {
  const answer = await httpGet(stream, where.host.includes(':') ? `[${where.host}]` : where.host);
  if (!answer) return null;
  const server = answer.headers.server ? printable(answer.headers.server, 160) : null;
  return { service: 'http', guess: httpProduct(server), banner: server, facts: [] };
}

/** Reads what the server says unasked and follows the protocol its greeting reveals; asks HTTP if it says nothing. */
async function listen(stream: TcpStream, where: Where, options: IdentifyOptions, thenHttp: boolean): Promise<Identified | null> {
  const greeting = await stream.readWithin(options.bannerWaitMs, (b) => b.includes(0x0a) || b.length >= 4096 || mysqlGreeting(b) !== null || telnetGreeting(b) !== null);
  if (greeting.length === 0) return thenHttp ? http(stream, where) : null;
  const text = greeting.toString('latin1');
  const identification = parseIdentification(greeting);
  if (identification) return sshConversation(stream, greeting, identification, where.port);
  const mysql = mysqlGreeting(greeting);
  if (mysql) return mysql;
  const telnet = telnetGreeting(greeting);
  if (telnet) return telnet;
  if (/^\+OK/.test(text)) return pop3(stream, text, where.port);
  if (/^\* (OK|PREAUTH)/i.test(text)) return imap(stream, text, where.port);
  if (/^220[ -]/.test(text)) {
    const rest = codeReply(greeting) ? Buffer.alloc(0) : await stream.readUntil((more) => codeReply(Buffer.concat([greeting, more])));
    const greetingText = text + rest.toString('latin1');
    const smtpLike = /\b(E?SMTP|Postfix|Exim|Sendmail|mail)\b/i.test(greetingText) || [25, 465, 587, 2525].includes(where.port);
    const ftpLike = /\bFTP\b/i.test(greetingText) || [21, 2121].includes(where.port);
    if (smtpLike && !ftpLike) return smtp(stream, greetingText, { port: where.port, relayCheck: options.smtpRelayCheck });
    return ftp(stream, greetingText, where.port);
  }
  return unknown(printable(text) || null);
}

async function sshConversation(stream: TcpStream, greeting: Buffer, id: NonNullable<ReturnType<typeof parseIdentification>>, port: number): Promise<Identified> {
  let algorithms = null;
  if (!/^1\.[0-8]/.test(id.protocolVersion)) {
    try {
      algorithms = await readKexinit(stream, greeting);
    } catch (error) {
      if (!(error instanceof StreamError)) throw error;
    }
  }
  const listed = algorithms ? (['kex', 'hostkey', 'cipher', 'mac', 'compression'] as const).flatMap((type) => algorithms[type].slice(0, 64).map((name) => fact('service.ssh-algorithm', { port, type, name: printable(name, 80) }))) : [];
  return {
    service: 'ssh',
    guess: sshProduct(id.software, id.comments),
    banner: id.line,
    facts: [
      fact('service.ssh', { port, protocolVersion: id.protocolVersion, software: id.software, comments: id.comments, protocol1: acceptsProtocol1(id.protocolVersion), authMethods: null, passwordAuth: null, algorithms: listed.length }),
      ...listed,
    ],
  };
}
