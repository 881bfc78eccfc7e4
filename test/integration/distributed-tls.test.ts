import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, spawnCli, tempDir, waitForStderr } from '../helpers/cli.js';
import { clusterPeersPresent, startRedis, type TestRedis } from '../helpers/cluster.js';

/**
 * Per-agent credentials over TLS, on loopback: the queue has a certificate from the agency's own
 * CA; an agent checks it and logs in with its own user. No namespace needed for this.
 */
const run = clusterPeersPresent();
const ADDRESS = '127.0.150.200';
const PORT = 16390;

function makeCa(dir: string, name: string): { ca: string; key: string } {
  const ca = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', key, '-out', ca], { stdio: 'ignore' });
  return { ca, key };
}

describe.runIf(run)('agent credentials over TLS', () => {
  let dir: string;
  let redis: TestRedis;
  let admin: NodeJS.ProcessEnv;
  let ca: { ca: string; key: string };
  const url = `rediss://${ADDRESS}:${PORT}`;

  beforeAll(async () => {
    dir = tempDir('rasoat-tls-queue-');
    ca = makeCa(dir, 'agency-ca');
    const key = join(dir, 'queue.key');
    const csr = join(dir, 'queue.csr');
    const cert = join(dir, 'queue.pem');
    writeFileSync(join(dir, 'san.cnf'), `subjectAltName=IP:${ADDRESS}\n`);
    execFileSync('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=queue', '-keyout', key, '-out', csr], { stdio: 'ignore' });
    execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', ca.ca, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-extfile', join(dir, 'san.cnf'), '-out', cert], { stdio: 'ignore' });
    redis = await startRedis(dir, [`bind ${ADDRESS}`, `tls-port ${PORT}`, `tls-cert-file ${cert}`, `tls-key-file ${key}`, `tls-ca-cert-file ${ca.ca}`, 'tls-auth-clients optional']);
    admin = cliEnv({ RASOAT_QUEUE: redis.url, RASOAT_QUEUE_PASSWORD: redis.adminPassword });
    const added = await runCli(['agents', 'add', 'tls-agent', '--segment', 'T', '--allow', '127.0.150.192/28', '--out', join(dir, 'agent.yaml'), '--agent-queue', url, '--ca', ca.ca], admin);
    expect(added.code, added.stderr).toBe(0);
  }, 60_000);

  afterAll(() => redis?.stop());

  it('connects with its own user after checking the queue\'s certificate against the agency CA', async () => {
    const agent = spawnCli(['agent', '--credentials', join(dir, 'agent.yaml'), '--heartbeat', '1'], cliEnv());
    try {
      await waitForStderr(agent, /agent tls-agent of segment T connected to rediss:\/\/127\.0\.150\.200:16390/);
      const listed = await runCli(['agents'], admin);
      expect(listed.stdout).toMatch(/tls-agent\s+T\s+.*live/);
    } finally {
      agent.kill('SIGTERM');
    }
  }, 30_000);

  it('refuses a queue whose certificate another CA signed, in one line', async () => {
    const other = makeCa(dir, 'someone-else');
    const file = join(dir, 'wrong-ca.yaml');
    writeFileSync(file, readFileSync(join(dir, 'agent.yaml'), 'utf8').replace(ca.ca, other.ca));
    const result = await runCli(['agent', '--credentials', file], cliEnv());
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/TLS with the queue at rediss:\/\/127\.0\.150\.200:16390 failed/);
  }, 30_000);

  it('refuses a wrong password, and never prints the one given', async () => {
    const file = join(dir, 'wrong-password.yaml');
    writeFileSync(file, readFileSync(join(dir, 'agent.yaml'), 'utf8').replace(/^password: .*$/m, 'password: not-the-password-9f2'));
    const result = await runCli(['agent', '--credentials', file], cliEnv());
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/refused the credentials/);
    expect(result.stderr).not.toContain('not-the-password-9f2');
  }, 30_000);

  it('does not talk in the clear to the TLS port', async () => {
    const file = join(dir, 'plain.yaml');
    writeFileSync(file, readFileSync(join(dir, 'agent.yaml'), 'utf8').replace(url, `redis://${ADDRESS}:${PORT}`));
    const result = await runCli(['agent', '--credentials', file], cliEnv());
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/closed the connection at once: if it expects TLS, use rediss:\/\//);
  }, 30_000);
});
