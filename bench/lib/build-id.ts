import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A short hash of rasoat's compiled code (dist/src/**.js). The repository may be rebuilt while the
 * bench runs; comparing this before each run tells whether all figures measured the same build.
 */
export function buildId(repoRoot: string): string {
  const dir = join(repoRoot, 'dist', 'src');
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).sort();
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}
