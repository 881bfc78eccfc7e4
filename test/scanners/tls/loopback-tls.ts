import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TlsOptions } from 'node:tls';
import { ServerReplyReader, type ServerReply } from '../../../src/scanners/tls/server-reply.js';

/** Tests speak only to this loopback address: never to any other host. */
export const LOOPBACK_HOST = '127.0.64.1';

export interface KeyAndCert {
  key: string;
  cert: string;
}

/** A throwaway self-signed RSA certificate made with the openssl command. */
export function selfSignedCertificate(commonName: string): KeyAndCert {
  const dir = mkdtempSync(join(tmpdir(), 'rasoat-wire-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-subj', `/CN=${commonName}`, '-days', '2', '-addext', `subjectAltName=DNS:${commonName}`],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LoopbackServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startTlsServer(options: TlsOptions): Promise<LoopbackServer> {
  const server: Server = createServer(options, (socket) => socket.end());
  // A refused handshake is what several tests want; it must not crash the test process.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Sends `hello` to the loopback server and reads its answer until it is complete, closed, or the time is up. */
export function exchange(port: number, hello: Buffer, timeoutMs = 3000): Promise<ServerReply> {
  return new Promise((resolve, reject) => {
    const reader = new ServerReplyReader();
    const socket = connect({ host: LOOPBACK_HOST, port });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reader.outcome());
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => socket.write(hello));
    socket.on('data', (chunk: Buffer) => {
      reader.feed(chunk);
      if (reader.complete) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after a refusal is an answer; anything else is a broken test setup.
      if (error.code === 'ECONNRESET') finish();
      else {
        clearTimeout(timer);
        reject(error);
      }
    });
  });
}
