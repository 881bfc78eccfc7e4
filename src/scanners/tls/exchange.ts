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
}

/**
 * Sends one ClientHello on a fresh connection (after STARTTLS where the port needs it) and reads
 * the server's answer until it says enough. A server that closes, resets or stalls gives an
 * "incomplete" answer, which callers read as "not offered"; only a failure to connect at all is an
 * error. `then` may continue on the same connection (the heartbeat probe does).
 */
export async function exchange(ctx: ExchangeContext, hello: Buffer, then?: (stream: TcpStream, reply: ServerReply) => Promise<void>): Promise<ServerReply> {
  const { endpoint } = ctx;
  return ctx.net.withTcp(endpoint.host, endpoint.address, endpoint.port, ctx.limits, async (stream) => {
    ctx.handshakes.count++;
    if (endpoint.starttls) await negotiateStartTls(endpoint.starttls, stream);
    await stream.write(hello);
    const reader = new ServerReplyReader({ maxTotalBytes: ctx.limits.maxBytes });
    while (!reader.complete) {
      const chunk = await readOrStop(stream);
      if (!chunk) break;
      reader.feed(chunk);
    }
    const reply = reader.outcome();
    if (then) await then(stream, reply);
    return reply;
  });
}

/** The next chunk; null when the server closed, went silent or reset after connecting. */
async function readOrStop(stream: TcpStream): Promise<Buffer | null> {
  try {
    return await stream.read();
  } catch (error) {
    if (error instanceof StreamError && (error.reason === 'timeout' || error.reason === 'deadline' || error.reason === 'reset' || error.reason === 'too-large')) return null;
    throw error;
  }
}

/** Whether the server answered this hello with a ServerHello in exactly the protocol asked for. */
export function acceptedVersion(reply: ServerReply, version: number): reply is Extract<ServerReply, { kind: 'server-hello' }> {
  return reply.kind === 'server-hello' && reply.serverHello.version === version;
}
