import type { OpenDataStore } from '../../core/model/observation.js';
import type { TcpStream } from '../../core/net/index.js';
import { decodeBson, encodeBson, type BsonDocument } from './bson.js';
import { fact, type Identified } from './identified.js';
import { printable } from './text.js';

const openFact = (port: number, service: OpenDataStore, open: boolean, detail: string) => fact('service.unauthenticated', { port, service, open, detail: printable(detail, 200) });

/** A complete RESP reply: a line, or a bulk string once its announced length has arrived. */
function respComplete(b: Buffer): boolean {
  const lineEnd = b.indexOf('\r\n');
  if (lineEnd < 0) return false;
  if (b[0] !== 0x24) return true;
  const length = Number(b.toString('latin1', 1, lineEnd));
  return !Number.isFinite(length) || length < 0 || b.length >= lineEnd + 2 + length + 2;
}

/** Redis: INFO server, the question redis-cli asks first. NOAUTH or DENIED means it is protected. */
export async function redis(stream: TcpStream, port: number): Promise<Identified | null> {
  await stream.write('INFO server\r\n');
  const reply = (await stream.readUntil(respComplete)).toString('latin1');
  if (!/^[$+-]/.test(reply)) return null;
  const version = /^redis_version:([\w.]+)/m.exec(reply)?.[1] ?? null;
  const mode = /^redis_mode:(\w+)/m.exec(reply)?.[1];
  const open = reply.startsWith('$') && version !== null;
  if (!open && !/^-(NOAUTH|DENIED|ERR|WRONGPASS)/.test(reply)) return null;
  const detail = open ? `INFO answered: redis_version ${version}${mode ? `, mode ${mode}` : ''}` : (reply.split('\r\n')[0] ?? '');
  return {
    service: 'redis',
    guess: { product: 'Redis', version, extraInfo: null, confidence: version ? 'high' : 'medium' },
    banner: null,
    facts: [openFact(port, 'redis', open, detail)],
  };
}

/** memcached: `version`, then `stats` (read-only counters) to see whether it answers unauthenticated. */
export async function memcached(stream: TcpStream, port: number): Promise<Identified | null> {
  await stream.write('version\r\n');
  const reply = (await stream.readUntil((b) => b.includes('\r\n'))).toString('latin1');
  const version = /^VERSION ([\w.-]+)/.exec(reply)?.[1] ?? null;
  if (!version && !/^(CLIENT_)?ERROR/.test(reply)) return null;
  await stream.write('stats\r\n');
  const stats = (await stream.readUntil((b) => /(^|\r\n)(END|ERROR|CLIENT_ERROR[^\r]*|SERVER_ERROR[^\r]*)\r\n$/.test(b.toString('latin1')))).toString('latin1');
  const open = /^STAT /.test(stats);
  const curr = /STAT curr_items (\d+)/.exec(stats)?.[1];
  return {
    service: 'memcached',
    guess: { product: 'Memcached', version, extraInfo: null, confidence: version ? 'high' : 'medium' },
    banner: printable(reply),
    facts: [openFact(port, 'memcached', open, open ? `stats answered${curr ? `: ${curr} items cached` : ''}` : (stats.split('\r\n')[0] ?? reply))],
  };
}

/** An HTTP GET / on this stream: status, headers (lower-case) and a bounded body. */
export async function httpGet(stream: TcpStream, host: string, path = '/'): Promise<{ status: number; headers: Record<string, string>; body: string; head: string } | null> {
  await stream.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: rasoat\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  const received = await stream.readUntil((b) => {
    const end = b.indexOf('\r\n\r\n');
    if (end < 0) return b.length > 32 * 1024;
    const length = /\r\ncontent-length: *(\d+)/i.exec(b.toString('latin1', 0, end))?.[1];
    return length !== undefined ? b.length >= end + 4 + Math.min(Number(length), 64 * 1024) : b.length >= end + 4 + 64 * 1024;
  });
  const text = received.toString('utf8');
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(text);
  if (!status) return null;
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1, 100)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(status[1]), headers, body: end < 0 ? '' : text.slice(end + 4, end + 4 + 64 * 1024), head };
}

/** Elasticsearch (and OpenSearch): GET / names the cluster and version when no login is required. */
export async function elasticsearch(stream: TcpStream, host: string, port: number): Promise<Identified | null> {
  const answer = await httpGet(stream, host);
  if (!answer) return null;
  const json = parseJson(answer.body);
  const authRealm = answer.status === 401 && /realm="security"|elastic|opensearch/i.test(`${answer.headers['www-authenticate'] ?? ''} ${answer.body}`);
  const looksLikeEs = json !== null && (json.tagline === 'You Know, for Search' || (typeof json.cluster_name === 'string' && typeof json.version?.number === 'string'));
  if (!looksLikeEs && !authRealm) return null;
  const product = json?.version?.distribution === 'opensearch' ? 'OpenSearch' : 'Elasticsearch';
  const version = typeof json?.version?.number === 'string' ? printable(json.version.number, 40) : null;
  const open = answer.status === 200 && looksLikeEs;
  return {
    service: 'elasticsearch',
    guess: { product, version, extraInfo: null, confidence: looksLikeEs ? 'high' : 'medium' },
    banner: printable(answer.head.split('\r\n')[0] ?? ''),
    facts: [openFact(port, 'elasticsearch', open, open ? `GET / answered 200: cluster ${printable(String(json?.cluster_name ?? '?'), 60)}` : `GET / answered ${answer.status}`)],
  };
}

interface EsRoot {
  version?: { number?: unknown; distribution?: unknown };
  tagline?: unknown;
  cluster_name?: unknown;
}

function parseJson(body: string): EsRoot | null {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' ? (value as EsRoot) : null;
  } catch {
    return null;
  }
}

let requestId = 1;

function header(length: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId++ & 0x7fffffff, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** OP_QUERY on admin.$cmd: every MongoDB version answers the handshake this way. */
function opQuery(command: Record<string, number | string | boolean>): Buffer {
  const body = Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from('admin.$cmd\0'), Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), encodeBson(command)]);
  return Buffer.concat([header(16 + body.length, 2004), body]);
}

/** OP_MSG (MongoDB 3.6+), the only form 5.1+ accepts for other commands. */
function opMsg(command: Record<string, number | string | boolean>): Buffer {
  const body = Buffer.concat([Buffer.from([0, 0, 0, 0, 0]), encodeBson({ ...command, $db: 'admin' })]);
  return Buffer.concat([header(16 + body.length, 2013), body]);
}

async function mongoCommand(stream: TcpStream, message: Buffer): Promise<BsonDocument | null> {
  await stream.write(message);
  const reply = await stream.readUntil((b) => b.length >= 4 && b.length >= b.readInt32LE(0));
  if (reply.length < 21 || reply.readInt32LE(0) > reply.length) return null;
  const opCode = reply.readInt32LE(12);
  if (opCode === 1) return reply.length > 36 ? decodeBson(reply, 36) : null;
  if (opCode === 2013 && reply[20] === 0) return decodeBson(reply, 21);
  return null;
}

/** MongoDB: isMaster, buildInfo (allowed before login), and listDatabases (refused when auth is on). */
export async function mongodb(stream: TcpStream, port: number): Promise<Identified | null> {
  const hello = await mongoCommand(stream, opQuery({ isMaster: 1 }));
  if (!hello || typeof hello.maxWireVersion !== 'number') return null;
  const modern = hello.maxWireVersion >= 6;
  const ask = (command: Record<string, number | string | boolean>) => mongoCommand(stream, modern ? opMsg(command) : opQuery(command));
  const build = await ask({ buildInfo: 1 });
  const version = typeof build?.version === 'string' ? printable(build.version, 40) : null;
  const list = await ask({ listDatabases: 1, nameOnly: true });
  // ok: 1 means the command was authorised, whatever the list holds.
  const open = list?.ok === 1;
  const count = Array.isArray(list?.databases) ? `${list.databases.length} databases` : 'ok';
  const detail = open ? `listDatabases answered: ${count}` : `listDatabases refused: ${printable(String(list?.errmsg ?? list?.codeName ?? 'no answer'), 120)}`;
  return {
    service: 'mongodb',
    guess: { product: 'MongoDB', version, extraInfo: null, confidence: 'high' },
    banner: null,
    facts: [openFact(port, 'mongodb', open, detail)],
  };
}
