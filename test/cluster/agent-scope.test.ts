import { describe, expect, it } from 'vitest';
import { AgentScope } from '../../src/cluster/agent-scope.js';
import { splitAudit } from '../../src/cluster/split.js';
import type { AuditJob } from '../../src/core/run-audit.js';

const base: Omit<AuditJob, 'targets'> = {
  exclude: [],
  excludePorts: '',
  resolve: {},
  allowLarge: false,
  scanners: ['ports'],
  scannerOptions: {},
  limits: { concurrency: 10, hostConcurrency: 2, ratePerHost: 0, maxHosts: 4, taskTimeoutMs: 1000, taskRetries: 0 },
  userAgent: 't',
};
const chunkOf = (...specs: string[]) => splitAudit({ ...base, targets: specs.map((spec) => ({ spec })) }, 'u', 100).jobs[0]!;

describe('AgentScope', () => {
  it('refuses a job with any host outside what the agent allows, naming it', () => {
    const scope = new AgentScope(['127.0.150.0/28', 'portal.example.vn']);
    expect(scope.refusal(chunkOf('127.0.150.1', '127.0.150.15', 'portal.example.vn'))).toBeNull();
    expect(scope.refusal(chunkOf('127.0.150.1', '127.0.150.16'))).toMatch(/127\.0\.150\.16 is outside/);
    expect(scope.refusal(chunkOf('other.example.vn'))).toMatch(/other\.example\.vn is outside/);
  });

  it('narrows a job\'s scope to the intersection, so a redirect cannot leave the agent\'s scope either', () => {
    const scope = new AgentScope(['127.0.150.8/29']);
    const narrowed = scope.narrow(chunkOf('127.0.150.0/28').spec.scope);
    const ip = (d: number) => String((127n << 24n) + (150n << 8n) + BigInt(d));
    expect(narrowed.include).toEqual([{ family: 4, start: ip(8), end: ip(15) }]);
    expect(narrowed.names).toEqual([]);
  });

  it('will not run without an allowed scope', () => {
    expect(() => new AgentScope([])).toThrow(/allowed scope/);
  });
});
