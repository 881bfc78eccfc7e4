import { spawn } from 'node:child_process';

/**
 * Peer tools (nmap) send packets too, so they run behind the same door as sockets: the caller
 * (Network.forTask) checks scope for every port and holds a guard slot for the whole run; this
 * module only starts the process, bounds its output and its time, and kills it on abort.
 */
export interface ToolLimits {
  /** Longest the process may run; it is killed (SIGTERM, then SIGKILL) after that. */
  timeoutMs: number;
  /** Most bytes kept of stdout; beyond that the process is killed and the run fails. */
  maxBytes: number;
}

export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** A tool that could not be started or did not finish: a fact about the local machine. */
export class ToolError extends Error {
  constructor(
    readonly reason: 'missing' | 'timeout' | 'too-large' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

const STDERR_KEPT = 4096;

/**
 * Runs `command args` and kills it on abort (Ctrl-C, task timeout) or when it overruns. It stays
 * in rasoat's process group, so a terminal's Ctrl-C reaches it even if rasoat is force-quit.
 * Resolves with what it printed, whatever its exit code.
 */
export function runTool(command: string, args: readonly string[], limits: ToolLimits, signal?: AbortSignal): Promise<ToolResult> {
  signal?.throwIfAborted();
  const started = performance.now();
  return new Promise<ToolResult>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: Error | null = null;
    let killTimer: NodeJS.Timeout | null = null;

    const kill = (error: Error) => {
      failure ??= error;
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      child.kill('SIGTERM');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 2000);
    };
    const timer = setTimeout(() => kill(new ToolError('timeout', `${command} did not finish within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    const onAbort = () => kill(signal!.reason instanceof Error ? signal!.reason : new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > limits.maxBytes) return kill(new ToolError('too-large', `${command} printed more than ${limits.maxBytes} bytes`));
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8').slice(0, STDERR_KEPT - stderr.length);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      failure ??= error.code === 'ENOENT' || error.code === 'EACCES' ? new ToolError('missing', `${command} cannot be run (${error.code})`) : new ToolError('failed', `${command}: ${error.message}`);
    });
    child.once('close', (code, exitSignal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      resolve({ code, signal: exitSignal, stdout: Buffer.concat(stdout).toString('utf8'), stderr, durationMs: performance.now() - started });
    });
  });
}

const versions = new Map<string, Promise<string | null>>();

/**
 * The first line of `command --version`, or null when the tool is not installed. Cached per
 * command for the life of the process: looking once per host would cost a fork per host.
 */
export function toolVersion(command: string, versionArg = '--version'): Promise<string | null> {
  let known = versions.get(command);
  if (!known) {
    known = runTool(command, [versionArg], { timeoutMs: 10_000, maxBytes: 64 * 1024 }).then(
      (result) => (result.code === 0 ? (result.stdout.split('\n').find((line) => line.trim()) ?? '').trim() : null),
      () => null,
    );
    versions.set(command, known);
  }
  return known;
}
