import type { AuditStatus } from '../../core/model/audit.js';
import type { Finding } from '../../core/model/finding.js';
import { SEVERITIES, type Severity } from '../../core/model/severity.js';
import type { EngineEvent } from '../../core/scheduler/events.js';
import type { SegmentProgress } from '../../core/model/cluster-progress.js';

/** Findings kept for the "newest" panel: more than any terminal shows. */
const NEWEST = 50;

export interface ScannerProgress {
  id: string;
  running: number;
  done: number;
  failed: number;
}

/** What the live scan view shows, built from the engine's events only. */
export interface LiveState {
  status: AuditStatus | 'starting' | 'stopping';
  paused: boolean;
  hostsTotal: number;
  hostsDone: number;
  tasksDone: number;
  tasksRunning: number;
  fraction: number;
  operationsPerSecond: number;
  elapsedMs: number;
  etaMs: number | null;
  scanners: ScannerProgress[];
  /** Hosts being scanned, in the order they started. */
  running: string[];
  failures: Record<Severity, number>;
  /** Failing findings, newest first. */
  newest: Finding[];
  openPorts: number;
  /** A distributed audit: its segments and their agents (null for one run in this process). */
  segments: SegmentProgress[] | null;
}

export function initialLive(): LiveState {
  return {
    status: 'starting',
    paused: false,
    hostsTotal: 0,
    hostsDone: 0,
    tasksDone: 0,
    tasksRunning: 0,
    fraction: 0,
    operationsPerSecond: 0,
    elapsedMs: 0,
    etaMs: null,
    scanners: [],
    running: [],
    failures: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    newest: [],
    openPorts: 0,
    segments: null,
  };
}

/** Tasks in all: every scanner on every target (an upper bound: a down host skips its scanners). */
export function tasksTotal(state: LiveState): number {
  return state.hostsTotal * Math.max(1, state.scanners.length);
}

/**
 * Applies a batch of engine events. Pure: the state given is not changed (the engine emits
 * thousands of events a second, so the UI hands them over in batches and copies once per batch).
 */
export function applyEvents(state: LiveState, events: readonly EngineEvent[]): LiveState {
  if (events.length === 0) return state;
  const next: LiveState = { ...state, failures: { ...state.failures }, scanners: state.scanners.map((s) => ({ ...s })) };
  const running = new Set(state.running);
  let newest: Finding[] = [];
  const scanner = (id: string): ScannerProgress => {
    let entry = next.scanners.find((s) => s.id === id);
    if (!entry) next.scanners.push((entry = { id, running: 0, done: 0, failed: 0 }));
    return entry;
  };
  for (const event of events) {
    switch (event.type) {
      case 'audit.start':
        next.status = 'running';
        next.hostsTotal = event.hostsTotal;
        for (const id of event.scanners) scanner(id);
        break;
      case 'host.start':
        running.add(event.target.host);
        break;
      case 'host.end':
        running.delete(event.target.host);
        break;
      case 'task.start':
        scanner(event.scanner).running++;
        break;
      case 'task.end': {
        const entry = scanner(event.scanner);
        // A skipped task (host down) never started.
        if (event.status !== 'skipped' && event.status !== 'unreachable') entry.running = Math.max(0, entry.running - 1);
        entry.done++;
        if (event.status === 'error' || event.status === 'timeout') entry.failed++;
        break;
      }
      case 'observation':
        if (event.observation.kind === 'port.open') next.openPorts++;
        break;
      case 'finding':
        if (event.finding.outcome === 'fail') {
          next.failures[event.finding.severity]++;
          newest.push(event.finding);
        }
        break;
      case 'progress': {
        const s = event.snapshot;
        Object.assign(next, {
          hostsTotal: s.hostsTotal,
          hostsDone: s.hostsDone,
          tasksDone: s.tasksDone,
          tasksRunning: s.tasksRunning,
          fraction: s.fraction,
          operationsPerSecond: s.operationsPerSecond,
          elapsedMs: s.elapsedMs,
          etaMs: s.etaMs,
          paused: s.paused,
        });
        break;
      }
      case 'cluster':
        next.segments = event.progress.segments;
        break;
      case 'audit.end':
        next.status = event.status;
        next.failures = { ...event.stats.failures };
        next.fraction = event.status === 'complete' ? 1 : next.fraction;
        next.etaMs = null;
        break;
      default:
        break;
    }
  }
  if (newest.length > 0) newest = [...newest.reverse(), ...state.newest].slice(0, NEWEST);
  else newest = state.newest;
  next.newest = newest;
  next.running = [...running];
  return next;
}

/** The user asked to stop: shown until the engine reports the audit's end. */
export function stopping(state: LiveState): LiveState {
  return state.status === 'running' || state.status === 'starting' ? { ...state, status: 'stopping' } : state;
}

export function setPaused(state: LiveState, paused: boolean): LiveState {
  return { ...state, paused };
}

export function finished(state: LiveState): boolean {
  return state.status === 'complete' || state.status === 'interrupted' || state.status === 'failed';
}
