import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/clock.js';
import { RateGate } from '../../../src/core/net/rate-gate.js';

class FakeClock implements Clock {
  time = 1_000;
  readonly sleeps: number[] = [];
  now(): number {
    return 1_700_000_000_000 + this.time;
  }
  monotonic(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

function reserveMany(gate: RateGate, host: string, count: number): number[] {
  return Array.from({ length: count }, () => gate.reserve(host));
}

describe('RateGate.reserve', () => {
  it('without burst (10/s): the first goes now, then waits spaced 100 ms', () => {
    const gate = new RateGate(10, new FakeClock());
    expect(reserveMany(gate, 'h', 4)).toEqual([0, 100, 200, 300]);
  });

  it('with the default burst (100/s → 5): five go now, then waits spaced 10 ms', () => {
    const gate = new RateGate(100, new FakeClock());
    expect(reserveMany(gate, 'h', 8)).toEqual([0, 0, 0, 0, 0, 10, 20, 30]);
  });

  it('honours an explicit burst', () => {
    const gate = new RateGate(4, new FakeClock(), 3);
    expect(reserveMany(gate, 'h', 6)).toEqual([0, 0, 0, 250, 500, 750]);
  });

  it('hosts are paced independently', () => {
    const gate = new RateGate(10, new FakeClock());
    expect(gate.reserve('a')).toBe(0);
    expect(gate.reserve('a')).toBe(100);
    expect(gate.reserve('b')).toBe(0);
    expect(gate.reserve('b')).toBe(100);
    expect(gate.reserve('a')).toBe(200);
  });

  it('waits shrink as time passes and the allowance recovers', () => {
    const clock = new FakeClock();
    const gate = new RateGate(10, clock);
    expect(reserveMany(gate, 'h', 3)).toEqual([0, 100, 200]);
    clock.advance(150);
    expect(gate.reserve('h')).toBe(150);
    clock.advance(10_000);
    expect(gate.reserve('h')).toBe(0);
    expect(gate.reserve('h')).toBe(100);
  });

  it('a burst refills after an idle second', () => {
    const clock = new FakeClock();
    const gate = new RateGate(100, clock);
    reserveMany(gate, 'h', 8);
    clock.advance(1_000);
    expect(reserveMany(gate, 'h', 6)).toEqual([0, 0, 0, 0, 0, 10]);
  });

  it('rate 0 is unlimited', () => {
    const gate = new RateGate(0, new FakeClock());
    expect(gate.unlimited).toBe(true);
    expect(reserveMany(gate, 'h', 1000).every((wait) => wait === 0)).toBe(true);
    expect(new RateGate(5, new FakeClock()).unlimited).toBe(false);
  });

  it('keeps pacing correct past the host-table sweep', () => {
    const clock = new FakeClock();
    const gate = new RateGate(10, clock);
    for (let i = 0; i < 5000; i++) gate.reserve(`10.0.${i >> 8}.${i & 255}`);
    expect(gate.reserve('10.0.0.0')).toBe(100);
    clock.advance(1_000);
    for (let i = 0; i < 5000; i++) gate.reserve(`b${i}`);
    expect(gate.reserve('10.0.0.0')).toBe(0);
  });
});

describe('RateGate.take', () => {
  it('sleeps only when it must, for the reserved wait', async () => {
    const clock = new FakeClock();
    const gate = new RateGate(10, clock);
    await gate.take('h');
    await gate.take('h');
    await gate.take('h');
    expect(clock.sleeps).toEqual([100, 100]);
  });

  it('passes the abort signal to sleep', async () => {
    const seen: Array<AbortSignal | undefined> = [];
    const clock: Clock = {
      now: () => 0,
      monotonic: () => 0,
      sleep: (_ms, signal) => {
        seen.push(signal);
        return Promise.reject(new DOMException('aborted', 'AbortError'));
      },
    };
    const gate = new RateGate(1, clock);
    const controller = new AbortController();
    await gate.take('h', controller.signal);
    await expect(gate.take('h', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([controller.signal]);
  });
});
