import { describe, expect, it } from 'vitest';
import { deriveCoverage, type TaskStatus } from '../../../src/core/model/coverage.js';
import type { Observation, ObservationKind, ScanErrorReason } from '../../../src/core/model/observation.js';

const SCANNERS: ReadonlyArray<{ id: string; observes: readonly ObservationKind[] }> = [
  { id: 'ports', observes: ['host.status', 'port.open', 'port.summary'] },
  { id: 'probe', observes: ['scan.error'] },
];

const AT = '2025-01-01T00:00:00.000Z';

function hostStatus(state: 'up' | 'down', reason: string): Observation<'host.status'> {
  return { kind: 'host.status', host: '10.0.0.1', scanner: 'ports', at: AT, data: { state, reason, address: '10.0.0.1' } };
}

function scanError(scanner: string, reason: ScanErrorReason): Observation<'scan.error'> {
  return { kind: 'scan.error', host: '10.0.0.1', scanner, at: AT, data: { scanner, reason, message: 'm' } };
}

function coverageOf(status: TaskStatus, observations: Observation[] = []) {
  return deriveCoverage(SCANNERS, [{ scanner: 'ports', status }], observations);
}

describe('deriveCoverage from tasks', () => {
  it('ok: every kind the scanner observes is assessed', () => {
    const coverage = coverageOf('ok');
    expect([...coverage.assessed].sort()).toEqual(['host.status', 'port.open', 'port.summary']);
    expect(coverage.failed.size).toBe(0);
    expect(coverage.notApplicable.size).toBe(0);
    expect(coverage).not.toHaveProperty('unreachable');
  });

  it('skipped: not applicable', () => {
    const coverage = coverageOf('skipped');
    expect(coverage.assessed.size).toBe(0);
    expect([...coverage.notApplicable].sort()).toEqual(['host.status', 'port.open', 'port.summary']);
    expect(coverage.failed.size).toBe(0);
  });

  it.each(['error', 'timeout', 'interrupted'] as const)('%s: failed with that reason', (status) => {
    const coverage = coverageOf(status);
    expect(coverage.assessed.size).toBe(0);
    expect(coverage.notApplicable.size).toBe(0);
    expect([...coverage.failed.entries()].sort()).toEqual([
      ['host.status', status],
      ['port.open', status],
      ['port.summary', status],
    ]);
  });

  it('unreachable task status is ignored', () => {
    const coverage = coverageOf('unreachable');
    expect(coverage.assessed.size).toBe(0);
    expect(coverage.failed.size).toBe(0);
    expect(coverage.notApplicable.size).toBe(0);
    expect(coverage).not.toHaveProperty('unreachable');
  });

  it('tasks of unknown scanners are ignored; several scanners combine', () => {
    const coverage = deriveCoverage(
      SCANNERS,
      [
        { scanner: 'ports', status: 'ok' },
        { scanner: 'probe', status: 'timeout' },
        { scanner: 'gone', status: 'error' },
      ],
      [],
    );
    expect([...coverage.assessed].sort()).toEqual(['host.status', 'port.open', 'port.summary']);
    expect([...coverage.failed.entries()]).toEqual([['scan.error', 'timeout']]);
  });

  it('no tasks: nothing assessed', () => {
    const coverage = deriveCoverage(SCANNERS, [], []);
    expect(coverage.assessed.size + coverage.failed.size + coverage.notApplicable.size).toBe(0);
  });
});

describe('deriveCoverage from observations', () => {
  it('a down host is unreachable and only host.status stays assessed', () => {
    const coverage = coverageOf('ok', [hostStatus('down', 'no-response')]);
    expect(coverage.unreachable).toBe('host-down: no-response');
    expect([...coverage.assessed]).toEqual(['host.status']);
  });

  it('an up host keeps everything', () => {
    const coverage = coverageOf('ok', [hostStatus('up', 'syn-ack')]);
    expect(coverage).not.toHaveProperty('unreachable');
    expect(coverage.assessed.size).toBe(3);
  });

  it('an engine DNS failure is unreachable "dns"', () => {
    const coverage = coverageOf('ok', [scanError('engine', 'dns')]);
    expect(coverage.unreachable).toBe('dns');
    expect([...coverage.assessed]).toEqual(['host.status']);
  });

  it('an engine out-of-scope failure is unreachable "out-of-scope"', () => {
    expect(deriveCoverage(SCANNERS, [], [scanError('engine', 'out-of-scope')]).unreachable).toBe('out-of-scope');
  });

  it('the engine reason wins over a down host', () => {
    expect(coverageOf('ok', [hostStatus('down', 'host-unreach'), scanError('engine', 'dns')]).unreachable).toBe('dns');
  });

  it('other scan errors do not make a host unreachable', () => {
    const coverage = coverageOf('ok', [scanError('ports', 'dns'), scanError('engine', 'timeout')]);
    expect(coverage).not.toHaveProperty('unreachable');
    expect(coverage.assessed.size).toBe(3);
  });

  it('failures and not-applicable kinds survive unreachability', () => {
    const coverage = deriveCoverage(
      SCANNERS,
      [
        { scanner: 'ports', status: 'ok' },
        { scanner: 'probe', status: 'error' },
      ],
      [hostStatus('down', 'no-response')],
    );
    expect([...coverage.assessed]).toEqual(['host.status']);
    expect([...coverage.failed.entries()]).toEqual([['scan.error', 'error']]);
  });
});
