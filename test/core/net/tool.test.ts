import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { ScopeError } from '../../../src/core/errors.js';
import { Network } from '../../../src/core/net/index.js';
import { Resolver } from '../../../src/core/net/resolve.js';
import { runTool, ToolError, toolVersion } from '../../../src/core/net/tool.js';
import { buildTargetSet } from '../../../src/core/run-audit.js';
import { Scope } from '../../../src/core/scope/scope.js';

describe('peer tools', () => {
  it('returns what the tool printed and its exit code', async () => {
    const result = await runTool('sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 5000, maxBytes: 1024 });
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('kills the tool when the task is aborted (Ctrl-C), and it is gone afterwards', async () => {
    const controller = new AbortController();
    const run = runTool('sh', ['-c', 'echo $$; exec sleep 30'], { timeoutMs: 60_000, maxBytes: 1024 }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    controller.abort();
    await expect(run).rejects.toThrow(/aborted/i);
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('kills a tool that overruns its time, and one that prints too much', async () => {
    await expect(runTool('sleep', ['30'], { timeoutMs: 200, maxBytes: 1024 })).rejects.toMatchObject({ reason: 'timeout' });
    await expect(runTool('yes', [], { timeoutMs: 5000, maxBytes: 64 * 1024 })).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('says a tool is missing instead of crashing, and caches the version look-up', async () => {
    await expect(runTool('/nonexistent/nmap', [], { timeoutMs: 1000, maxBytes: 1024 })).rejects.toBeInstanceOf(ToolError);
    await expect(toolVersion('/nonexistent/nmap')).resolves.toBeNull();
    const first = toolVersion('sh');
    expect(toolVersion('sh')).toBe(first);
  });
});

describe('peer tools behind the guard', () => {
  const network = () =>
    new Network({
      scope: new Scope(buildTargetSet({ targets: [{ spec: '127.0.90.20' }], exclude: [], allowLarge: false }).scopeSpec('2024')),
      limits: { concurrency: 4, hostConcurrency: 2, ratePerHost: 0 },
      resolver: new Resolver({}, async () => {
        throw new Error('no DNS in tests');
      }),
      clock: systemClock,
      userAgent: 'rasoat-test',
    });

  it('refuses to start a tool on an excluded port or an address outside the scope, before it runs', async () => {
    const net = network().forTask(new AbortController().signal);
    expect(net.excludedPorts()).toBe('2024');
    expect(() => net.runTool({ host: '127.0.90.20', address: '127.0.90.20', ports: [22, 2024] }, 'sh', ['-c', 'exit 0'], { timeoutMs: 1000, maxBytes: 1024 })).toThrow(ScopeError);
    expect(() => net.runTool({ host: '127.0.90.21', address: '127.0.90.21', ports: [22] }, 'sh', ['-c', 'exit 0'], { timeoutMs: 1000, maxBytes: 1024 })).toThrow(ScopeError);
    await expect(net.runTool({ host: '127.0.90.20', address: '127.0.90.20', ports: [22] }, 'sh', ['-c', 'echo ran'], { timeoutMs: 1000, maxBytes: 1024 })).resolves.toMatchObject({ stdout: 'ran\n' });
  });
});
