import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenClosable } from '../../../fixtures/servers/closable.js';

/** An answer: status, headers and body, or a handler for answers a plain one cannot give. */
export type Route = { status?: number; headers?: Record<string, string | string[]>; body?: string | Buffer } | ((req: IncomingMessage, res: ServerResponse) => void);

export interface RouteServer {
  /** Paths requested (with their query), in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * A loopback web server answering exact paths (query included) from `routes`, and every other
 * path with `fallback` (a plain 404 when not given).
 */
export async function startRouteServer(host: string, port: number, routes: Record<string, Route>, fallback: Route = { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not Found</body></html>' }): Promise<RouteServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    req.resume();
    res.on('error', () => undefined);
    const route = routes[path] ?? fallback;
    if (typeof route === 'function') return route(req, res);
    res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? '');
  });
  return { requests, close: await listenClosable(server, host, port) };
}

export const html = (head: string, body = '<p>Cổng thông tin điện tử</p>'): Route => ({
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html><html><head><title>Cổng thông tin</title>${head}</head><body>${body}</body></html>`,
});
