import type { TriageStatus } from '../../core/model/triage.js';
import { t } from '../../i18n/t.js';
import type { AppAction, AppState } from './app.js';
import { selected } from './explorer.js';
import { comparePair } from './history.js';
import { finished } from './live.js';

/** The keys the TUI reads, as Ink reports them (kept here so the model does not depend on Ink). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** What a key asks for beyond a state change: work the controller does (engine, store). */
export type Effect =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'quit' }
  | { type: 'open-audit'; auditId: number }
  | { type: 'load-history' }
  | { type: 'compare'; before: number; after: number }
  | { type: 'decide'; fingerprint: string; status: TriageStatus; reason: string; auditId: number };

export type Intent = { action: AppAction } | { effect: Effect };

const act = (action: AppAction): Intent[] => [{ action }];
const effect = (e: Effect): Intent[] => [{ effect: e }];

function movement(input: string, key: KeyInfo, page: number): number | 'home' | 'end' | null {
  if (key.upArrow || input === 'k') return -1;
  if (key.downArrow || input === 'j') return 1;
  if (key.pageUp) return -page;
  if (key.pageDown || input === ' ') return page;
  if (input === 'g') return 'home';
  if (input === 'G') return 'end';
  return null;
}

/** Turns one key press into intents, given what is on screen. Pure, so every binding is unit-tested. */
export function keyIntents(state: AppState, input: string, key: KeyInfo): Intent[] {
  const scanning = state.live !== null && !finished(state.live);
  if (key.ctrl && input === 'c') {
    if (scanning && state.live?.status !== 'stopping') return [{ action: { type: 'stopping' } }, { effect: { type: 'stop' } }];
    return effect({ type: 'quit' });
  }
  if (state.help) return act({ type: 'help', open: false });
  if (state.prompt) return promptIntents(state, input, key);
  if (input === '?') return act({ type: 'help', open: true });
  if (input === 'Q') return scanning ? [{ action: { type: 'stopping' } }, { effect: { type: 'stop' } }] : effect({ type: 'quit' });
  const goBack = key.escape || key.backspace || key.delete || key.leftArrow || input === 'q';
  if (goBack && state.back.length > 0 && state.screen !== 'live') return act({ type: 'back' });
  if (input === 'q') {
    if (scanning) return state.live?.status === 'stopping' ? [] : [{ action: { type: 'stopping' } }, { effect: { type: 'stop' } }];
    return effect({ type: 'quit' });
  }
  if (input === 'h' && state.screen !== 'history' && !state.loading) return effect({ type: 'load-history' });
  switch (state.screen) {
    case 'live':
      return liveIntents(state, input, key, scanning);
    case 'explorer':
      return explorerIntents(state, input, key);
    case 'detail':
      return detailIntents(state, input, key);
    case 'history':
      return historyIntents(state, input, key);
    case 'compare':
      return compareIntents(state, input, key);
  }
}

function liveIntents(state: AppState, input: string, key: KeyInfo, scanning: boolean): Intent[] {
  if (input === 'p' && scanning && state.live) return [{ action: { type: 'paused', paused: !state.live.paused } }, { effect: { type: state.live.paused ? 'resume' : 'pause' } }];
  if (key.return && !scanning && state.explorer) return act({ type: 'go', screen: 'explorer' });
  return [];
}

function explorerIntents(state: AppState, input: string, key: KeyInfo): Intent[] {
  const explorer = state.explorer;
  if (!explorer) return [];
  const move = movement(input, key, Math.max(1, state.height - 6));
  if (move === 'home') return act({ type: 'explorer', action: { type: 'home' } });
  if (move === 'end') return act({ type: 'explorer', action: { type: 'end' } });
  if (move !== null) return act({ type: 'explorer', action: { type: 'move', delta: move } });
  if ((key.return || key.rightArrow) && selected(explorer)) return act({ type: 'go', screen: 'detail' });
  if (input === '/') return act({ type: 'prompt', prompt: { kind: 'filter', text: explorer.filter.text } });
  const simple: Record<string, AppAction> = {
    s: { type: 'explorer', action: { type: 'cycle-severity' } },
    c: { type: 'explorer', action: { type: 'cycle-category' } },
    t: { type: 'explorer', action: { type: 'cycle-status' } },
    o: { type: 'explorer', action: { type: 'cycle-sort' } },
    r: { type: 'explorer', action: { type: 'reverse' } },
  };
  if (simple[input]) return act(simple[input]);
  return triageIntents(state, input);
}

function triageIntents(state: AppState, input: string): Intent[] {
  const row = state.explorer ? selected(state.explorer) : null;
  if (!row) return [];
  if (input === 'a') return act({ type: 'prompt', prompt: { kind: 'accepted-risk', text: '' } });
  if (input === 'x') return act({ type: 'prompt', prompt: { kind: 'false-positive', text: '' } });
  if (input === 'u' && row.status !== 'open') return effect({ type: 'decide', fingerprint: row.finding.fingerprint, status: 'open', reason: '', auditId: state.explorer!.auditId });
  return [];
}

function detailIntents(state: AppState, input: string, key: KeyInfo): Intent[] {
  if (key.upArrow || input === 'k') return act({ type: 'detail-scroll', delta: -1 });
  if (key.downArrow || input === 'j') return act({ type: 'detail-scroll', delta: 1 });
  if (key.pageUp) return act({ type: 'detail-scroll', delta: -(state.height - 4) });
  if (key.pageDown || input === ' ') return act({ type: 'detail-scroll', delta: state.height - 4 });
  if (input === 'L') return act({ type: 'text-lang' });
  // n/N: the next or previous finding without going back to the table.
  if (input === 'n') return act({ type: 'explorer', action: { type: 'move', delta: 1 } });
  if (input === 'N') return act({ type: 'explorer', action: { type: 'move', delta: -1 } });
  return triageIntents(state, input);
}

function historyIntents(state: AppState, input: string, key: KeyInfo): Intent[] {
  const history = state.history;
  if (!history) return [];
  if (input === ' ') return act({ type: 'history', action: { type: 'mark' } });
  const move = movement(input, key, Math.max(1, state.height - 6));
  if (move === 'home') return act({ type: 'history', action: { type: 'home' } });
  if (move === 'end') return act({ type: 'history', action: { type: 'end' } });
  if (move !== null) return act({ type: 'history', action: { type: 'move', delta: move } });
  const audit = history.audits[history.cursor];
  if ((key.return || key.rightArrow) && audit) return effect({ type: 'open-audit', auditId: audit.id });
  if (input === 'c' || input === 'd') {
    const pair = comparePair(history);
    return pair ? effect({ type: 'compare', before: pair[0], after: pair[1] }) : act({ type: 'message', message: t(state.lang, 'tui.history.needTwo') });
  }
  return [];
}

function compareIntents(state: AppState, input: string, key: KeyInfo): Intent[] {
  if (!state.compare) return [];
  if (key.tab || input === ']') return act({ type: 'compare', action: { type: 'tab', delta: key.shift ? -1 : 1 } });
  if (input === '[') return act({ type: 'compare', action: { type: 'tab', delta: -1 } });
  if (key.upArrow || input === 'k') return act({ type: 'compare', action: { type: 'move', delta: -1 } });
  if (key.downArrow || input === 'j') return act({ type: 'compare', action: { type: 'move', delta: 1 } });
  if (key.pageUp) return act({ type: 'compare', action: { type: 'move', delta: -(state.height - 7) } });
  if (key.pageDown) return act({ type: 'compare', action: { type: 'move', delta: state.height - 7 } });
  return [];
}

function promptIntents(state: AppState, input: string, key: KeyInfo): Intent[] {
  const prompt = state.prompt!;
  if (key.escape) return act({ type: 'prompt', prompt: null });
  if (key.return) {
    if (prompt.kind === 'filter') return [{ action: { type: 'prompt', prompt: null } }, { action: { type: 'explorer', action: { type: 'text', text: prompt.text } } }];
    const row = state.explorer ? selected(state.explorer) : null;
    if (!row) return act({ type: 'prompt', prompt: null });
    if (prompt.text.trim() === '') return act({ type: 'message', message: t(state.lang, 'tui.prompt.needReason') });
    return effect({ type: 'decide', fingerprint: row.finding.fingerprint, status: prompt.kind, reason: prompt.text.trim(), auditId: state.explorer!.auditId });
  }
  if (key.backspace || key.delete) return act({ type: 'prompt', prompt: { ...prompt, text: [...prompt.text].slice(0, -1).join('') } });
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return [];
  // Typed (or pasted) text; control characters never reach the stored reason.
  const text = input.replace(/[\u0000-\u001f\u007f]/g, '');
  return text ? act({ type: 'prompt', prompt: { ...prompt, text: prompt.text + text } }) : [];
}
