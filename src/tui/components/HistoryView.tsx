import { Box, Text } from 'ink';
import type { Lang } from '../../core/model/text.js';
import { t, type MessageId } from '../../i18n/t.js';
import { TREND_SYMBOL, type HistoryState } from '../model/history.js';
import { fit, formatStarted, scrollTop, SEVERITY_SYMBOL } from '../model/text.js';

export interface HistoryViewProps {
  history: HistoryState;
  lang: Lang;
  width: number;
  height: number;
  timeZone?: string;
}

/** Audits, newest first: failures by severity, grade and score with the trend against the previous audit of the same scope. */
export function HistoryView({ history, lang, width, height, timeZone }: HistoryViewProps) {
  if (history.audits.length === 0) return <Text>{fit(t(lang, 'tui.noAudits'), width)}</Text>;
  const listRows = Math.max(1, height - 2);
  const top = scrollTop(history.top, history.cursor, listRows, history.audits.length);
  const sev = (['critical', 'high', 'medium', 'low'] as const).map((s) => `${SEVERITY_SYMBOL[s]}${t(lang, `tui.sev.${s}` as MessageId)}`.slice(0, 5).padStart(6)).join('');
  const header = `    ${'#'.padStart(4)}  ${fit(t(lang, 'tui.col.started'), 17)}${fit(t(lang, 'tui.col.auditStatus'), 12)}${sev}  ${fit(t(lang, 'tui.col.grade'), 9)}${t(lang, 'tui.col.targets')}`;
  const marked = history.marked.length > 0 ? t(lang, 'tui.history.marked', { ids: history.marked.map((id) => `#${id}`).join(', ') }) : t(lang, 'tui.history.needTwo');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">{fit(marked, width)}</Text>
      <Text bold wrap="truncate">
        {fit(header, width)}
      </Text>
      {history.audits.slice(top, top + listRows).map((audit, i) => {
        const index = top + i;
        const isSelected = index === history.cursor;
        const mark = history.marked.includes(audit.id) ? '*' : ' ';
        const trend = history.trends[index];
        const grade = audit.grade ? `${audit.grade} ${String(audit.score).padStart(3)}${trend ? ` ${TREND_SYMBOL[trend]}` : ''}` : '-';
        const counts = (['critical', 'high', 'medium', 'low'] as const).map((s) => String(audit.failures[s]).padStart(6)).join('');
        const line = `${isSelected ? '›' : ' '}${mark}  ${String(audit.id).padStart(4)}  ${fit(formatStarted(audit.startedAt, timeZone), 17)}${fit(t(lang, `tui.auditStatus.${audit.status}` as MessageId), 12)}${counts}  ${fit(grade, 9)}${audit.targets}`;
        return (
          <Text key={audit.id} inverse={isSelected} wrap="truncate">
            {fit(line, width)}
          </Text>
        );
      })}
    </Box>
  );
}
