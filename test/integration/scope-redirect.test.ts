import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { ScopeError } from '../../src/core/errors.js';
import { Network } from '../../src/core/net/index.js';
import { Resolver } from '../../src/core/net/resolve.js';
import { buildTargetSet } from '../../src/core/run-audit.js';
import { Scope } from '../../src/core/scope/scope.js';
import { startHttp, type HttpFixture } from '../../fixtures/servers/http.js';

// 127.0.60.1 is the audited portal. It redirects to 127.0.60.2 (never named as a target), to a
// host name nobody gave, and, once, to a second page of its own.
let portal: HttpFixture;
let outsider: HttpFixture;
const lookups: string[] = [];

function network(targets: string[], pins: Record<string, string[]> = {}): Network {
  const set = buildTargetSet({ targets: targets.map((spec) => ({ spec })), exclude: [], allowLarge: false });
  const resolver = new Resolver(pins, async (name) => {
    lookups.push(name);
    throw Object.assign(new Error('no DNS in tests'), { code: 'ENOTFOUND' });
  });
  return new Network({ scope: new Scope(set.scopeSpec('2024')), limits: { concurrency: 10, hostConcurrency: 2, ratePerHost: 0 }, resolver, clock: systemClock, userAgent: 'rasoat-test' });
}

const fetchOptions = { timeoutMs: 3000, maxBodyBytes: 1 << 16, maxRedirects: 5 };

beforeAll(async () => {
  outsider = await startHttp('127.0.60.2', 18080, (_req, res) => res.end('you should not be here'));
  portal = await startHttp('127.0.60.1', 18080, (req, res) => {
    const to: Record<string, string> = {
      '/to-outsider': 'http://127.0.60.2:18080/',
      '/to-name': 'http://intranet.internal.example:18080/',
      '/to-self': '/landing',
      '/loop': '/loop',
    };
    const location = to[req.url ?? ''];
    if (location) {
      res.writeHead(302, { location });
      res.end();
    } else res.end('portal');
  });
});
afterAll(async () => {
  await portal.close();
  await outsider.close();
});

describe('the scope holds for redirects', () => {
  it('follows a redirect inside the scope', async () => {
    const net = network(['http://127.0.60.1:18080/']).forTask(new AbortController().signal);
    const exchange = await net.fetch('http://127.0.60.1:18080/to-self', fetchOptions);
    expect(exchange.responses.map((r) => [r.status, r.url])).toEqual([
      [302, 'http://127.0.60.1:18080/to-self'],
      [200, 'http://127.0.60.1:18080/landing'],
    ]);
    expect(exchange.stopped).toBeUndefined();
  });

  it('stops at a redirect to an address outside the scope without sending it a packet', async () => {
    const net = network(['http://127.0.60.1:18080/']).forTask(new AbortController().signal);
    const exchange = await net.fetch('http://127.0.60.1:18080/to-outsider', fetchOptions);
    expect(exchange.responses).toHaveLength(1);
    expect(exchange.stopped).toEqual({ reason: 'out-of-scope', location: 'http://127.0.60.2:18080/' });
    expect(outsider.connections).toBe(0);
  });

  it('stops at a redirect to a name nobody gave, without even resolving it', async () => {
    const net = network(['http://127.0.60.1:18080/']).forTask(new AbortController().signal);
    const exchange = await net.fetch('http://127.0.60.1:18080/to-name', fetchOptions);
    expect(exchange.stopped?.reason).toBe('out-of-scope');
    expect(lookups).toEqual([]);
  });

  it('stops a redirect loop', async () => {
    const net = network(['http://127.0.60.1:18080/']).forTask(new AbortController().signal);
    const exchange = await net.fetch('http://127.0.60.1:18080/loop', fetchOptions);
    expect(exchange.stopped?.reason).toBe('loop');
  });

  it('refuses a direct request or probe outside the scope before opening a socket', async () => {
    const net = network(['127.0.60.1']).forTask(new AbortController().signal);
    await expect(net.fetch('http://127.0.60.2:18080/', fetchOptions)).rejects.toBeInstanceOf(ScopeError);
    await expect(net.tcpProbe('127.0.60.2', '127.0.60.2', 18080, 500)).rejects.toBeInstanceOf(ScopeError);
    // A name target may only be reached at the address it resolved to, not used as a key to another.
    await expect(net.tcpProbe('127.0.60.1', '127.0.60.2', 18080, 500)).rejects.toBeInstanceOf(ScopeError);
    expect(outsider.connections).toBe(0);
  });

  it('pins a name with --resolve and reaches it there, with no DNS query', async () => {
    const net = network(['http://portal.example.gov.vn:18080/'], { 'portal.example.gov.vn': ['127.0.60.1'] }).forTask(new AbortController().signal);
    const exchange = await net.fetch('http://portal.example.gov.vn:18080/', fetchOptions);
    expect(exchange.responses[0]?.body.toString()).toBe('portal');
    expect(exchange.responses[0]?.address).toBe('127.0.60.1');
    expect(lookups).toEqual([]);
  });
});
