import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ScopeError } from '../errors.js';
import { canonicalIp } from '../targets/address.js';
import type { HttpPool } from './http-pool.js';

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Bodies are read up to this many bytes and then cut (the response is marked truncated). */
  maxBodyBytes: number;
  /** Redirects to follow, each one re-checked against the scope. */
  maxRedirects: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** Header lines exactly as sent, pairs of name and value (keeps every Set-Cookie). */
  rawHeaders: string[];
  body: Buffer;
  truncated: boolean;
  address: string;
  elapsedMs: number;
}

export interface HttpExchange {
  /** Every hop, the first request first. */
  responses: HttpResponse[];
  /** Why the redirect chain ended early, if it did. */
  stopped?: { reason: 'out-of-scope' | 'max-redirects' | 'loop'; location: string };
}

/** The part of the network layer the HTTP client needs: scoped, polite connection admission. */
export interface HttpTransport {
  resolve(host: string): Promise<string>;
  /** Throws ScopeError when a name or address may not be touched (before any lookup or socket). */
  precheck(host: string, port: number): void;
  run<T>(destination: { host: string; address: string; port: number }, signal: AbortSignal | undefined, op: () => Promise<T>): Promise<T>;
  userAgent: string;
  /** The task's keep-alive connections; without it every request opens its own connection. */
  pool?: HttpPool;
}

/**
 * Fetches a URL without automatic redirects: each Location is followed by us, through the scope
 * check, so a portal that redirects to another host never makes rasoat touch that host.
 */
export async function fetchFollowing(transport: HttpTransport, startUrl: string, options: HttpOptions): Promise<HttpExchange> {
  const responses: HttpResponse[] = [];
  const seen = new Set<string>();
  let url = startUrl;
  for (let hop = 0; ; hop++) {
    seen.add(url);
    const response = await fetchOnce(transport, url, options);
    responses.push(response);
    const location = response.status >= 300 && response.status < 400 ? headerValue(response.headers.location) : undefined;
    if (!location) return { responses };
    let next: string;
    try {
      next = new URL(location, url).href;
    } catch {
      return { responses };
    }
    if (!/^https?:$/.test(new URL(next).protocol)) return { responses };
    if (seen.has(next)) return { responses, stopped: { reason: 'loop', location: next } };
    if (hop >= options.maxRedirects) return { responses, stopped: { reason: 'max-redirects', location: next } };
    const target = new URL(next);
    try {
      transport.precheck(hostOf(target), portOf(target));
    } catch (error) {
      if (error instanceof ScopeError) return { responses, stopped: { reason: 'out-of-scope', location: next } };
      throw error;
    }
    url = next;
  }
}

export async function fetchOnce(transport: HttpTransport, url: string, options: HttpOptions): Promise<HttpResponse> {
  const target = new URL(url);
  const host = hostOf(target);
  const port = portOf(target);
  transport.precheck(host, port);
  const address = await transport.resolve(host);
  const attempt = (fresh: boolean) => transport.run({ host, address, port }, options.signal, () => send(transport, target, host, address, port, options, fresh));
  try {
    return await attempt(false);
  } catch (error) {
    // A kept-alive connection the server closed just as we reused it: the request never reached
    // it, so it is sent again once on a new connection, through the guard (a new rate token).
    if (error instanceof StaleConnectionError) return attempt(true);
    throw error;
  }
}

/** The server closed a reused keep-alive connection before answering (cause: the socket error). */
class StaleConnectionError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

const STALE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/**
 * Sockets that have carried a request. Node marks `req.reusedSocket` only when a request finds an
 * idle connection, not when one waiting in the agent's queue is handed a connection just freed.
 */
const usedSockets = new WeakSet<object>();

function send(transport: HttpTransport, target: URL, host: string, address: string, port: number, options: HttpOptions, fresh: boolean): Promise<HttpResponse> {
  const started = performance.now();
  // The timeout runs from the moment the request has a connection: waiting for one of the
  // task's few kept-alive connections is not the server being slow.
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const pinnedLookup: LookupFunction = (_name, lookupOptions, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const requester = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = fresh || !transport.pool ? false : transport.pool.agentFor(target.protocol);
  return new Promise<HttpResponse>((resolve, reject) => {
    let answered = false;
    let reused = false;
    const settle = () => clearTimeout(timer);
    const req = requester(
      target,
      {
        method: options.method ?? 'GET',
        headers: { 'user-agent': transport.userAgent, accept: '*/*', ...options.headers },
        lookup: pinnedLookup,
        agent,
        signal,
        servername: canonicalIp(host) ? '' : host,
        rejectUnauthorized: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = options.maxBodyBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            truncated = true;
            res.destroy();
            done();
          } else {
            chunks.push(chunk);
            size += chunk.length;
          }
        });
        const done = () => {
          settle();
          resolve({
            url: target.href,
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
            truncated,
            address,
            elapsedMs: performance.now() - started,
          });
        };
        res.on('end', done);
        res.on('error', (error) => {
          settle();
          if (!truncated) reject(error);
        });
      },
    );
    req.once('socket', (socket) => {
      reused = usedSockets.has(socket);
      usedSockets.add(socket);
      timer = setTimeout(() => deadline.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError')), options.timeoutMs);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      const stale = reused && !answered && !signal.aborted && STALE_CODES.has(error.code ?? '');
      reject(stale ? new StaleConnectionError(error) : error);
    });
    req.end();
  });
}

function hostOf(url: URL): string {
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  return canonicalIp(bare) ?? bare.toLowerCase();
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
