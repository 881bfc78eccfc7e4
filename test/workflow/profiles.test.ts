import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../fixtures/servers/listeners.js';
import { applyProfile, findProfile, listProfiles, profileSelects } from '../../src/core/profiles/profile.js';
import { builtinRulesDir } from '../../src/rules/load.js';
import { cliEnv, expectNoStackTrace, runCli, tempDir } from '../helpers/cli.js';

const BUILTIN = join(builtinRulesDir(), 'profiles');

describe('profiles as data', () => {
  it('ships quick, standard, deep, portal and internal, each valid', () => {
    expect([...listProfiles([BUILTIN]).keys()].sort()).toEqual(['deep', 'internal', 'portal', 'quick', 'standard']);
  });

  it('fills only the flags the user did not give', () => {
    const quick = findProfile('quick', [BUILTIN]);
    const merged = applyProfile({ topPorts: '5' }, quick);
    expect(merged).toMatchObject({ topPorts: '5', only: 'ports,tls,http', retries: '0' });
  });

  it('selects rules by id pattern', () => {
    const quick = findProfile('quick', [BUILTIN]);
    expect(profileSelects(quick, 'http.header.hsts-missing')).toBe(true);
    expect(profileSelects(quick, 'http.exposure.git-repository')).toBe(false);
    expect(profileSelects(findProfile('standard', [BUILTIN]), 'http.exposure.git-repository')).toBe(true);
  });

  it('a user profile of the same name replaces the built-in one; unknown names are usage errors', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'quick.yaml'), "description: { vi: 'Của tôi', en: 'Mine' }\nscan: { topPorts: 3 }\n");
    expect(findProfile('quick', [BUILTIN, dir]).scan).toEqual({ topPorts: 3 });
    expect(() => findProfile('nope', [BUILTIN, dir])).toThrow(/no scan profile "nope"/);
    writeFileSync(join(dir, 'bad.yaml'), "description: { vi: 'x', en: 'x' }\nscan: { rat: 3 }\n");
    expect(() => findProfile('bad', [BUILTIN, dir])).toThrow(/rat/);
  });
});

// Loopback 127.0.120.0/24 only, never port 2024.
const HOST = '127.0.120.1';
let listeners: ListenerSet;
beforeAll(async () => {
  listeners = await startListeners([
    { host: HOST, port: 3306 },
    { host: HOST, port: 2222 },
  ]);
});
afterAll(() => listeners.close());

describe('rasoat scan --profile', () => {
  it('records the profile, applies its settings, and explicit flags override it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'profiles'));
    // A user profile beside the config file: only the ports scanner, port 3306 only.
    writeFileSync(join(dir, 'profiles', 'db-only.yaml'), "description: { vi: 'CSDL', en: 'Databases' }\nscan: { only: [ports], ports: '3306' }\nrules: ['ports.*']\n");
    const env = cliEnv({ RASOAT_CONFIG: join(dir, 'config.yaml') });
    const db = join(dir, 'h.db');
    const run = await runCli(['scan', HOST, '--profile', 'db-only', '--exclude-ports', '2024', '--db', db, '--json', '-q'], env);
    expect(run.code, run.stderr).toBe(0);
    const audit = JSON.parse(run.stdout) as { audit: { profile: string; scanners: string[] }; observations: Array<{ kind: string; port?: number }> };
    expect(audit.audit.profile).toBe('db-only');
    expect(audit.audit.scanners).toEqual(['ports']);
    expect(audit.observations.filter((o) => o.kind === 'port.open').map((o) => o.port)).toEqual([3306]);

    const override = await runCli(['scan', HOST, '--profile', 'db-only', '-p', '2222,3306', '--exclude-ports', '2024', '--db', db, '--json', '-q'], env);
    const second = JSON.parse(override.stdout) as typeof audit;
    expect(second.observations.filter((o) => o.kind === 'port.open').map((o) => o.port)).toEqual([2222, 3306]);
  });

  it('the built-in quick profile leaves the exposure rules out', async () => {
    const db = join(tempDir(), 'h.db');
    const run = await runCli(['scan', HOST, '--profile', 'quick', '-p', '2222', '--exclude-ports', '2024', '--db', db, '--json', '-q'], cliEnv());
    expect(run.code, run.stderr).toBe(0);
    const audit = JSON.parse(run.stdout) as { audit: { profile: string }; rules: Array<{ id: string }> };
    expect(audit.audit.profile).toBe('quick');
    expect(audit.rules.some((r) => r.id.startsWith('http.exposure.'))).toBe(false);
    expect(audit.rules.some((r) => r.id.startsWith('http.header.'))).toBe(true);
  });

  it('an unknown profile is one line and exit 2; rasoat profiles lists them', async () => {
    const run = await runCli(['scan', HOST, '--profile', 'nope', '--db', join(tempDir(), 'h.db')], cliEnv());
    expect(run.code).toBe(2);
    expectNoStackTrace(run.stderr);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const list = await runCli(['profiles', '--lang', 'vi'], cliEnv());
    expect(list.stdout).toMatch(/portal\s+Cổng thông tin/);
  });
});
