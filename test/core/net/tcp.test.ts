import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { Prober, probeEngine } from '../../../src/core/net/tcp.js';
import { startListeners, type ListenerSet } from '../../../fixtures/servers/listeners.js';

const HOST = '127.0.61.1';
let listeners: ListenerSet;
beforeAll(async () => {
  listeners = await startListeners([{ host: HOST, port: 41000 }]);
});
afterAll(() => listeners.close());

function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // A busy scanner thread: nothing else runs meanwhile.
  }
}

describe(`Prober (${probeEngine})`, () => {
  it('tells open from closed on loopback', async () => {
    const prober = new Prober(systemClock);
    expect((await prober.probe(HOST, 41000, 1000)).state).toBe('open');
    expect((await prober.probe(HOST, 41001, 1000)).state).toBe('closed');
  });

  it('does not call a port filtered because rasoat itself was too busy to read the answer', async () => {
    const prober = new Prober(systemClock);
    const pending = prober.probe(HOST, 41000, 20);
    // The handshake completes in the kernel at once; the timer expires while this thread is busy.
    blockEventLoop(150);
    const result = await pending;
    expect(result.state).toBe('open');
    expect(result.reason).toBe('syn-ack');
  });

  it('cancels every probe in flight when its task is aborted', async () => {
    const controller = new AbortController();
    const prober = new Prober(systemClock, controller.signal);
    const probes = [prober.probe(HOST, 41000, 1000), prober.probe(HOST, 41002, 1000)];
    controller.abort(new Error('stopped'));
    for (const probe of probes) await expect(probe).rejects.toThrow('stopped');
  });
});
