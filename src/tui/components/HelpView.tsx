import { Box, Text } from 'ink';
import type { Lang } from '../../core/model/text.js';
import { t } from '../../i18n/t.js';
import { fit } from '../model/text.js';

export function HelpView({ lang, width, height }: { lang: Lang; width: number; height: number }) {
  const lines = t(lang, 'tui.help.body').split('\n').slice(0, height);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} bold={!line.startsWith(' ')} wrap="truncate">
          {fit(line, width)}
        </Text>
      ))}
    </Box>
  );
}
