import type { Lang } from '../../core/model/text.js';
import type { TriageDecision, TriageStatus } from '../../core/model/triage.js';
import type { EngineEvent } from '../../core/scheduler/events.js';
import type { AuditDiff } from '../../reports/diff.js';
import type { AuditSummary, OpenedAudit } from './data.js';
import { createExplorer, reduceExplorer, type ExplorerAction, type ExplorerState } from './explorer.js';
import { createCompare, createHistory, reduceCompare, reduceHistory, type CompareAction, type CompareState, type HistoryAction, type HistoryState } from './history.js';
import { applyEvents, initialLive, setPaused, stopping, type LiveState } from './live.js';

export type Screen = 'live' | 'explorer' | 'detail' | 'history' | 'compare';

export interface Prompt {
  kind: 'filter' | Exclude<TriageStatus, 'open'>;
  text: string;
}

/** The whole screen's state. Components render it; only `reduce` changes it. */
export interface AppState {
  lang: Lang;
  /** Language of the rule texts in the detail pane (toggled apart from the UI's). */
  textLang: Lang;
  screen: Screen;
  /** Screens to go back to, most recent last. */
  back: Screen[];
  help: boolean;
  prompt: Prompt | null;
  message: string | null;
  loading: boolean;
  live: LiveState | null;
  opened: OpenedAudit | null;
  explorer: ExplorerState | null;
  detailScroll: number;
  history: HistoryState | null;
  compare: CompareState | null;
  width: number;
  height: number;
}

export type AppAction =
  | { type: 'events'; events: readonly EngineEvent[] }
  | { type: 'stopping' }
  | { type: 'paused'; paused: boolean }
  | { type: 'resize'; width: number; height: number }
  | { type: 'loading' }
  | { type: 'opened'; opened: OpenedAudit; decisions: ReadonlyMap<string, TriageDecision>; show: boolean }
  | { type: 'history-loaded'; audits: AuditSummary[] }
  | { type: 'compared'; before: number; after: number; diff: AuditDiff }
  | { type: 'decided'; decision: TriageDecision; message: string }
  | { type: 'message'; message: string | null }
  | { type: 'explorer'; action: ExplorerAction }
  | { type: 'history'; action: HistoryAction }
  | { type: 'compare'; action: CompareAction }
  | { type: 'go'; screen: Screen }
  | { type: 'back' }
  | { type: 'help'; open: boolean }
  | { type: 'prompt'; prompt: Prompt | null }
  | { type: 'detail-scroll'; delta: number }
  | { type: 'text-lang' };

export function initialApp(options: { lang: Lang; width: number; height: number; scanning: boolean }): AppState {
  return {
    lang: options.lang,
    textLang: options.lang,
    screen: options.scanning ? 'live' : 'history',
    back: [],
    help: false,
    prompt: null,
    message: null,
    loading: !options.scanning,
    live: options.scanning ? initialLive() : null,
    opened: null,
    explorer: null,
    detailScroll: 0,
    history: null,
    compare: null,
    width: options.width,
    height: options.height,
  };
}

/** Rows a list gets: the screen less the title, the list's own header, the message and the key line. */
export function listHeight(state: Pick<AppState, 'height'>): number {
  return Math.max(3, state.height - 5);
}

function go(state: AppState, screen: Screen): AppState {
  if (state.screen === screen) return state;
  return { ...state, screen, back: [...state.back.filter((s) => s !== screen), state.screen], message: null };
}

export function reduce(state: AppState, action: AppAction): AppState {
  const rows = listHeight(state);
  switch (action.type) {
    case 'events':
      return state.live ? { ...state, live: applyEvents(state.live, action.events) } : state;
    case 'stopping':
      return state.live ? { ...state, live: stopping(state.live) } : state;
    case 'paused':
      return state.live ? { ...state, live: setPaused(state.live, action.paused) } : state;
    case 'resize':
      return { ...state, width: action.width, height: action.height };
    case 'loading':
      return { ...state, loading: true, message: null };
    case 'opened': {
      const explorer = createExplorer(action.opened, action.decisions);
      // Opening an audit from history or the live view: back leads there, not to an older explorer.
      const base = { ...state, back: state.back.filter((s) => s !== 'explorer' && s !== 'detail') };
      const moved = action.show ? go(base, 'explorer') : base;
      return { ...moved, loading: false, opened: action.opened, explorer, detailScroll: 0 };
    }
    case 'history-loaded':
      return { ...go(state, 'history'), loading: false, history: createHistory(action.audits) };
    case 'compared':
      return { ...go(state, 'compare'), loading: false, compare: createCompare(action.before, action.after, action.diff) };
    case 'decided':
      return { ...state, prompt: null, message: action.message, explorer: state.explorer ? reduceExplorer(state.explorer, { type: 'decided', decision: action.decision }, rows) : null };
    case 'message':
      return { ...state, loading: false, message: action.message };
    case 'explorer':
      return state.explorer ? { ...state, explorer: reduceExplorer(state.explorer, action.action, rows), detailScroll: 0 } : state;
    case 'history':
      return state.history ? { ...state, history: reduceHistory(state.history, action.action, rows), message: null } : state;
    case 'compare':
      return state.compare ? { ...state, compare: reduceCompare(state.compare, action.action, rows - 1) } : state;
    case 'go':
      return { ...go(state, action.screen), detailScroll: action.screen === 'detail' ? 0 : state.detailScroll };
    case 'back': {
      const previous = state.back.at(-1);
      return previous ? { ...state, screen: previous, back: state.back.slice(0, -1), message: null } : state;
    }
    case 'help':
      return { ...state, help: action.open };
    case 'prompt':
      return { ...state, prompt: action.prompt, message: null };
    case 'detail-scroll':
      return { ...state, detailScroll: Math.max(0, state.detailScroll + action.delta) };
    case 'text-lang':
      return { ...state, textLang: state.textLang === 'vi' ? 'en' : 'vi' };
  }
}
