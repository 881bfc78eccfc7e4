import type { Command } from 'commander';
import { listProfiles } from '../../core/profiles/profile.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { table } from '../format.js';
import { profileDirs } from '../profiles.js';

/** `rasoat profiles`: the scan profiles there are, built-in and the user's, and what each sets. */
export async function profilesAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<{ json?: boolean }>();
  const profiles = [...listProfiles(profileDirs(ctx)).values()];
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`);
    return EXIT.ok;
  }
  const settings = (p: (typeof profiles)[number]) =>
    [...Object.entries(p.scan).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`), ...(p.rules ? [`rules=${p.rules.join(',')}`] : []), ...(p.httpProbes ? [] : ['httpProbes=false'])].join(' ');
  const rows = profiles.map((p) => [p.name, p.description[ctx.lang], settings(p)]);
  ctx.stdout.write(`${table([t(ctx.lang, 'col.profile'), t(ctx.lang, 'col.description'), t(ctx.lang, 'col.settings')], rows)}\n`);
  return EXIT.ok;
}
