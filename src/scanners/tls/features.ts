import { randomBytes } from 'node:crypto';
import type { ObservationData } from '../../core/model/observation.js';
import { StreamError, type TcpStream } from '../../core/net/index.js';
import { ALERT_INAPPROPRIATE_FALLBACK } from './alerts.js';
import { buildClientHello } from './client-hello.js';
import { acceptedVersion, exchange, type ExchangeContext } from './exchange.js';
import { buildHeartbeatRequest, CONTENT_HEARTBEAT } from './heartbeat.js';
import type { ProtocolFinding } from './protocols.js';
import { RecordReader } from './record-reader.js';

export type FeatureFacts = Omit<ObservationData['tls.features'], 'port'>;

const PADDING = 16;
const HEARTBEAT_WAIT_MS = 2000;

/**
 * Secure renegotiation and heartbeat support are read from handshakes already made; compression,
 * downgrade protection and Heartbleed each take one more. `protocols` are the offered ones.
 */
export async function probeFeatures(ctx: ExchangeContext, protocols: readonly ProtocolFinding[], heartbleed: boolean): Promise<FeatureFacts> {
  const legacy = protocols.filter((p) => p.offered && p.code >= 0x0300 && p.code <= 0x0303 && p.accepted.length > 0).sort((a, b) => b.code - a.code);
  const best = legacy[0];
  const facts: FeatureFacts = { secureRenegotiation: null, compression: null, fallbackScsv: null, heartbeat: null, heartbleed: null };
  if (best) {
    facts.secureRenegotiation = best.replies.some((r) => r.serverHello.renegotiationInfo !== null);
    facts.heartbeat = best.replies.some((r) => r.serverHello.heartbeat !== null);
  }
  const versions = protocols.filter((p) => p.offered && p.code !== 0x0002).map((p) => p.code);
  const [compression, fallback, bleeds] = await Promise.all([
    best ? compressionAccepted(ctx, best) : Promise.resolve(null),
    fallbackProtection(ctx, protocols, versions),
    best && facts.heartbeat && heartbleed ? echoesOverlongHeartbeat(ctx, best) : Promise.resolve(best ? false : null),
  ]);
  facts.compression = compression;
  facts.fallbackScsv = fallback;
  facts.heartbleed = bleeds;
  return facts;
}

async function compressionAccepted(ctx: ExchangeContext, protocol: ProtocolFinding): Promise<boolean | null> {
  const reply = await exchange(ctx, buildClientHello({ version: protocol.code, cipherSuites: protocol.accepted, compressionMethods: [1, 0], ...(ctx.endpoint.sni ? { serverName: ctx.endpoint.sni } : {}) }));
  return acceptedVersion(reply, protocol.code) ? reply.serverHello.compressionMethod === 1 : null;
}

/**
 * RFC 7507: a client that retries at a lower version says so with TLS_FALLBACK_SCSV, and a server
 * that supports something higher must refuse with inappropriate_fallback.
 */
async function fallbackProtection(ctx: ExchangeContext, protocols: readonly ProtocolFinding[], versions: number[]): Promise<FeatureFacts['fallbackScsv']> {
  if (versions.length < 2) return 'not-applicable';
  const highest = Math.max(...versions);
  const lower = protocols.filter((p) => p.offered && p.code < highest && p.code >= 0x0300 && p.code <= 0x0303 && p.accepted.length > 0).sort((a, b) => b.code - a.code)[0];
  if (!lower) return 'not-applicable';
  const reply = await exchange(ctx, buildClientHello({ version: lower.code, cipherSuites: lower.accepted, fallbackScsv: true, ...(ctx.endpoint.sni ? { serverName: ctx.endpoint.sni } : {}) }));
  if (reply.kind === 'alert' && reply.alert.description === ALERT_INAPPROPRIATE_FALLBACK) return 'supported';
  if (acceptedVersion(reply, lower.code)) return 'missing';
  return null;
}

/**
 * The Heartbleed check, without reading server memory: a heartbeat whose payload_length claims 16
 * bytes more than its payload, where those 16 bytes are our own padding, then a well-formed one. A
 * patched server discards the first (RFC 6520) and answers the second at once; a vulnerable one
 * echoes the first, padding and all. Nothing returned is kept.
 */
async function echoesOverlongHeartbeat(ctx: ExchangeContext, protocol: ProtocolFinding): Promise<boolean | null> {
  let echoed: boolean | null = null;
  const hello = buildClientHello({ version: protocol.code, cipherSuites: protocol.accepted, ...(ctx.endpoint.sni ? { serverName: ctx.endpoint.sni } : {}), extensions: { heartbeat: true } });
  await exchange(ctx, hello, async (stream, reply) => {
    if (!acceptedVersion(reply, protocol.code) || !reply.serverHelloDone) return;
    const overlong = overlongHeartbeat(protocol.code);
    await stream.write(Buffer.concat([overlong.record, buildHeartbeatRequest({ version: protocol.code })]));
    echoed = await overlongEchoed(stream, overlong.claimed);
  });
  return echoed;
}

export function overlongHeartbeat(version: number): { record: Buffer; claimed: number } {
  const payload = randomBytes(16);
  const claimed = payload.length + PADDING;
  const message = Buffer.concat([Buffer.from([1]), u16(claimed), payload, randomBytes(PADDING)]);
  return { record: Buffer.concat([Buffer.from([CONTENT_HEARTBEAT]), u16(version), u16(message.length), message]), claimed };
}

/** True when a heartbeat response as long as the overlong claim comes back; false on any other answer or silence. */
async function overlongEchoed(stream: TcpStream, claimed: number): Promise<boolean> {
  const reader = new RecordReader({ maxTotalBytes: 1 << 16 });
  const deadline = Date.now() + HEARTBEAT_WAIT_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([
      stream.read().catch((error: unknown) => {
        if (error instanceof StreamError) return null;
        throw error;
      }),
      new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), left))),
    ]).finally(() => clearTimeout(timer));
    if (chunk === 'waited' || chunk === null) return false;
    let records;
    try {
      records = reader.feed(chunk);
    } catch {
      return false;
    }
    for (const record of records) {
      if (record.kind !== 'tls') continue;
      if (record.contentType !== CONTENT_HEARTBEAT) return false;
      const payloadLength = record.fragment.length >= 3 ? record.fragment.readUInt16BE(1) : 0;
      return payloadLength === claimed;
    }
  }
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
}
