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
 *
 * When the terminal goes away (the SSH session drops, the terminal window closes: SIGHUP, the end
 * of input, a write error) or a service manager sends SIGTERM, it quits as the user would: a
 * running scan is stopped and kept. Left alone, Ink would spin on a dead terminal for ever.
 */
export async function runTui(options: RunOptions): Promise<void> {
  const { stdout, stdin, stderr, ...props } = options;
  stdout.write('\x1b[?1049h\x1b[H');
  const instance = render(<Tui {...props} bottomMargin={1} />, { stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: true, maxFps: 20 });
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    props.onQuit?.();
    instance.unmount();
  };
  const terminalGone = () => {
    leave();
    // Nothing more can be read from it: reading again would only fail again.
    stdin.destroy();
  };
  const signals = ['SIGTERM'] as const;
  for (const signal of signals) process.on(signal, leave);
  process.on('SIGHUP', terminalGone);
  stdin.on('end', terminalGone);
  stdin.on('error', terminalGone);
  stdout.on('error', terminalGone);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const signal of signals) process.off(signal, leave);
    process.off('SIGHUP', terminalGone);
    // The error listeners stay: a terminal that went away must not crash what follows.
    if (stdout.writable && !stdout.destroyed) stdout.write('\x1b[?1049l');
  }
}
