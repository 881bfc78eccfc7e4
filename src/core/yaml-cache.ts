import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseYamlLocated, type LocatedYaml, type YamlPath } from './yaml.js';

/** Bumped when what is cached changes shape (or the YAML library's reading might). */
const FORMAT = 'rasoat-yaml-cache-1 yaml-2.9';

interface Cached {
  value: unknown;
  /** Lines of the paths two levels deep ("rules" and each rule), the ones a valid file is asked for. */
  lines: Record<string, number>;
}

/** Where parsed rule files are kept between runs: $RASOAT_CACHE_DIR, else the user's cache directory. */
export function yamlCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RASOAT_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rasoat', 'yaml');
}

/**
 * parseYamlLocated, remembered by the text's digest. Rule files are read by every command, and
 * the YAML library reads about half a megabyte a second: the 300 KB of built-in rules cost 0.6 s
 * per run before this cache. A cached file answers lineOf for the paths a valid file is asked
 * for; any other path (a problem to report) parses the text again, so messages stay exact. A
 * cache that cannot be read or written is simply not used.
 */
export function parseYamlCached(text: string, file: string, dir = yamlCacheDir()): LocatedYaml {
  const digest = createHash('sha256').update(FORMAT).update('\0').update(text).digest('hex');
  const path = join(dir, `${digest}.json`);
  let full: LocatedYaml | undefined;
  const parsed = () => (full ??= parseYamlLocated(text, file));
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as Cached;
    return { value: cached.value, lineOf: (at: YamlPath) => cached.lines[at.join('\0')] ?? parsed().lineOf(at) };
  } catch {
    // Not cached yet (or unreadable): parse and remember.
  }
  const located = parsed();
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ value: located.value, lines: shallowLines(located) } satisfies Cached));
    renameSync(temporary, path);
  } catch {
    // A read-only home or a full disk: the next run parses again.
  }
  return located;
}

function shallowLines(located: LocatedYaml): Record<string, number> {
  const lines: Record<string, number> = {};
  const top = located.value;
  if (!top || typeof top !== 'object' || Array.isArray(top)) return lines;
  for (const [key, child] of Object.entries(top)) {
    lines[key] = located.lineOf([key]);
    if (Array.isArray(child)) child.forEach((_, index) => (lines[`${key}\0${index}`] = located.lineOf([key, index])));
  }
  return lines;
}
