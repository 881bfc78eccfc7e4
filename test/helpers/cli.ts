import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../../dist/src/bin.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: English, no colour, no user config, never the user's own history. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // nmap -sV takes seconds per host: CLI tests use the native service probes unless they ask for nmap.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', RASOAT_LANG: 'en', RASOAT_CONFIG: '/nonexistent/rasoat-test-config.yaml', RASOAT_NMAP: 'off', ...extra };
  delete env.RASOAT_DB;
  delete env.FORCE_COLOR;
  return env;
}

export function tempDir(prefix = 'rasoat-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts the built binary (npm test builds it first). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): ChildProcess {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it)`);
  return spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return collect(spawnCli(args, env));
}

/** Resolves when `text` has appeared on the child's stderr. */
export function waitForStderr(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} on stderr; got: ${seen}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** No stack trace may ever reach a user. */
export function expectNoStackTrace(text: string): void {
  if (/\n\s+at .+\(.+:\d+:\d+\)|node:internal/.test(text)) throw new Error(`stack trace in output:\n${text}`);
}

export const isRoot = process.getuid?.() === 0;

/**
 * Parses `scan --json` / `show --json` output with every verdict in `findings`: the JSON report lists
 * failures there in full and the other verdicts bare in `verdicts` (schema version 2).
 */
export function parseAuditJson<T extends { findings: unknown[] }>(stdout: string): T {
  const doc = JSON.parse(stdout) as T & { verdicts?: unknown[] };
  return { ...doc, findings: [...doc.findings, ...(doc.verdicts ?? [])] };
}
