import { Box, Text } from 'ink';
import type { Lang } from '../../core/model/text.js';
import { t, type MessageId } from '../../i18n/t.js';
import type { CompareState } from '../model/history.js';
import { fit, scrollTop } from '../model/text.js';
import { SeverityTag } from './SeverityTag.js';

/** `rasoat diff` on screen: new, fixed, still open and not re-checked failures, one set at a time. */
export function CompareView({ compare, lang, color, width, height }: { compare: CompareState; lang: Lang; color: boolean; width: number; height: number }) {
  const { diff } = compare;
  const list = diff[compare.tab];
  const listRows = Math.max(1, height - 2);
  const top = scrollTop(compare.top, compare.cursor, listRows, list.length);
  const tabs = t(lang, 'tui.compare.tabs', {
    tab: t(lang, `tui.compare.${compare.tab}` as MessageId),
    new: diff.new.length,
    fixed: diff.fixed.length,
    unchanged: diff.unchanged.length,
    notRechecked: diff.notRechecked.length,
  });
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {fit(t(lang, 'tui.compare.title', { before: compare.before, after: compare.after }), width)}
      </Text>
      <Text wrap="truncate">{fit(tabs, width)}</Text>
      {list.length === 0 ? <Text>{fit(t(lang, 'tui.compare.none'), width)}</Text> : null}
      {list.slice(top, top + listRows).map((f, i) => {
        const isSelected = top + i === compare.cursor;
        return (
          <Box key={f.fingerprint}>
            <Text inverse={isSelected}>{isSelected ? '› ' : '  '}</Text>
            <SeverityTag severity={f.severity} lang={lang} color={color && !isSelected} width={9} />
            <Text inverse={isSelected} wrap="truncate">
              {fit(`${fit(`${f.host}${f.port !== undefined ? `:${f.port}` : ''}`, 22)}${f.title[lang]}  [${f.ruleId}]`, width - 11)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
