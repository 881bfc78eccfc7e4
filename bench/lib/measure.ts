import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
const PROC_POLL_MS = 20;

export type RssMethod = 'gnu-time' | 'proc-poll';

export interface Measured {
  wallMs: number;
  /** Peak resident set size of the command, in kB. */
  peakRssKb: number | null;
  /** User plus system CPU time of the command, in seconds (GNU time only). */
  cpuS: number | null;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one command and measures its wall time (spawn to exit, as seen from here) and its peak
 * RSS, from GNU time's %M or else from the kernel's VmHWM sampled while it runs.
 */
export function runMeasured(method: RssMethod, command: string, args: string[], cwd: string, rssFile: string): Promise<Measured> {
  return method === 'gnu-time' ? runUnderGnuTime(command, args, cwd, rssFile) : runPollingProc(command, args, cwd);
}

export function gnuTimeAvailable(): boolean {
  return existsSync(GNU_TIME);
}

async function runUnderGnuTime(command: string, args: string[], cwd: string, rssFile: string): Promise<Measured> {
  const result = await runTimed(GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args], cwd);
  // On failure GNU time writes "Command exited with non-zero status N" before the figures.
  const lines = (await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n');
  await rm(rssFile, { force: true });
  const [kb, user, system] = (lines.at(-1) ?? '').split(' ').map(Number);
  const valid = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);
  return {
    ...result,
    peakRssKb: valid(kb) && kb > 0 ? kb : null,
    cpuS: valid(user) && valid(system) ? user + system : null,
  };
}

async function runPollingProc(command: string, args: string[], cwd: string): Promise<Measured> {
  let peak: number | null = null;
  const result = await runTimed(command, args, cwd, (pid) => {
    const timer = setInterval(async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
      if (match) peak = Math.max(peak ?? 0, Number(match[1]));
    }, PROC_POLL_MS);
    return () => clearInterval(timer);
  });
  return { ...result, peakRssKb: peak, cpuS: null };
}

function runTimed(
  command: string,
  args: string[],
  cwd: string,
  watch?: (pid: number) => () => void,
): Promise<Omit<Measured, 'peakRssKb' | 'cpuS'>> {
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const unwatch = watch && child.pid !== undefined ? watch(child.pid) : undefined;
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      unwatch?.();
      resolve({
        wallMs,
        exitCode: code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/**
 * What a run left to report besides its figures: the exit code's complaint, and the parsed output
 * (or why it could not be read). Shared by every bench that times a scanner and reads its result.
 */
export function outcomeOf<T>(measured: Pick<Measured, 'exitCode' | 'stderr'>, parse: () => T | null): { result: T | null; error?: string } {
  let error = measured.exitCode !== 0 ? `exit code ${measured.exitCode}: ${measured.stderr.trim().slice(0, 2000)}` : undefined;
  let result: T | null = null;
  try {
    result = parse();
  } catch (cause) {
    error = `${error ?? ''} unreadable output: ${(cause as Error).message}`.trim();
  }
  return error === undefined ? { result } : { result, error };
}
