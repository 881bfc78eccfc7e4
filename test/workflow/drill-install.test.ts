import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronCommand, systemdCommand, systemdEnvironment } from '../../src/cli/drill-command.js';
import { crontabMarker, mergeCrontab } from '../../src/core/workflow/crontab.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir } from '../helpers/cli.js';

describe('crontab merge (pure)', () => {
  const line = '0 2 1 * * rasoat drill run x --quiet';
  it('adds the line once after its marker, keeping every other line', () => {
    const mine = '# my jobs\n30 1 * * * /usr/local/bin/backup\n';
    const added = mergeCrontab(mine, 'x', line);
    expect(added).toEqual({ change: 'added', text: `${mine}${crontabMarker('x')}\n${line}\n` });
    expect(mergeCrontab(added.text, 'x', line)).toEqual({ change: 'unchanged', text: added.text });
    expect(mergeCrontab('', 'x', line).text).toBe(`${crontabMarker('x')}\n${line}\n`);
  });

  it('replaces its own line when the schedule changed, and leaves other drills alone', () => {
    const both = mergeCrontab(mergeCrontab('', 'x', line).text, 'y', '0 2 1 1 * rasoat drill run y --quiet').text;
    const changed = mergeCrontab(both, 'x', '0 2 1 1,4,7,10 * rasoat drill run x --quiet');
    expect(changed.change).toBe('updated');
    expect(changed.text).toBe(`${crontabMarker('x')}\n0 2 1 1,4,7,10 * rasoat drill run x --quiet\n${crontabMarker('y')}\n0 2 1 1 * rasoat drill run y --quiet\n`);
    // A marker left alone (its line deleted by hand) gets its line back, without eating the next comment.
    expect(mergeCrontab(`${crontabMarker('x')}\n# other\n`, 'x', line).text).toBe(`${crontabMarker('x')}\n${line}\n# other\n`);
  });
});

describe('scheduled command quoting (pure)', () => {
  it('quotes for sh and escapes % for cron', () => {
    expect(cronCommand(['/usr/bin/node', '/opt/my tools/bin.js', '--db', "/srv/it's 100%.db"], { RASOAT_CONFIG: '/etc/rasoat/config.yaml' })).toBe(
      "RASOAT_CONFIG=/etc/rasoat/config.yaml /usr/bin/node '/opt/my tools/bin.js' --db '/srv/it'\\''s 100\\%.db'",
    );
  });

  it('quotes for a unit file, doubling % (specifiers) and $ (variables)', () => {
    expect(systemdCommand(['/usr/bin/node', '/opt/my tools/bin.js', '--db', '/srv/100%$x.db'])).toBe('/usr/bin/node "/opt/my tools/bin.js" --db "/srv/100%%$$x.db"');
    expect(systemdEnvironment({ RASOAT_CONFIG: '/etc/ra soat/config.yaml' })).toEqual(['"RASOAT_CONFIG=/etc/ra soat/config.yaml"']);
  });
});

// No network: drill schedule only reads the drill and its inventory. Addresses are never contacted.
describe('rasoat drill schedule --install', () => {
  const dir = tempDir();
  const config = join(dir, 'config.yaml');
  const env = cliEnv({ RASOAT_CONFIG: config });
  const db = join(dir, 'h.db');
  mkdirSync(join(dir, 'drills'));
  writeFileSync(join(dir, 'inventory.yaml'), 'groups:\n  - agency: So Tai chinh\n    level: 4\n    targets: [127.0.121.40]\n');
  writeFileSync(join(dir, 'drills', 'province.yaml'), 'inventory: [../inventory.yaml]\nprofile: quick\n');
  const cli = async (args: string[]) => {
    const result = await runCli([...args, '--db', db], env);
    expectNoStackTrace(result.stderr);
    return result;
  };

  it('writes the systemd service and timer, prints the systemctl command, and is idempotent', async () => {
    const units = join(dir, 'units');
    mkdirSync(units);
    const first = await cli(['drill', 'schedule', 'province', '--install', '--unit-dir', units]);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(units).sort()).toEqual(['rasoat-drill-province.service', 'rasoat-drill-province.timer']);
    const service = readFileSync(join(units, 'rasoat-drill-province.service'), 'utf8');
    expect(service).toContain('Type=oneshot\n');
    expect(service).toContain(`Environment=RASOAT_CONFIG=${config}\n`);
    expect(service).toMatch(new RegExp(`\\nExecStart=\\S+node \\S+bin\\.js --db ${db.replace(/[.]/g, '\\.')} drill run province --quiet\\n`));
    const timer = readFileSync(join(units, 'rasoat-drill-province.timer'), 'utf8');
    expect(timer).toContain('OnCalendar=*-01,04,07,10-01 02:00:00\n'); // level 4: quarterly
    expect(timer).toContain('Persistent=true\n');
    expect(timer).toContain('[Install]\nWantedBy=timers.target\n');
    expect(first.stdout).toContain(`wrote ${join(units, 'rasoat-drill-province.timer')}`);
    expect(first.stdout).toContain('to start the timer, run: systemctl daemon-reload && systemctl enable --now rasoat-drill-province.timer');
    const again = await cli(['drill', 'schedule', 'province', '--install', '--systemd', '--unit-dir', units]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged: .*rasoat-drill-province\.service \(already installed\)/);
    expect(readFileSync(join(units, 'rasoat-drill-province.service'), 'utf8')).toBe(service);
  });

  it('says systemctl --user for a unit folder of the user, and writes nothing with --dry-run', async () => {
    const user = join(dir, 'home', '.config', 'systemd', 'user');
    mkdirSync(user, { recursive: true });
    const dry = await cli(['drill', 'schedule', 'province', '--install', '--unit-dir', user, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would write .*rasoat-drill-province\.timer:\n\[Unit\]/);
    expect(dry.stdout).toContain('dry run: nothing was written');
    expect(readdirSync(user)).toEqual([]);
    const real = await cli(['drill', 'schedule', 'province', '--install', '--unit-dir', user]);
    expect(real.stdout).toContain('systemctl --user daemon-reload && systemctl --user enable --now rasoat-drill-province.timer');
  });

  it('adds the crontab line once to the file, and replaces it when the schedule changes', async () => {
    const crontab = join(dir, 'crontab');
    writeFileSync(crontab, 'MAILTO=admin@example.gov.vn\n30 1 * * * /usr/local/bin/backup\n');
    const first = await cli(['drill', 'schedule', 'province', '--install', '--cron', '--crontab-file', crontab]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`added drill province to ${crontab}`);
    expect(first.stdout).toContain(`to load it, run: crontab ${crontab}`);
    const again = await cli(['drill', 'schedule', 'province', '--install', '--cron', '--crontab-file', crontab]);
    expect(again.stdout).toContain('drill province is already in');
    let text = readFileSync(crontab, 'utf8');
    expect(text.startsWith('MAILTO=admin@example.gov.vn\n30 1 * * * /usr/local/bin/backup\n# rasoat drill province')).toBe(true);
    expect(text.match(/drill run province --quiet$/gm)).toHaveLength(1);
    expect(text).toMatch(new RegExp(`^0 2 1 1,4,7,10 \\* RASOAT_CONFIG=${config.replace(/[.]/g, '\\.')} \\S+node \\S+ --db \\S+ drill run province --quiet$`, 'm'));

    writeFileSync(join(dir, 'drills', 'province.yaml'), 'inventory: [../inventory.yaml]\nprofile: quick\nschedule: monthly\n');
    const updated = await cli(['drill', 'schedule', 'province', '--install', '--cron', '--crontab-file', crontab]);
    expect(updated.stdout).toContain('updated the line of drill province');
    text = readFileSync(crontab, 'utf8');
    expect(text.match(/drill run province --quiet$/gm)).toHaveLength(1);
    expect(text).toMatch(/^0 2 1 \* \* RASOAT_CONFIG=/m);
    expect(text).toContain('30 1 * * * /usr/local/bin/backup\n');
    writeFileSync(join(dir, 'drills', 'province.yaml'), 'inventory: [../inventory.yaml]\nprofile: quick\n');
  });

  it('names the user a line runs as in a system crontab (/etc/cron.d)', async () => {
    const file = '/etc/cron.d/rasoat-test-never-written';
    const dry = await cli(['drill', 'schedule', 'province', '--install', '--cron', '--crontab-file', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^0 2 1 1,4,7,10 \\* ${userInfo().username} RASOAT_CONFIG=\\S+ \\S+node .* drill run province --quiet$`, 'm'));
    expect(existsSync(file)).toBe(false);
  });

  it('refuses clearly: no crontab file, both kinds, a missing or unwritable place', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--install', '--cron'], /^rasoat: --cron --install needs the crontab file to add the line to: --crontab-file FILE/],
      [['--install', '--cron', '--systemd', '--crontab-file', join(dir, 'c')], /^rasoat: choose one of --systemd and --cron$/],
      [['--install', '--unit-dir', join(dir, 'no-such-dir')], /^rasoat: \S+no-such-dir does not exist: create it, or choose another place with --unit-dir$/],
      [['--install', '--unit-dir', join(dir, 'inventory.yaml')], /^rasoat: cannot write \S+inventory\.yaml \(ENOTDIR\): .* --unit-dir$/],
      [['--install', '--cron', '--crontab-file', join(dir, 'drills')], /^rasoat: cannot write \S+drills \(EISDIR\): .* --crontab-file$/],
      [['--install', '--cron', '--crontab-file', join(dir, 'no-such-dir', 'crontab')], /^rasoat: \S+no-such-dir does not exist: create it, or choose another place with --crontab-file$/],
    ];
    for (const [flags, message] of cases) {
      const result = await cli(['drill', 'schedule', 'province', ...flags]);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), flags.join(' ')).toHaveLength(1);
      expect(result.stderr.trim(), flags.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, 'c'))).toBe(false);
  });
});
