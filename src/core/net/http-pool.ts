import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * Connections a task keeps open to one origin, like a browser's six. Requests beyond it wait for
 * a free connection; their timeout starts only once they have one (see send in http.ts).
 */
export const MAX_SOCKETS_PER_ORIGIN = 6;

/**
 * The keep-alive connections of one scan task: a site's ninety-odd requests (front page, CORS,
 * TRACE, well-known files, soft-404 baseline, exposure paths) share a few connections instead of
 * opening one each — for HTTPS, a few handshakes instead of ninety. Made on first use and
 * destroyed when the task ends, so no socket outlives its task and nothing holds the process
 * open. Sockets are never shared between tasks: each task's politeness stays its own.
 */
export class HttpPool {
  private http: HttpAgent | null = null;
  private https: HttpsAgent | null = null;
  private closed = false;

  /** The agent for a URL's protocol, or false (a one-off connection) once the pool is closed. */
  agentFor(protocol: string): HttpAgent | false {
    if (this.closed) return false;
    const options = { keepAlive: true, maxSockets: MAX_SOCKETS_PER_ORIGIN, maxFreeSockets: MAX_SOCKETS_PER_ORIGIN, scheduling: 'lifo' as const };
    if (protocol === 'https:') return (this.https ??= new HttpsAgent(options));
    return (this.http ??= new HttpAgent(options));
  }

  /** Closes every connection, in use or idle. */
  destroy(): void {
    this.closed = true;
    this.http?.destroy();
    this.https?.destroy();
    this.http = null;
    this.https = null;
  }
}
