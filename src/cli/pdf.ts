import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * Chromium's flags for printing a local file with no network at all: no background fetches,
 * component updates, sync or first-run pages, and a fresh profile every time. `--no-sandbox`
 * because CI and many servers run as root, where Chromium refuses its sandbox; the page itself
 * runs no script (the report's CSP forbids it).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--mute-audio',
];

/** $RASOAT_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH; null if none. */
export function findChromium(env: NodeJS.ProcessEnv): string | null {
  const explicit = env.RASOAT_CHROMIUM;
  if (explicit) return executable(explicit) ? explicit : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return existsSync(path);
  } catch {
    return false;
  }
}

export class ChromiumError extends Error {}

/**
 * Prints an HTML document to PDF with headless Chromium: the page goes to a temporary folder
 * with a throw-away profile, which is removed afterwards. Resolves to the PDF's bytes.
 */
export async function printPdf(chromium: string, html: string, options: { timeoutMs?: number; extraArgs?: string[] } = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'rasoat-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html);
    const args = [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, ...(options.extraArgs ?? []), pathToFileURL(page).href];
    await run(chromium, args, options.timeoutMs ?? 120_000);
    const bytes = await readFile(pdf).catch(() => null);
    if (!bytes || bytes.length < 5 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ChromiumError('no PDF was written');
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs Chromium in its own process group, so a timeout stops its helper processes too. */
export function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
      reject(new ChromiumError(`timed out after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ChromiumError(error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new ChromiumError(`exit ${code ?? signal}: ${lastLine(stderr)}`));
    });
  });
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/dbus|Fontconfig|unexpected operator/i.test(l));
  return (lines.at(-1) ?? 'no output').slice(0, 200);
}
