import { Text } from 'ink';
import { t, type MessageId } from '../../i18n/t.js';
import type { AppState } from '../model/app.js';
import { detailLines } from '../model/detail.js';
import { selected } from '../model/explorer.js';
import { finished } from '../model/live.js';
import { fit } from '../model/text.js';
import { CompareView } from './CompareView.js';
import { DetailView } from './DetailView.js';
import { ExplorerView } from './ExplorerView.js';
import { Frame } from './Frame.js';
import { HelpView } from './HelpView.js';
import { HistoryView } from './HistoryView.js';
import { LiveView } from './LiveView.js';

export interface AppProps {
  state: AppState;
  /** The audit the live view follows. */
  liveAuditId: number | null;
  color: boolean;
  timeZone?: string;
}

const PROMPTS = { filter: 'tui.prompt.filter', 'accepted-risk': 'tui.prompt.accept', 'false-positive': 'tui.prompt.falsePositive' } as const;

/** The whole screen, from state alone: no effects, no input handling. */
export function App({ state, liveAuditId, color, timeZone }: AppProps) {
  const { lang, width, height } = state;
  const body = Math.max(1, height - 3);
  const screenTitle = t(lang, `tui.screen.${state.help ? 'help' : state.screen}` as MessageId);
  const title = `${t(lang, 'tui.title')} · ${screenTitle}`;
  let message = state.message;
  // While a prompt is open it owns the message line; a complaint about it goes on the key line.
  let keys = state.prompt ? (state.message ?? t(lang, 'tui.keys.prompt')) : t(lang, `tui.keys.${state.screen}` as MessageId);
  if (state.prompt) message = `${t(lang, PROMPTS[state.prompt.kind])}${state.prompt.text}▏`;
  else if (state.loading) message = t(lang, 'tui.loading');
  else if (!message && state.screen === 'live' && state.live && finished(state.live)) {
    message = t(lang, 'tui.live.finished', { status: t(lang, `tui.auditStatus.${state.live.status}` as MessageId) });
    keys = '';
  }
  let status = '';
  let content;
  if (state.help) content = <HelpView lang={lang} width={width} height={body} />;
  else if (state.screen === 'live' && state.live) {
    content = <LiveView live={state.live} auditId={liveAuditId ?? 0} lang={lang} color={color} width={width} height={body} />;
  } else if ((state.screen === 'explorer' || state.screen === 'detail') && state.explorer && state.opened) {
    const explorer = state.explorer;
    status = t(lang, 'tui.explorer.count', { id: explorer.auditId, shown: explorer.shown.length, total: explorer.rows.length });
    const row = selected(explorer);
    if (state.screen === 'detail' && row) {
      const lines = detailLines(row, state.opened.rules.get(row.finding.ruleId), lang, state.textLang, width);
      content = <DetailView lines={lines} scroll={state.detailScroll} height={body} width={width} />;
    } else {
      content = <ExplorerView explorer={explorer} rules={state.opened.rules} lang={lang} textLang={state.textLang} color={color} width={width} height={body} />;
    }
  } else if (state.screen === 'history' && state.history) {
    content = <HistoryView history={state.history} lang={lang} width={width} height={body} {...(timeZone ? { timeZone } : {})} />;
  } else if (state.screen === 'compare' && state.compare) {
    content = <CompareView compare={state.compare} lang={lang} color={color} width={width} height={body} />;
  } else content = <Text>{fit(state.loading ? '' : t(lang, 'tui.noAudits'), width)}</Text>;
  return (
    <Frame title={title} status={status} message={message} keys={keys} width={width} height={height} color={color}>
      {content}
    </Frame>
  );
}
