import { describe, expect, it } from 'vitest';
import { acceptResult, judgeReports, notScannedReports } from '../../src/cluster/settle.js';
import { splitAudit } from '../../src/cluster/split.js';
import { deriveCoverage } from '../../src/core/model/coverage.js';
import type { AuditJob } from '../../src/core/run-audit.js';

const clock = { now: () => Date.parse('2026-11-25T00:00:00Z'), monotonic: () => 0, sleep: async () => undefined };
const base: AuditJob = {
  targets: [{ spec: '127.0.150.1', group: { agency: 'Sở A', tags: [], segment: 'A' } }, { spec: '127.0.150.2', group: { agency: 'Sở A', tags: [], segment: 'A' } }],
  exclude: [],
  excludePorts: '',
  resolve: {},
  allowLarge: false,
  scanners: ['ports'],
  scannerOptions: {},
  limits: { concurrency: 10, hostConcurrency: 2, ratePerHost: 0, maxHosts: 4, taskTimeoutMs: 1000, taskRetries: 0 },
  userAgent: 't',
};
const job = splitAudit(base, 'uuid-1', 10).jobs[0]!;
const obs = (host: string, kind = 'port.open', scanner = 'ports') => ({ kind, host, scanner, at: '2026-11-25T00:00:00Z', port: 22, data: { port: 22, protocol: 'tcp', service: 'ssh', reason: 'syn-ack', rttMs: 1 } });
const result = (hosts: unknown[]) => ({ v: 1, auditUuid: 'uuid-1', chunk: job.chunk, segment: 'A', agent: 'a1', hosts });

describe('acceptResult', () => {
  it('keeps only the job\'s hosts, scanners and known kinds, with the server\'s own host identity', () => {
    const accepted = acceptResult(
      result([
        { target: { host: '127.0.150.1', address: '127.0.150.1', group: { agency: 'FORGED', tags: [] }, explicit: false }, up: true, tasks: [{ host: '127.0.150.1', scanner: 'ports', status: 'ok', durationMs: 5, attempts: 1 }], observations: [obs('127.0.150.1'), obs('127.0.150.9'), obs('127.0.150.1', 'made.up'), obs('127.0.150.1', 'port.open', 'tls')] },
        { target: { host: '127.0.150.99' }, up: true, tasks: [], observations: [obs('127.0.150.99')] },
      ]),
      job,
    )!;
    expect(accepted.hosts.map((h) => h.target.host)).toEqual(['127.0.150.1']);
    expect(accepted.hosts[0]!.observations).toHaveLength(1);
    expect(accepted.hosts[0]!.target.group?.agency).toBe('Sở A');
    expect(accepted.hosts[0]!.target.explicit).toBe(true);
  });

  it('drops a result for another audit, chunk or segment, or of the wrong shape', () => {
    expect(acceptResult({ ...result([]), auditUuid: 'other' }, job)).toBeNull();
    expect(acceptResult({ ...result([]), segment: 'B' }, job)).toBeNull();
    expect(acceptResult({ ...result([]), chunk: 7 }, job)).toBeNull();
    expect(acceptResult({ v: 2 }, job)).toBeNull();
    expect(acceptResult('x'.repeat(10), job)).toBeNull();
    expect(acceptResult(result([{ target: { host: '127.0.150.1' }, up: true, tasks: [{ host: '127.0.150.1', scanner: 'ports', status: 'pwned', durationMs: 1, attempts: 1 }], observations: [] }]), job)).toBeNull();
  });
});

describe('reports for hosts no agent scanned', () => {
  it('are not assessed with the reason, stored even for range addresses, and never pass', () => {
    const reports = notScannedReports([{ host: '127.0.150.7', kind: 'ip', address: '127.0.150.7', urls: [], ports: [], explicit: false }], ['ports'], 'no live agent in segment C for 60 s', clock);
    const coverage = deriveCoverage([{ id: 'ports', observes: ['port.open'] }], reports[0]!.tasks, reports[0]!.observations);
    expect(coverage.unreachable).toBe('not-scanned: no live agent in segment C for 60 s');
    const judged = judgeReports(reports, [{ id: 'ports', observes: ['port.open'] } as never], (target, _o, c) => [{ fingerprint: 'f', ruleId: 'r', outcome: c.unreachable ? 'not-assessed' : 'pass', severity: 'high', category: 'x', host: target.host, evidenceKey: '', evidence: {}, title: { en: '', vi: '' }, controls: [], reason: c.unreachable } as never]);
    expect(judged.batch.targets.map((t) => t.host)).toEqual(['127.0.150.7']);
    expect(judged.stats.outcomes).toEqual({ 'not-assessed': 1 });
    expect(judged.stats.hostsDown).toBe(1);
  });
});
