import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../src/core/scheduler/events.js';
import { LiveFeed } from '../../src/tui/feed.js';
import { Tui } from '../../src/tui/Tui.js';
import { fakeData, finding, opened } from './support.js';

const KEY = { up: '\x1b[A', down: '\x1b[B', enter: '\r', esc: '\x1b', tab: '\t', backspace: '\x7f', ctrlC: '\x03' };
let instances: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const i of instances) i.unmount();
  instances = [];
});

// Strips styles, so assertions read the text a user sees.
const plain = (frame: string | undefined) => (frame ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function mount(element: React.ReactElement) {
  const app = render(element);
  instances.push(app);
  const until = async (text: string | RegExp) => {
    for (let i = 0; i < 200; i++) {
      const frame = plain(app.lastFrame());
      if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) return frame;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`screen never showed ${String(text)}:\n${plain(app.lastFrame())}`);
  };
  // Each key is its own write, and the next waits for Ink to take it.
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  return { ...app, until, press, frame: () => plain(app.lastFrame()) };
}

describe('history screen', () => {
  it('lists audits with failures, grade and trend; marks two and compares them; Tab cycles the sets', async () => {
    const data = fakeData();
    const ui = mount(<Tui data={data} lang="en" color={false} width={80} height={24} />);
    const frame = await ui.until('2026-01-02');
    expect(frame).toMatch(/2\s+2026-01-02 \d\d:00\s+complete\s+1\s+1\s+0\s+0\s+C\s+30 ↑/);
    await ui.press('c');
    await ui.until('Mark two audits with space');
    await ui.press(' ', KEY.down, ' ');
    await ui.until('marked for comparison: #2, #1');
    await ui.press('c');
    const compare = await ui.until('Audit #1 → #2');
    expect(data.compared).toEqual([[1, 2]]);
    expect(compare).toContain('[new]  new 1 · fixed 1 · still open 2 · not re-checked 0');
    expect(compare).toContain('◆ CRIT');
    await ui.press(KEY.tab);
    await ui.until('[fixed]');
    await ui.press(KEY.tab, KEY.tab);
    await ui.until('[not re-checked]');
    expect(ui.frame()).toContain('Nothing in this set.');
    await ui.press('q');
    await ui.until('marked for comparison');
    await ui.press(KEY.enter);
    await ui.until('audit #1 · 5 of 5');
  });
});

describe('findings explorer', () => {
  it('shows the table at 80x24 with symbols and labels, sorts, filters and opens the detail', async () => {
    const ui = mount(<Tui data={fakeData()} lang="en" color={false} width={80} height={24} auditId={2} />);
    const frame = await ui.until('audit #2 · 5 of 5');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines.find((l) => l.includes('›'))).toMatch(/› ◆ CRIT\s+10\.0\.0\.2:6379\s+open/);
    await ui.press('s');
    await ui.until('filter: ≥CRIT');
    expect(ui.frame()).toContain('1 of 5');
    await ui.press('s', 's', 's', 's');
    await ui.until('filter: all');
    await ui.press('o');
    await ui.until('sort: host');
    await ui.press('c');
    await ui.until('filter: http');
    await ui.press('c', 'c', 'c', 't');
    await ui.until('filter: open');
    expect(ui.frame()).toContain('sort: host ↑');
    await ui.press('t', 't', 't', 'r');
    await ui.until('sort: host ↓');
    await ui.press('/', ...'sở');
    await ui.until('Filter host/agency/rule/title (⏎ apply, Esc cancel): sở▏');
    await ui.press(KEY.enter);
    await ui.until('filter: "sở"');
    expect(ui.frame()).toContain('2 of 5');
    await ui.press('/', KEY.backspace, KEY.backspace, KEY.enter);
    await ui.until('5 of 5');
    await ui.press('g', 'j', 'k', 'G', KEY.up, KEY.enter);
    const detail = await ui.until('Remediation (en)');
    expect(detail).toContain('Evidence');
    expect(detail).toContain('References');
    await ui.press('L');
    await ui.until('Remediation (vi)');
    expect(ui.frame()).toMatch(/Sửa .* bằng tiếng Việt\./);
  });

  it('marks a finding accepted with a reason (stored with who and when) and reopens it', async () => {
    const data = fakeData();
    const ui = mount(<Tui data={data} lang="en" color={false} width={80} height={24} auditId={2} />);
    await ui.until('5 of 5');
    await ui.press(KEY.enter, 'a');
    await ui.until('Accept risk — reason');
    await ui.press(KEY.enter);
    await ui.until('A reason is required.');
    await ui.press(...'lab only', KEY.enter);
    await ui.until('Marked accepted: ports.service.datastore-exposed on 10.0.0.2');
    expect(data.decisions).toMatchObject([{ status: 'accepted-risk', reason: 'lab only', actor: 'tester', auditId: 2 }]);
    expect(ui.frame()).toContain('Status: accepted by tester at 2026-01-02 09:00:00Z: lab only');
    await ui.press('u');
    await ui.until('Marked open');
    await ui.press('x', ...'test box', KEY.enter);
    await ui.until('Marked false pos.');
    await ui.press(KEY.esc);
    await ui.until(/› ◆ CRIT\s+10\.0\.0\.2:6379\s+false pos\./);
    await ui.press('h');
    await ui.until('History');
  });

  it('renders only the visible rows of 10,000 findings', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => finding(`r.x${i % 7}`, `10.1.${Math.floor(i / 250)}.${i % 250}`, 'medium', 443));
    const data = { ...fakeData(), open: async () => opened(5, many) };
    const ui = mount(<Tui data={data} lang="en" color={false} width={120} height={30} auditId={5} />);
    const frame = await ui.until('10000 of 10000');
    expect(frame.split('\n').filter((l) => l.includes('● MED')).length).toBe(30 - 5);
    await ui.press('G');
    await ui.until('10.1.39.249');
  });

  it('speaks Vietnamese and uses no colour codes when colour is off', async () => {
    const ui = mount(<Tui data={fakeData()} lang="vi" color={false} width={80} height={24} auditId={2} />);
    const frame = await ui.until('cuộc kiểm tra #2 · 5/5');
    expect(frame).toContain('◆ NGHIÊM');
    expect(frame).toContain('mở');
    expect(ui.lastFrame()).not.toMatch(/\x1b\[(3[0-7]|9[0-7])m/);
  });

  it('shows help on ? and closes it on any key', async () => {
    const ui = mount(<Tui data={fakeData()} lang="en" color={false} width={80} height={24} auditId={2} />);
    await ui.until('5 of 5');
    await ui.press('?');
    const help = await ui.until('rasoat · Help');
    expect(help.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(help).toContain('a  accept risk');
    await ui.press('z');
    await ui.until('rasoat · Findings');
  });
});

describe('live scan view', () => {
  it('follows the engine, pauses and resumes on p, stops on q, explores when finished', async () => {
    const feed = new LiveFeed(5);
    const control = { auditId: 7, pause: vi.fn(), resume: vi.fn(), stop: vi.fn() };
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const ui = mount(<Tui data={fakeData()} lang="en" color={true} width={80} height={24} scan={{ control, feed, finished }} />);
    const host = { host: '10.0.0.2', kind: 'ip' as const, address: '10.0.0.2', urls: [], ports: [], explicit: true };
    const events: EngineEvent[] = [
      { type: 'audit.start', hostsTotal: 2, scanners: ['ports', 'tls'] },
      { type: 'host.start', target: host },
      { type: 'task.start', host: '10.0.0.2', scanner: 'ports' },
      { type: 'finding', finding: finding('ports.service.datastore-exposed', '10.0.0.2', 'critical', 6379) },
      { type: 'progress', snapshot: { hostsTotal: 2, hostsDone: 1, hostsRunning: 1, tasksDone: 2, tasksRunning: 1, fraction: 0.5, hostsPerSecond: 1, operationsPerSecond: 120, elapsedMs: 2000, etaMs: 2000, paused: false } },
    ];
    for (const e of events) feed.handle(e);
    const frame = await ui.until('Tasks 2/4 · 120 probes/s · ETA 0:02');
    expect(frame).toContain('Audit #7 · running');
    expect(frame).toContain('Targets 1/2 · running 1');
    expect(frame).toContain('Running hosts: 10.0.0.2');
    expect(frame).toContain('◆ CRIT 1');
    expect(frame).toMatch(/◆ CRIT\s+10\.0\.0\.2:6379\s+ports\.service\.datastore-exposed fails/);
    expect(frame).toContain('[#########################-------------------------]  50%');
    await ui.press('p');
    await ui.until('PAUSED');
    expect(control.pause).toHaveBeenCalledTimes(1);
    await ui.press('p');
    expect(control.resume).toHaveBeenCalledTimes(1);
    await ui.press('q');
    await ui.until('Audit #7 · stopping…');
    expect(control.stop).toHaveBeenCalledTimes(1);
    feed.handle({ type: 'audit.end', status: 'interrupted', stats: { hosts: 1, hostsUp: 1, hostsDown: 0, tasks: 2, tasksFailed: 0, observations: 1, failures: { critical: 1, high: 0, medium: 0, low: 0, info: 0 }, outcomes: {} } });
    finish();
    await ui.until('Scan interrupted. ⏎ explore findings');
    await ui.press(KEY.enter);
    await ui.until('audit #7 · 5 of 5');
    await ui.press(KEY.esc);
    await ui.until('Audit #7 · interrupted');
  });

  it('shows a distributed audit segment by segment, with what each live agent is doing', async () => {
    const feed = new LiveFeed(5);
    const control = { auditId: 9, pause: vi.fn(), resume: vi.fn(), stop: vi.fn() };
    const ui = mount(<Tui data={fakeData()} lang="en" color={false} width={100} height={24} scan={{ control, feed, finished: new Promise(() => {}) }} />);
    const agent = (name: string, live: boolean, current: { job: string; done: number; total: number } | null) => ({ name, live, jobsDone: 1, jobsFailed: 0, current });
    feed.handle({ type: 'audit.start', hostsTotal: 30, scanners: ['ports', 'http'] });
    feed.handle({
      type: 'cluster',
      progress: {
        auditId: 9,
        hostsTotal: 30,
        hostsDone: 12,
        hostsNotAssessed: 5,
        hostsRunning: 3,
        chunksTotal: 6,
        chunksDone: 3,
        elapsedMs: 4000,
        segments: [
          { segment: 'so-tttt', hosts: 20, hostsDone: 7, hostsNotAssessed: 0, waiting: false, agents: [agent('a1', true, { job: 'u.2', done: 1, total: 4 }), agent('a2', true, null), agent('old', false, null)] },
          { segment: 'xa-phuoc-an', hosts: 10, hostsDone: 5, hostsNotAssessed: 5, waiting: true, agents: [] },
        ],
      },
    });
    const frame = await ui.until('so-tttt: 7/20 · a1 1/4, a2 idle');
    expect(frame).toContain('xa-phuoc-an: 5/10 · 5 not assessed · no live agent');
    expect(frame).not.toContain('Running hosts');
    expect(frame).not.toContain('old');
  });

  it('Ctrl-C stops a running scan, and quits once it is stopping', async () => {
    const feed = new LiveFeed(5);
    const control = { auditId: 8, pause: vi.fn(), resume: vi.fn(), stop: vi.fn() };
    const onQuit = vi.fn();
    const ui = mount(<Tui data={fakeData()} lang="en" color={false} width={80} height={24} scan={{ control, feed, finished: new Promise(() => {}) }} onQuit={onQuit} />);
    feed.handle({ type: 'audit.start', hostsTotal: 1, scanners: ['ports'] });
    await ui.until('Audit #8 · running');
    await ui.press(KEY.ctrlC);
    await ui.until('stopping…');
    expect(control.stop).toHaveBeenCalledTimes(1);
    await ui.press(KEY.ctrlC);
    expect(onQuit).toHaveBeenCalledTimes(1);
  });
});
