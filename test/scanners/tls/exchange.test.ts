import { describe, expect, it } from 'vitest';
import { StreamError, type TaskNet, type TcpStream } from '../../../src/core/net/index.js';
import { exchange, type ExchangeContext } from '../../../src/scanners/tls/exchange.js';
import { handshake, record, serverHelloBody } from './server-bytes.js';

const SERVER_HELLO = Buffer.concat([
  record(22, 0x0303, handshake(2, serverHelloBody({ version: 0x0303, cipherSuite: 0xc02f }))),
  record(22, 0x0303, handshake(14, Buffer.alloc(0))),
]);

/** A network whose connections answer from a script: 'hello' sends a ServerHello, 'timeout' stays silent. */
function scriptedNet(script: Array<'hello' | 'timeout'>): { net: TaskNet; connections: () => number } {
  let connections = 0;
  const net = {
    withTcp: async <T>(_h: string, _a: string, _p: number, _l: unknown, use: (stream: TcpStream) => Promise<T>): Promise<T> => {
      const step = script[connections++] ?? 'timeout';
      let sent = false;
      const stream = {
        write: async () => undefined,
        read: async () => {
          if (step === 'timeout') throw new StreamError('timeout', 'no data');
          if (sent) return null;
          sent = true;
          return SERVER_HELLO;
        },
      } as unknown as TcpStream;
      return use(stream);
    },
  } as unknown as TaskNet;
  return { net, connections: () => connections };
}

function context(net: TaskNet): ExchangeContext {
  return { net, endpoint: { host: 'h', address: '127.0.0.1', port: 443, starttls: null, sni: null }, limits: { timeoutMs: 10, deadlineMs: 20, maxBytes: 65536 }, handshakes: { count: 0 }, silence: { seen: false, answered: false } };
}

describe('exchange under silence and load', () => {
  it('stops sending hellos to a port that never answered', async () => {
    const { net, connections } = scriptedNet(['timeout', 'hello']);
    const ctx = context(net);
    expect((await exchange(ctx, Buffer.from('x'))).kind).toBe('incomplete');
    expect((await exchange(ctx, Buffer.from('x'))).kind).toBe('incomplete');
    expect(connections()).toBe(1);
  });

  it('sends the hello again when a port that has answered before times out once', async () => {
    const { net, connections } = scriptedNet(['hello', 'timeout', 'hello']);
    const ctx = context(net);
    expect((await exchange(ctx, Buffer.from('x'))).kind).toBe('server-hello');
    expect((await exchange(ctx, Buffer.from('x'))).kind).toBe('server-hello');
    expect(connections()).toBe(3);
  });
});
