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
   * `seen`: a hello went unanswered until the read timeout while nothing had ever answered, so
   * the port does not speak TLS and later probes return at once instead of each waiting.
   * `answered`: some hello got bytes back; from then on a timeout means an overloaded server or
   * network, never silence, and the hello is sent once more instead of read as "refused".
   */
  silence: { seen: boolean; answered: boolean };
}

const SILENT_REPLY: ServerReply = { kind: 'incomplete', complete: false, bytesReceived: 0, firstBytesHex: '' };

/**
 * Sends one ClientHello on a fresh connection (after STARTTLS where the port needs it) and reads
 * the server's answer until it says enough. A server that closes, resets or stalls gives an
 * "incomplete" answer, which callers read as "not offered"; only a failure to connect at all is an
 * error. `then` may continue on the same connection (the heartbeat probe does).
 */
export async function exchange(ctx: ExchangeContext, hello: Buffer, then?: (stream: TcpStream, reply: ServerReply) => Promise<void>): Promise<ServerReply> {
  if (ctx.silence.seen && !ctx.silence.answered) return SILENT_REPLY;
  const first = await exchangeOnce(ctx, hello, then);
  if (first.timedOutSilent && ctx.silence.answered) return (await exchangeOnce(ctx, hello, then)).reply;
  return first.reply;
}

async function exchangeOnce(ctx: ExchangeContext, hello: Buffer, then?: (stream: TcpStream, reply: ServerReply) => Promise<void>): Promise<{ reply: ServerReply; timedOutSilent: boolean }> {
  const { endpoint } = ctx;
  return ctx.net.withTcp(endpoint.host, endpoint.address, endpoint.port, ctx.limits, async (stream) => {
    ctx.handshakes.count++;
    if (endpoint.starttls) await negotiateStartTls(endpoint.starttls, stream);
    await stream.write(hello);
    const reader = new ServerReplyReader({ maxTotalBytes: ctx.limits.maxBytes });
    let received = 0;
    let timedOutSilent = false;
    while (!reader.complete) {
      const read = await readOrStop(stream);
      if (read.stop) {
        timedOutSilent = read.stop === 'timeout' && received === 0;
        if (timedOutSilent && !ctx.silence.answered) ctx.silence.seen = true;
        break;
      }
      received += read.chunk.length;
      ctx.silence.answered = true;
      reader.feed(read.chunk);
    }
    const reply = reader.outcome();
    if (then) await then(stream, reply);
    return { reply, timedOutSilent };
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
