/**
 * The fleet's listeners, run as a child process of the bench. Receives the listener list over IPC,
 * binds every one, answers { ready: count } (or { error }) and then serves until killed.
 */
import { createServer, type Server } from 'node:net';
import type { Listener } from './fleet.js';
import { assertSafeTarget } from './safety.js';

function listen(listener: Listener): Promise<Server> {
  assertSafeTarget(listener.host, listener.port);
  const server = createServer((socket) => {
    // Scanners close with RST: an ECONNRESET here is expected, never a reason to crash.
    socket.on('error', () => {});
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: listener.host, port: listener.port, backlog: 1024 }, () => {
      server.off('error', reject);
      server.on('error', () => {});
      resolve(server);
    });
  });
}

process.on('disconnect', () => process.exit(0));
process.once('message', async (message: { listeners: Listener[] }) => {
  try {
    const servers = await Promise.all(message.listeners.map(listen));
    process.send!({ ready: servers.length });
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect();
  }
});
