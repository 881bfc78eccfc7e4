import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/clock.js';
import { ProgressTracker } from '../../../src/core/scheduler/progress.js';

class FakeClock implements Clock {
  time = 5_000;
  now(): number {
    return this.time;
  }
  monotonic(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.time += ms;
    return Promise.resolve();
  }
}

describe('ProgressTracker', () => {
  it('starts at zero with no ETA', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(4, 2, clock);
    clock.time += 500;
    expect(tracker.snapshot(0, false)).toEqual({
      hostsTotal: 4,
      hostsDone: 0,
      hostsRunning: 0,
      tasksDone: 0,
      tasksRunning: 0,
      fraction: 0,
      hostsPerSecond: 0,
      operationsPerSecond: 0,
      elapsedMs: 500,
      etaMs: null,
      paused: false,
    });
  });

  it('gives partial credit for running tasks that report progress', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(4, 2, clock);
    tracker.hostStarted('a');
    tracker.taskStarted('a');
    tracker.taskStarted('a');
    tracker.taskProgress('a', 'ports', 50, 100);
    clock.time += 1_000;
    const snapshot = tracker.snapshot(200, true);
    // One of two tasks half done on one of four hosts: 0.5 / 2 / 4.
    expect(snapshot.fraction).toBe(0.0625);
    expect(snapshot.hostsRunning).toBe(1);
    expect(snapshot.tasksRunning).toBe(2);
    expect(snapshot.operationsPerSecond).toBe(200);
    expect(snapshot.paused).toBe(true);
    // 1000 ms for 1/16: 15 more sixteenths at the same pace.
    expect(snapshot.etaMs).toBe(15_000);
  });

  it('caps a task at done and a host at its task count', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(2, 1, clock);
    tracker.hostStarted('a');
    tracker.taskStarted('a');
    tracker.taskProgress('a', 'ports', 500, 100);
    tracker.taskProgress('a', 'tls', 1, 1);
    expect(tracker.snapshot(0, false).fraction).toBe(0.5);
    tracker.taskProgress('a', 'ports', 5, 0);
    tracker.taskProgress('a', 'tls', 0, 1);
    expect(tracker.snapshot(0, false).fraction).toBe(0);
  });

  it('counts ended tasks and hosts', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(4, 2, clock);
    tracker.hostStarted('a');
    tracker.taskStarted('a');
    tracker.taskEnded('a', 'ports');
    clock.time += 1_000;
    let snapshot = tracker.snapshot(0, false);
    expect(snapshot.tasksDone).toBe(1);
    expect(snapshot.tasksRunning).toBe(0);
    expect(snapshot.fraction).toBe(0.125);
    expect(snapshot.etaMs).toBe(7_000);

    tracker.taskStarted('a');
    tracker.taskEnded('a', 'tls');
    tracker.hostEnded('a');
    clock.time += 1_000;
    snapshot = tracker.snapshot(0, false);
    expect(snapshot.hostsDone).toBe(1);
    expect(snapshot.hostsRunning).toBe(0);
    expect(snapshot.tasksDone).toBe(2);
    expect(snapshot.fraction).toBe(0.25);
    expect(snapshot.hostsPerSecond).toBe(0.5);
    expect(snapshot.etaMs).toBe(6_000);
  });

  it('has no ETA below 1% done', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(100, 1, clock);
    tracker.hostStarted('a');
    tracker.taskProgress('a', 'ports', 1, 2);
    clock.time += 1_000;
    const snapshot = tracker.snapshot(0, false);
    expect(snapshot.fraction).toBe(0.005);
    expect(snapshot.etaMs).toBeNull();
  });

  it('is complete with ETA 0 when every host is done', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(2, 1, clock);
    for (const host of ['a', 'b']) {
      tracker.hostStarted(host);
      tracker.taskStarted(host);
      tracker.taskEnded(host, 'ports');
      tracker.hostEnded(host);
    }
    clock.time += 4_000;
    const snapshot = tracker.snapshot(10, false);
    expect(snapshot.fraction).toBe(1);
    expect(snapshot.etaMs).toBe(0);
    expect(snapshot.hostsPerSecond).toBe(0.5);
    expect(snapshot.operationsPerSecond).toBe(2.5);
  });

  it('an audit of no hosts is complete at once', () => {
    const clock = new FakeClock();
    const snapshot = new ProgressTracker(0, 3, clock).snapshot(0, false);
    expect(snapshot.fraction).toBe(1);
    expect(snapshot.etaMs).toBe(0);
    expect(snapshot.elapsedMs).toBe(1);
  });

  it('ignores events for hosts it never saw start', () => {
    const clock = new FakeClock();
    const tracker = new ProgressTracker(2, 1, clock);
    tracker.taskStarted('ghost');
    tracker.taskProgress('ghost', 'ports', 1, 1);
    const snapshot = tracker.snapshot(0, false);
    expect(snapshot.fraction).toBe(0);
    expect(snapshot.tasksRunning).toBe(0);
  });
});
