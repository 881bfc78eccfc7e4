import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/core/scheduler/events.js';
import { initialApp, reduce, type AppState } from '../../src/tui/model/app.js';
import { detailLines } from '../../src/tui/model/detail.js';
import { createExplorer, reduceExplorer, selected, visibleRows } from '../../src/tui/model/explorer.js';
import { comparePair, createCompare, createHistory, reduceCompare, reduceHistory } from '../../src/tui/model/history.js';
import { keyIntents } from '../../src/tui/model/keys.js';
import { applyEvents, initialLive, stopping, tasksTotal } from '../../src/tui/model/live.js';
import { fit, scrollTop, width, wrap } from '../../src/tui/model/text.js';
import { DIFF, finding, FINDINGS, opened, summary } from './support.js';

const target = (host: string) => ({ host, kind: 'ip' as const, address: host, urls: [], ports: [], explicit: true });

describe('live view-model', () => {
  it('follows the engine: scanners, running hosts, failures, newest first, progress', () => {
    const events: EngineEvent[] = [
      { type: 'audit.start', hostsTotal: 2, scanners: ['ports', 'tls'] },
      { type: 'host.start', target: target('10.0.0.1') },
      { type: 'task.start', host: '10.0.0.1', scanner: 'ports' },
      { type: 'observation', observation: { kind: 'port.open', host: '10.0.0.1', port: 23, scanner: 'ports', at: '', data: {} } as never },
      { type: 'task.end', host: '10.0.0.1', scanner: 'ports', status: 'ok', durationMs: 5, attempts: 1 },
      { type: 'finding', finding: FINDINGS[0]! },
      { type: 'finding', finding: { ...FINDINGS[1]!, outcome: 'pass' } as never },
      { type: 'finding', finding: FINDINGS[3]! },
      { type: 'progress', snapshot: { hostsTotal: 2, hostsDone: 0, hostsRunning: 1, tasksDone: 1, tasksRunning: 0, fraction: 0.25, hostsPerSecond: 0, operationsPerSecond: 40, elapsedMs: 1000, etaMs: 3000, paused: false } },
    ];
    const before = initialLive();
    const live = applyEvents(before, events);
    expect(before.status).toBe('starting');
    expect(live.status).toBe('running');
    expect(live.scanners).toEqual([
      { id: 'ports', running: 0, done: 1, failed: 0 },
      { id: 'tls', running: 0, done: 0, failed: 0 },
    ]);
    expect(tasksTotal(live)).toBe(4);
    expect(live.running).toEqual(['10.0.0.1']);
    expect(live.openPorts).toBe(1);
    expect(live.failures).toMatchObject({ high: 1, critical: 1, medium: 0 });
    expect(live.newest.map((f) => f.ruleId)).toEqual(['ports.service.datastore-exposed', 'ports.service.telnet-exposed']);
    expect(live).toMatchObject({ fraction: 0.25, etaMs: 3000, operationsPerSecond: 40 });

    const stopped = stopping(live);
    expect(stopped.status).toBe('stopping');
    const ended = applyEvents(stopped, [
      { type: 'host.end', target: target('10.0.0.1'), up: true },
      { type: 'audit.end', status: 'interrupted', stats: { hosts: 1, hostsUp: 1, hostsDown: 0, tasks: 1, tasksFailed: 0, observations: 1, failures: { critical: 1, high: 1, medium: 0, low: 0, info: 0 }, outcomes: {} } },
    ]);
    expect(ended.status).toBe('interrupted');
    expect(ended.running).toEqual([]);
  });

  it('returns the same state for an empty batch', () => {
    const live = initialLive();
    expect(applyEvents(live, [])).toBe(live);
  });
});

describe('explorer view-model', () => {
  const make = () => createExplorer(opened(), new Map());

  it('sorts by severity first, worst on top, and cycles sort keys and direction', () => {
    let e = make();
    expect(e.shown.map((i) => e.rows[i]!.finding.severity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    e = reduceExplorer(e, { type: 'cycle-sort' }, 10);
    expect(e.sort).toBe('host');
    expect(e.shown.map((i) => e.rows[i]!.finding.host)).toEqual(['10.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.10']);
    e = reduceExplorer(e, { type: 'reverse' }, 10);
    expect(e.rows[e.shown[0]!]!.finding.host).toBe('10.0.0.10');
  });

  it('filters by minimum severity, category, status and text (host, agency, rule, title)', () => {
    let e = make();
    e = reduceExplorer(e, { type: 'cycle-severity' }, 10);
    expect(e.filter.minSeverity).toBe('critical');
    expect(e.shown).toHaveLength(1);
    e = reduceExplorer(e, { type: 'cycle-severity' }, 10);
    expect(e.shown).toHaveLength(2);
    e = reduceExplorer(make(), { type: 'cycle-category' }, 10);
    expect(e.filter.category).toBe('http');
    expect(e.shown).toHaveLength(2);
    e = reduceExplorer(make(), { type: 'text', text: 'sở tt' }, 10);
    expect(e.shown.map((i) => e.rows[i]!.finding.host)).toEqual(['10.0.0.1', '10.0.0.1']);
    e = reduceExplorer(make(), { type: 'text', text: 'TLS10' }, 10);
    expect(e.shown).toHaveLength(1);
    e = reduceExplorer(make(), { type: 'cycle-status' }, 10);
    expect(e.filter.status).toBe('open');
    expect(e.shown).toHaveLength(5);
  });

  it('applies a triage decision and keeps the cursor on the same finding', () => {
    let e = reduceExplorer(make(), { type: 'move', delta: 1 }, 10);
    const fp = selected(e)!.finding.fingerprint;
    e = reduceExplorer(e, { type: 'decided', decision: { fingerprint: fp, status: 'accepted-risk', reason: 'lab', actor: 'a', at: 't', auditId: 2 } }, 10);
    expect(selected(e)!.finding.fingerprint).toBe(fp);
    expect(selected(e)!.status).toBe('accepted-risk');
    e = reduceExplorer(reduceExplorer(e, { type: 'cycle-status' }, 10), { type: 'cycle-status' }, 10);
    expect(e.filter.status).toBe('accepted-risk');
    expect(e.shown).toHaveLength(1);
  });

  it('carries decisions made in earlier audits (keyed by fingerprint)', () => {
    const fp = FINDINGS[0]!.fingerprint;
    const e = createExplorer(opened(), new Map([[fp, { fingerprint: fp, status: 'false-positive' as const, reason: 'r', actor: 'a', at: 't', auditId: 1 }]]));
    expect(e.rows.find((r) => r.finding.fingerprint === fp)!.status).toBe('false-positive');
  });

  it('renders only the rows that fit, scrolling with the cursor, over 10,000 findings', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => finding(`r.x${i % 7}`, `10.1.${Math.floor(i / 250)}.${i % 250}`, 'medium', 443));
    let e = createExplorer(opened(3, many), new Map());
    expect(visibleRows(e, 15)).toHaveLength(15);
    e = reduceExplorer(e, { type: 'move', delta: 100 }, 15);
    const rows = visibleRows(e, 15);
    expect(rows).toHaveLength(15);
    expect(rows.at(-1)!.selected).toBe(true);
    e = reduceExplorer(e, { type: 'end' }, 15);
    expect(e.cursor).toBe(9_999);
    expect(e.top).toBe(9_985);
    e = reduceExplorer(e, { type: 'home' }, 15);
    expect([e.cursor, e.top]).toEqual([0, 0]);
  });
});

describe('history and compare view-models', () => {
  it('shows the grade trend against the previous audit of the same scope', () => {
    const h = createHistory([summary(3, 10), summary(2, 30), { ...summary(1, 30), scopeKey: 'other' }]);
    expect(h.trends).toEqual(['better', null, null]);
    expect(createHistory([summary(2, 40), summary(1, 30)]).trends[0]).toBe('worse');
  });

  it('marks at most two audits and compares older with newer', () => {
    let h = createHistory([summary(3, 1), summary(2, 1), summary(1, 1)]);
    expect(comparePair(h)).toBeNull();
    h = reduceHistory(h, { type: 'mark' }, 10);
    expect(comparePair(h)).toBeNull();
    h = reduceHistory(h, { type: 'move', delta: 2 }, 10);
    expect(comparePair(h)).toEqual([1, 3]);
    h = reduceHistory(reduceHistory(h, { type: 'mark' }, 10), { type: 'move', delta: -1 }, 10);
    h = reduceHistory(h, { type: 'mark' }, 10);
    expect(h.marked).toEqual([1, 2]);
    expect(comparePair(h)).toEqual([1, 2]);
  });

  it('opens on the first non-empty set and cycles sets with Tab', () => {
    let c = createCompare(1, 2, { ...DIFF, new: [] });
    expect(c.tab).toBe('fixed');
    c = reduceCompare(c, { type: 'tab', delta: 1 }, 10);
    expect(c.tab).toBe('unchanged');
    expect(c.diff.unchanged.map((f) => f.severity)).toEqual(['high', 'medium']);
    c = reduceCompare(c, { type: 'move', delta: 5 }, 10);
    expect(c.cursor).toBe(1);
  });
});

describe('detail lines', () => {
  it('show evidence, remediation in the chosen language, references and controls', () => {
    const e = createExplorer(opened(), new Map());
    const row = selected(e)!;
    const text = (lang: 'vi' | 'en') => detailLines(row, opened().rules.get(row.finding.ruleId), 'en', lang, 80).map((l) => l.text).join('\n');
    expect(text('en')).toContain('Fix ports.service.datastore-exposed in English.');
    expect(text('en')).toContain('  port: 6379');
    expect(text('en')).toContain('https://example.org/ref');
    expect(text('en')).toContain('cis-v8: 4.8');
    expect(text('vi')).toContain('Sửa ports.service.datastore-exposed bằng tiếng Việt.');
    expect(detailLines(row, undefined, 'en', 'en', 80)[0]!.text).toContain('◆ CRIT');
  });
});

describe('text helpers', () => {
  it('fit pads or cuts to exact display width, counting combining marks as nothing', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(width(fit('Nghiêm trọng'.normalize('NFD'), 8))).toBe(8);
    expect(wrap('  one two three', 12)).toEqual(['  one two', '  three']);
    expect(scrollTop(0, 20, 10, 100)).toBe(11);
    expect(scrollTop(15, 3, 10, 100)).toBe(3);
  });
});

describe('key bindings', () => {
  const base = (patch: Partial<AppState> = {}): AppState => ({ ...initialApp({ lang: 'en', width: 80, height: 24, scanning: false }), loading: false, ...patch });
  const explorerState = () => reduce(base(), { type: 'opened', opened: opened(), decisions: new Map(), show: true });

  it('live: p pauses and resumes, q and Ctrl-C stop the scan, Enter explores once finished', () => {
    let s: AppState = { ...base(), screen: 'live', live: applyEvents(initialLive(), [{ type: 'audit.start', hostsTotal: 1, scanners: ['ports'] }]) };
    expect(keyIntents(s, 'p', {})).toEqual([{ action: { type: 'paused', paused: true } }, { effect: { type: 'pause' } }]);
    s = reduce(s, { type: 'paused', paused: true });
    expect(keyIntents(s, 'p', {})[1]).toEqual({ effect: { type: 'resume' } });
    expect(keyIntents(s, 'q', {})).toEqual([{ action: { type: 'stopping' } }, { effect: { type: 'stop' } }]);
    expect(keyIntents(s, 'c', { ctrl: true })).toEqual([{ action: { type: 'stopping' } }, { effect: { type: 'stop' } }]);
    s = reduce(s, { type: 'stopping' });
    expect(keyIntents(s, 'c', { ctrl: true })).toEqual([{ effect: { type: 'quit' } }]);
    s = reduce(s, { type: 'events', events: [{ type: 'audit.end', status: 'complete', stats: { hosts: 1, hostsUp: 1, hostsDown: 0, tasks: 1, tasksFailed: 0, observations: 0, failures: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, outcomes: {} } }] });
    s = reduce(s, { type: 'opened', opened: opened(), decisions: new Map(), show: false });
    expect(s.screen).toBe('live');
    expect(keyIntents(s, '', { return: true })).toEqual([{ action: { type: 'go', screen: 'explorer' } }]);
    expect(keyIntents(s, 'q', {})).toEqual([{ effect: { type: 'quit' } }]);
  });

  it('explorer: movement, detail, filters, sort, prompt for a reason, history, help', () => {
    const s = explorerState();
    expect(keyIntents(s, 'j', {})).toEqual([{ action: { type: 'explorer', action: { type: 'move', delta: 1 } } }]);
    expect(keyIntents(s, '', { upArrow: true })).toEqual([{ action: { type: 'explorer', action: { type: 'move', delta: -1 } } }]);
    expect(keyIntents(s, '', { pageDown: true })).toEqual([{ action: { type: 'explorer', action: { type: 'move', delta: 18 } } }]);
    expect(keyIntents(s, 'G', {})).toEqual([{ action: { type: 'explorer', action: { type: 'end' } } }]);
    expect(keyIntents(s, '', { return: true })).toEqual([{ action: { type: 'go', screen: 'detail' } }]);
    for (const [key, type] of [['s', 'cycle-severity'], ['c', 'cycle-category'], ['t', 'cycle-status'], ['o', 'cycle-sort'], ['r', 'reverse']] as const) {
      expect(keyIntents(s, key, {})).toEqual([{ action: { type: 'explorer', action: { type } } }]);
    }
    expect(keyIntents(s, '/', {})).toEqual([{ action: { type: 'prompt', prompt: { kind: 'filter', text: '' } } }]);
    expect(keyIntents(s, 'a', {})).toEqual([{ action: { type: 'prompt', prompt: { kind: 'accepted-risk', text: '' } } }]);
    expect(keyIntents(s, 'x', {})).toEqual([{ action: { type: 'prompt', prompt: { kind: 'false-positive', text: '' } } }]);
    expect(keyIntents(s, 'h', {})).toEqual([{ effect: { type: 'load-history' } }]);
    expect(keyIntents(s, '?', {})).toEqual([{ action: { type: 'help', open: true } }]);
    expect(keyIntents(reduce(s, { type: 'help', open: true }), 'z', {})).toEqual([{ action: { type: 'help', open: false } }]);
    expect(keyIntents(s, 'Q', {})).toEqual([{ effect: { type: 'quit' } }]);
  });

  it('prompt: typing, backspace, Esc cancels, Enter needs a reason and then decides', () => {
    let s = reduce(explorerState(), { type: 'prompt', prompt: { kind: 'accepted-risk', text: '' } });
    expect(keyIntents(s, '', { return: true })).toEqual([{ action: { type: 'message', message: 'A reason is required.' } }]);
    for (const intent of [...keyIntents(s, 'lab', {}), ...keyIntents({ ...s, prompt: { kind: 'accepted-risk', text: 'lab' } }, 'x', {})]) if ('action' in intent) s = reduce(s, intent.action);
    expect(s.prompt!.text).toBe('labx');
    s = { ...s, prompt: { kind: 'accepted-risk', text: 'labx' } };
    expect(keyIntents(s, '', { backspace: true })).toEqual([{ action: { type: 'prompt', prompt: { kind: 'accepted-risk', text: 'lab' } } }]);
    expect(keyIntents(s, '', { escape: true })).toEqual([{ action: { type: 'prompt', prompt: null } }]);
    const fp = selected(s.explorer!)!.finding.fingerprint;
    expect(keyIntents(s, '', { return: true })).toEqual([{ effect: { type: 'decide', fingerprint: fp, status: 'accepted-risk', reason: 'labx', auditId: 2 } }]);
    const filter = { ...s, prompt: { kind: 'filter' as const, text: '10.0.0.2' } };
    expect(keyIntents(filter, '', { return: true })[1]).toEqual({ action: { type: 'explorer', action: { type: 'text', text: '10.0.0.2' } } });
  });

  it('detail: scroll, language, next/previous, triage, reopen, back', () => {
    let s = reduce(explorerState(), { type: 'go', screen: 'detail' });
    expect(keyIntents(s, 'j', {})).toEqual([{ action: { type: 'detail-scroll', delta: 1 } }]);
    expect(keyIntents(s, 'L', {})).toEqual([{ action: { type: 'text-lang' } }]);
    expect(keyIntents(s, 'n', {})).toEqual([{ action: { type: 'explorer', action: { type: 'move', delta: 1 } } }]);
    expect(keyIntents(s, 'u', {})).toEqual([]);
    const fp = selected(s.explorer!)!.finding.fingerprint;
    s = reduce(s, { type: 'decided', decision: { fingerprint: fp, status: 'accepted-risk', reason: 'r', actor: 'a', at: 't', auditId: 2 }, message: 'ok' });
    expect(keyIntents(s, 'u', {})).toEqual([{ effect: { type: 'decide', fingerprint: fp, status: 'open', reason: '', auditId: 2 } }]);
    expect(keyIntents(s, '', { escape: true })).toEqual([{ action: { type: 'back' } }]);
    expect(reduce(s, { type: 'back' }).screen).toBe('explorer');
  });

  it('history: mark, compare, open; compare: Tab and movement', () => {
    let s = reduce(base(), { type: 'history-loaded', audits: [summary(2, 1), summary(1, 1)] });
    expect(keyIntents(s, 'c', {})).toEqual([{ action: { type: 'message', message: 'Mark two audits with space, then press c.' } }]);
    expect(keyIntents(s, ' ', {})).toEqual([{ action: { type: 'history', action: { type: 'mark' } } }]);
    expect(keyIntents(s, '', { return: true })).toEqual([{ effect: { type: 'open-audit', auditId: 2 } }]);
    s = reduce(reduce(s, { type: 'history', action: { type: 'mark' } }), { type: 'history', action: { type: 'move', delta: 1 } });
    expect(keyIntents(s, 'c', {})).toEqual([{ effect: { type: 'compare', before: 1, after: 2 } }]);
    s = reduce(s, { type: 'compared', before: 1, after: 2, diff: DIFF });
    expect(s.screen).toBe('compare');
    expect(keyIntents(s, '', { tab: true })).toEqual([{ action: { type: 'compare', action: { type: 'tab', delta: 1 } } }]);
    expect(keyIntents(s, 'j', {})).toEqual([{ action: { type: 'compare', action: { type: 'move', delta: 1 } } }]);
    expect(keyIntents(s, 'q', {})).toEqual([{ action: { type: 'back' } }]);
  });
});
