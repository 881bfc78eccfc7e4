import { render } from 'ink';
import { Tui, type TuiProps } from './Tui.js';

export interface RunOptions extends Omit<TuiProps, 'width' | 'height' | 'bottomMargin'> {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

/**
 * Shows the TUI on the alternate screen (the shell's screen comes back as it was on exit) and
 * resolves when the user quits. Ctrl-C is a key here, not a signal: the TUI stops a scan cleanly.
 */
export async function runTui(options: RunOptions): Promise<void> {
  const { stdout, stdin, stderr, ...props } = options;
  stdout.write('\x1b[?1049h\x1b[H');
  try {
    const instance = render(<Tui {...props} bottomMargin={1} />, { stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: true, maxFps: 20 });
    await instance.waitUntilExit();
  } finally {
    stdout.write('\x1b[?1049l');
  }
}
