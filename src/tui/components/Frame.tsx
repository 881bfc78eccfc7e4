import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit } from '../model/text.js';

export interface FrameProps {
  title: string;
  /** Right side of the title bar (counts, status). */
  status?: string;
  message: string | null;
  keys: string;
  width: number;
  height: number;
  color: boolean;
  children: ReactNode;
}

/** Title bar, body, message line and key line: every screen's frame, exactly `height` rows tall. */
export function Frame({ title, status = '', message, keys, width, height, color, children }: FrameProps) {
  const right = status ? ` ${status} ` : '';
  const left = fit(` ${title}`, Math.max(0, width - right.length));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text inverse bold>
        {left}
        {right}
      </Text>
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        {children}
      </Box>
      <Text wrap="truncate" {...(color ? { color: 'yellow' } : {})}>
        {fit(message ?? '', width)}
      </Text>
      <Text wrap="truncate" dimColor={color}>
        {fit(keys, width)}
      </Text>
    </Box>
  );
}
