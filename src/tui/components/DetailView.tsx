import { Box, Text } from 'ink';
import type { DetailLine } from '../model/detail.js';
import { fit } from '../model/text.js';

/** A scrolled window over prepared lines: the finding detail pane. */
export function DetailView({ lines, scroll, height, width }: { lines: DetailLine[]; scroll: number; height: number; width: number }) {
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <Box flexDirection="column">
      {lines.slice(top, top + height).map((line, i) => (
        <Text key={top + i} bold={line.heading ?? false} wrap="truncate">
          {fit(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
