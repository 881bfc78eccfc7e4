import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT, splitAudit, validSegment } from '../../src/cluster/split.js';
import type { AuditJob } from '../../src/core/run-audit.js';

function job(targets: AuditJob['targets'], exclude: string[] = []): AuditJob {
  return {
    targets,
    exclude,
    excludePorts: '2024',
    resolve: {},
    allowLarge: false,
    scanners: ['ports'],
    scannerOptions: {},
    limits: { concurrency: 100, hostConcurrency: 8, ratePerHost: 0, maxHosts: 16, taskTimeoutMs: 1000, taskRetries: 0 },
    userAgent: 'test',
  };
}

const group = (segment?: string) => ({ agency: 'A', tags: [], ...(segment ? { segment } : {}) });

describe('splitAudit', () => {
  it('puts every host in exactly one chunk of its own segment, in chunks of at most the chunk size', () => {
    const split = splitAudit(job([{ spec: '127.0.150.0/28', group: group('east') }, { spec: '127.0.150.16/29', group: group('west') }, { spec: '127.0.150.100' }]), 'u', 5);
    expect(split.segments).toEqual([
      { segment: 'east', hosts: 16, chunks: 4 },
      { segment: 'west', hosts: 8, chunks: 2 },
      { segment: DEFAULT_SEGMENT, hosts: 1, chunks: 1 },
    ]);
    const hosts = split.jobs.flatMap((j) => j.hosts.map((h) => h.host));
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts).toHaveLength(25);
    for (const j of split.jobs) {
      expect(j.hosts.length).toBeLessThanOrEqual(5);
      expect(j.maxHosts).toBe(Math.min(16, j.hosts.length));
    }
    expect(split.jobs.map((j) => j.chunk)).toEqual(split.jobs.map((_, i) => i));
  });

  it('gives a chunk its own segment\'s scope and never another segment\'s hosts', () => {
    const split = splitAudit(job([{ spec: '127.0.150.1', group: group('east') }, { spec: '127.0.150.2', group: group('west') }]), 'u', 10);
    const east = split.jobs.find((j) => j.segment === 'east')!;
    expect(east.spec.scope.include).toEqual([{ family: 4, start: String((127n << 24n) + (150n << 8n) + 1n), end: String((127n << 24n) + (150n << 8n) + 1n) }]);
    expect(east.spec.scope.excludePorts).toBe('2024');
  });

  it('scans a host named under two segments once, for the first, and keeps exclusions', () => {
    const split = splitAudit(job([{ spec: '127.0.150.1', group: group('east') }, { spec: '127.0.150.0/30', group: group('west') }], ['127.0.150.2']), 'u', 10);
    const all = split.jobs.flatMap((j) => j.hosts.map((h) => `${j.segment}:${h.host}`));
    expect(all).toEqual(['east:127.0.150.1', 'west:127.0.150.0', 'west:127.0.150.3']);
  });

  it('gives each job only its own hosts\' previous pages, not the whole audit\'s', () => {
    const withPages = { ...job([{ spec: '127.0.150.1' }, { spec: '127.0.150.2' }]), scannerOptions: { http: { checks: [], previousPages: { 'http://127.0.150.1:8080/': { a: 1 }, 'http://127.0.150.2/x': { b: 2 } } } } };
    const pages = splitAudit(withPages, 'u', 1).jobs.map((j) => Object.keys((j.spec.scannerOptions.http as { previousPages: object }).previousPages));
    expect(pages).toEqual([['http://127.0.150.1:8080/'], ['http://127.0.150.2/x']]);
  });

  it('accepts only names that are safe in key and ACL patterns', () => {
    expect(validSegment('so-tttt_01')).toBe(true);
    for (const bad of ['', 'a*b', 'a:b', 'a b', '-x', 'x'.repeat(64)]) expect(validSegment(bad)).toBe(false);
  });
});
