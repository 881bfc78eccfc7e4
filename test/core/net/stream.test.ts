import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamError, withTcpStream, type StreamLimits } from '../../../src/core/net/stream.js';
import { TrustStore } from '../../../src/core/net/trust.js';
import { issue } from '../../../fixtures/certs/generate.js';
import { startListeners, type ListenerSet } from '../../../fixtures/servers/listeners.js';

const HOST = '127.0.66.1';
const limits: StreamLimits = { timeoutMs: 300, deadlineMs: 1500, maxBytes: 4096 };
let listeners: ListenerSet;

beforeAll(async () => {
  listeners = await startListeners([
    { host: HOST, port: 42001, banner: '220 mail.example ESMTP\r\n' },
    { host: HOST, port: 42002, onConnection: (s) => s.resetAndDestroy() },
    { host: HOST, port: 42003, onConnection: () => {} },
    {
      host: HOST,
      port: 42004,
      onConnection: (s) => {
        const drip = setInterval(() => (s.destroyed ? clearInterval(drip) : s.write('x')), 100);
      },
    },
    { host: HOST, port: 42005, onConnection: (s) => s.end(Buffer.alloc(10_000, 0x41)) },
  ]);
});
afterAll(() => listeners.close());

async function failure(port: number, use: Parameters<typeof withTcpStream>[4] = async (s) => s.readUntil(() => false)): Promise<StreamError> {
  try {
    await withTcpStream(HOST, port, limits, undefined, use);
  } catch (error) {
    if (error instanceof StreamError) return error;
    throw error;
  }
  throw new Error('expected a StreamError');
}

describe('withTcpStream', () => {
  it('reads a banner and writes a reply', async () => {
    const banner = await withTcpStream(HOST, 42001, limits, undefined, async (s) => {
      const greeting = await s.readUntil((b) => b.includes('\r\n'));
      await s.write('QUIT\r\n');
      return greeting.toString();
    });
    expect(banner).toBe('220 mail.example ESMTP\r\n');
  });

  it('names each way a server can misbehave, within its limits', async () => {
    expect((await failure(42009)).reason).toBe('refused');
    expect((await failure(42003)).reason).toBe('timeout');
    expect((await failure(42004)).reason).toBe('deadline');
    expect((await failure(42005)).reason).toBe('too-large');
    const reset = await withTcpStream(HOST, 42002, limits, undefined, (s) => s.read()).catch((e: unknown) => e);
    // A reset before any data is either an error or an immediate end, never a hang.
    expect(reset === null || (reset instanceof StreamError && reset.reason === 'reset')).toBe(true);
  });

  it('stops at once when the task is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped')), 50);
    await expect(withTcpStream(HOST, 42003, { ...limits, timeoutMs: 5000, deadlineMs: 5000 }, controller.signal, (s) => s.read())).rejects.toThrow('stopped');
  });
});

describe('TLS upgrade', () => {
  const ca = issue({ subject: '/CN=Stream Test CA', ca: true, days: 365 });
  const leaf = issue({ subject: '/CN=tls.stream.test', san: ['DNS:tls.stream.test'], issuer: ca });
  let close: () => void;
  beforeAll(async () => {
    const server = createTlsServer({ key: leaf.key, cert: `${leaf.cert}${ca.cert}` }, (s) => s.end());
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(42010, HOST, resolve));
    close = () => server.close();
  });
  afterAll(() => close());

  it('reports the session, the chain as served and whether it is trusted', async () => {
    const trusted = await withTcpStream(HOST, 42010, limits, undefined, (s) => s.startTls({ servername: 'tls.stream.test', trust: TrustStore.load({ system: false, caFiles: [ca.certFile] }) }));
    expect(trusted.protocol).toBe('TLSv1.3');
    expect(trusted.authorized).toBe(true);
    expect(trusted.peerChain).toHaveLength(2);
    const untrusted = await withTcpStream(HOST, 42010, limits, undefined, (s) => s.startTls({ servername: 'tls.stream.test' }));
    expect(untrusted.authorized).toBe(false);
    expect(untrusted.authorizationError).toMatch(/UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED/);
  });

  it('fails cleanly when the other side does not speak TLS', async () => {
    const error = await failure(42001, (s) => s.startTls({}));
    expect(error.reason).toBe('tls');
  });
});
