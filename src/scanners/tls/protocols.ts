import { randomBytes } from 'node:crypto';
import type { TlsProtocolName } from '../../core/model/observation.js';
import { alertName } from './alerts.js';
import { buildClientHello, buildTls13ClientHello } from './client-hello.js';
import { CIPHER_SUITES, TLS13_SUITE_CODES, type CipherSuite } from './cipher-suites.js';
import { acceptedVersion, exchange, type ExchangeContext } from './exchange.js';
import { SSL2, SSL3, TLS10, TLS11, TLS12, TLS13, protocolByName } from './protocol-versions.js';
import type { ServerHelloReply, ServerReply } from './server-reply.js';
import { SSLV2_CIPHER_KIND_CODES } from './sslv2-cipher-kinds.js';
import { buildSslv2ClientHello } from './sslv2-client-hello.js';

/** What one protocol probe learned; `replies` keeps every ServerHello for the later steps. */
export interface ProtocolFinding {
  protocol: TlsProtocolName;
  code: number;
  offered: boolean;
  /** Why not offered (the alert, or how the connection ended). */
  detail: string | null;
  /** Suites accepted, in the order the server chose them. */
  accepted: number[];
  /** SSLv2 cipher kinds the server listed. */
  sslv2Kinds: number[];
  /** null: fewer than two suites, cannot tell. */
  serverOrder: boolean | null;
  replies: ServerHelloReply[];
  /** The SSLv2 server certificate, when SSLv2 is offered. */
  sslv2Certificate: Buffer | null;
}

const PRE_TLS13 = [SSL3, TLS10, TLS11, TLS12];
/** Suites per ClientHello: some servers (and middleboxes) reject hellos listing hundreds. */
const CHUNK = 128;

/**
 * The suites worth offering in a hello of `version`, most widely implemented first (those OpenSSL
 * names), then the rest, in chunks. The first chunk finds nearly every server's suites.
 */
export function suiteChunks(version: number): number[][] {
  const order = (s: CipherSuite) => (s.openssl ? 0 : 1);
  const usable = CIPHER_SUITES.filter((s) => !s.signalling && s.minProtocol !== 'TLSv1.3' && protocolByName(s.minProtocol).code <= Math.max(version, TLS10)).sort((a, b) => order(a) - order(b));
  const chunks: number[][] = [];
  for (let i = 0; i < usable.length; i += CHUNK) chunks.push(usable.slice(i, i + CHUNK).map((s) => s.code));
  return chunks;
}

function hello(ctx: ExchangeContext, version: number, suites: readonly number[], extra: { fallbackScsv?: boolean; compression?: boolean } = {}): Buffer {
  return buildClientHello({
    version,
    cipherSuites: suites,
    ...(ctx.endpoint.sni ? { serverName: ctx.endpoint.sni } : {}),
    ...(extra.fallbackScsv ? { fallbackScsv: true } : {}),
    ...(extra.compression ? { compressionMethods: [1, 0] } : {}),
    ...(version === SSL3 ? {} : { extensions: { heartbeat: true } }),
  });
}

export function tls13Hello(ctx: ExchangeContext, options: { suites?: readonly number[]; groups?: readonly number[]; keyShare?: number } = {}): Buffer {
  return buildTls13ClientHello({
    ...(ctx.endpoint.sni ? { serverName: ctx.endpoint.sni } : {}),
    ...(options.suites ? { cipherSuites: options.suites } : {}),
    ...(options.groups ? { supportedGroups: options.groups } : {}),
    ...(options.keyShare !== undefined ? { keyShareGroups: [options.keyShare] } : {}),
  });
}

function notOffered(reply: ServerReply): string {
  switch (reply.kind) {
    case 'alert':
      return `alert ${alertName(reply.alert.description)}`;
    case 'server-hello':
      return `answered ${reply.protocol ?? 'another version'}`;
    case 'incomplete':
      return reply.bytesReceived === 0 ? 'closed without answer' : 'answer cut short';
    case 'garbage':
      return `not TLS (${reply.reason})`;
    default:
      return reply.kind;
  }
}

/** Offers `suites` again and again, removing the one chosen, until the server refuses them all. */
async function removeChosen(ctx: ExchangeContext, version: number, suites: readonly number[], first?: ServerHelloReply): Promise<ServerHelloReply[]> {
  const remaining = [...suites];
  const replies: ServerHelloReply[] = [];
  let reply: ServerReply | undefined = first;
  for (;;) {
    reply ??= await exchange(ctx, hello(ctx, version, remaining));
    if (!acceptedVersion(reply, version) || !remaining.includes(reply.serverHello.cipherSuite)) return replies;
    replies.push(reply);
    remaining.splice(remaining.indexOf(reply.serverHello.cipherSuite), 1);
    if (remaining.length === 0) return replies;
    reply = undefined;
  }
}

/** SSL 3.0 to TLS 1.2: is it offered, which suites, in whose order. */
export async function probeLegacyProtocol(ctx: ExchangeContext, version: number): Promise<ProtocolFinding> {
  const finding = emptyFinding(version);
  const chunks = suiteChunks(version);
  let lastDetail = '';
  for (const chunk of chunks) {
    const first = await exchange(ctx, hello(ctx, version, chunk));
    if (!acceptedVersion(first, version)) {
      lastDetail = notOffered(first);
      if (first.kind === 'garbage') break;
      continue;
    }
    finding.offered = true;
    const replies = await removeChosen(ctx, version, chunk, first);
    finding.replies.push(...replies);
    finding.accepted.push(...replies.map((r) => r.serverHello.cipherSuite));
  }
  if (!finding.offered) finding.detail = lastDetail || 'not offered';
  if (finding.accepted.length >= 2) finding.serverOrder = await serverOrders(ctx, version, finding);
  return finding;
}

/**
 * Offers the accepted suites in their order and reversed. A server that picks the same suite both
 * times enforces its own order; the suites are then re-ranked by it (a chunked enumeration only
 * ranks within a chunk).
 */
async function serverOrders(ctx: ExchangeContext, version: number, finding: ProtocolFinding): Promise<boolean | null> {
  const forward = await exchange(ctx, hello(ctx, version, finding.accepted));
  const backward = await exchange(ctx, hello(ctx, version, [...finding.accepted].reverse()));
  if (!acceptedVersion(forward, version) || !acceptedVersion(backward, version)) return null;
  const serverOrder = forward.serverHello.cipherSuite === backward.serverHello.cipherSuite;
  if (serverOrder && suiteChunks(version).length > 1 && finding.accepted.length > 2) {
    const ranked = await removeChosen(ctx, version, finding.accepted, forward);
    if (ranked.length === finding.accepted.length) finding.accepted = ranked.map((r) => r.serverHello.cipherSuite);
  }
  return serverOrder;
}

export async function probeSslv2(ctx: ExchangeContext): Promise<ProtocolFinding> {
  const finding = emptyFinding(SSL2);
  const reply = await exchange(ctx, buildSslv2ClientHello(SSLV2_CIPHER_KIND_CODES, randomBytes(16)));
  if (reply.kind === 'sslv2-server-hello' && reply.serverHello.cipherKinds.length > 0) {
    finding.offered = true;
    finding.sslv2Kinds = reply.serverHello.cipherKinds;
    finding.sslv2Certificate = reply.serverHello.certificate.length > 0 ? reply.serverHello.certificate : null;
  } else finding.detail = notOffered(reply);
  return finding;
}

/** TLS 1.3: offered or not, then its suites (five at most). */
export async function probeTls13(ctx: ExchangeContext): Promise<ProtocolFinding> {
  const finding = emptyFinding(TLS13);
  const first = await exchange(ctx, tls13Hello(ctx));
  const speaks13 = (r: ServerReply) => (r.kind === 'server-hello' && r.serverHello.version === TLS13) || r.kind === 'hello-retry-request';
  if (!speaks13(first)) {
    finding.detail = notOffered(first);
    return finding;
  }
  finding.offered = true;
  const remaining = [...TLS13_SUITE_CODES];
  let reply: ServerReply = first;
  for (let i = 0; i < TLS13_SUITE_CODES.length + 1 && remaining.length > 0; i++) {
    const chosen = reply.kind === 'server-hello' || reply.kind === 'hello-retry-request' ? reply.serverHello.cipherSuite : null;
    if (chosen === null || !remaining.includes(chosen) || !speaks13(reply)) break;
    finding.accepted.push(chosen);
    if (reply.kind === 'server-hello') finding.replies.push(reply);
    remaining.splice(remaining.indexOf(chosen), 1);
    if (remaining.length === 0) break;
    reply = await exchange(ctx, tls13Hello(ctx, { suites: remaining }));
  }
  return finding;
}

export const LEGACY_VERSIONS = PRE_TLS13;

function emptyFinding(code: number): ProtocolFinding {
  const names: Record<number, TlsProtocolName> = { [SSL2]: 'SSLv2', [SSL3]: 'SSLv3', [TLS10]: 'TLSv1.0', [TLS11]: 'TLSv1.1', [TLS12]: 'TLSv1.2', [TLS13]: 'TLSv1.3' };
  return { protocol: names[code]!, code, offered: false, detail: null, accepted: [], sslv2Kinds: [], serverOrder: null, replies: [], sslv2Certificate: null };
}
