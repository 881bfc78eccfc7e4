import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import type { CliContext } from './context.js';

/** Built-in profiles, then the user's (`profiles/` beside the config file): a user's profile of the same name wins. */
export function profileDirs(ctx: CliContext): string[] {
  return [join(packageRoot(), 'rules', 'profiles'), join(ctx.configDir, 'profiles')];
}
