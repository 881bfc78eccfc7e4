import type { StartTlsProtocol } from '../../core/model/observation.js';
import { StreamError, type StreamLimits, type TaskNet, type TcpStream } from '../../core/net/index.js';
import { ServerReplyReader, type ServerReply } from './server-reply.js';
import { negotiateStartTls } from './starttls.js';

/** One TLS endpoint: where to connect, how to start TLS there, and the name to send as SNI. */
export interface Endpoint {
  host: string;
  address: string;
  port: number;
  starttls: StartTlsProtocol | null;
  /** The DNS name to send and check the certificate against; null for an address. */
  sni: string | null;
}

export interface ExchangeContext {
  net: TaskNet;
  endpoint: Endpoint;
  limits: StreamLimits;
  /** Counts every connection made for this endpoint (the bench reports it). */
  handshakes: { count: number };
  /**
   * Set once a hello went unanswered until the read timeout: a port that stays silent to one
   * hello stays silent to the next, so later probes answer at once instead of each waiting.
   */
  silence: { seen: boolean };
}

const SILENT_REPLY: ServerReply = { kind: 'incomplete', complete: false, bytesReceived: 0, firstBytesHex: '' };

/**
 * Sends one ClientHello on a fresh connection (after STARTTLS where the port needs it) and reads
 * the server's answer until it says enough. A server that closes, resets or stalls gives an
 * "incomplete" answer, which callers read as "not offered"; only a failure to connect at all is an
 * error. `then` may continue on the same connection (the heartbeat probe does).
 */
export async function exchange(ctx: ExchangeContext, hello: Buffer, then?: (stream: TcpStream, reply: ServerReply) => Promise<void>): Promise<ServerReply> {
  const { endpoint } = ctx;
  if (ctx.silence.seen) return SILENT_REPLY;
  return ctx.net.withTcp(endpoint.host, endpoint.address, endpoint.port, ctx.limits, async (stream) => {
    ctx.handshakes.count++;
    if (endpoint.starttls) await negotiateStartTls(endpoint.starttls, stream);
    await stream.write(hello);
    const reader = new ServerReplyReader({ maxTotalBytes: ctx.limits.maxBytes });
    let received = 0;
    while (!reader.complete) {
      const read = await readOrStop(stream);
      if (read.stop) {
        if (read.stop === 'timeout' && received === 0) ctx.silence.seen = true;
        break;
      }
      received += read.chunk.length;
      reader.feed(read.chunk);
    }
    const reply = reader.outcome();
    if (then) await then(stream, reply);
    return reply;
  });
}

type ReadOutcome = { stop: null; chunk: Buffer } | { stop: 'closed' | 'timeout' | 'deadline' | 'reset' | 'too-large' };

/** The next chunk, or why there is none: the server closed, went silent or reset after connecting. */
async function readOrStop(stream: TcpStream): Promise<ReadOutcome> {
  try {
    const chunk = await stream.read();
    return chunk ? { stop: null, chunk } : { stop: 'closed' };
  } catch (error) {
    if (error instanceof StreamError && (error.reason === 'timeout' || error.reason === 'deadline' || error.reason === 'reset' || error.reason === 'too-large')) return { stop: error.reason };
    throw error;
  }
}

/** Whether the server answered this hello with a ServerHello in exactly the protocol asked for. */
export function acceptedVersion(reply: ServerReply, version: number): reply is Extract<ServerReply, { kind: 'server-hello' }> {
  return reply.kind === 'server-hello' && reply.serverHello.version === version;
}
