import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartTlsProtocol } from '../../../src/core/model/observation.js';
import { withTcpStream } from '../../../src/core/net/stream.js';
import { negotiateStartTls, StartTlsRefused } from '../../../src/scanners/tls/starttls.js';
import { issue } from '../../../fixtures/certs/generate.js';
import { startStartTlsServer } from '../../../fixtures/servers/starttls.js';

const HOST = '127.0.68.1';
const PROTOCOLS: StartTlsProtocol[] = ['smtp', 'imap', 'pop3', 'ftp', 'ldap', 'postgres'];
const limits = { timeoutMs: 2000, deadlineMs: 5000, maxBytes: 65536 };
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const { key, cert } = issue({ subject: '/CN=mail.test', san: ['DNS:mail.test'] });
  for (const [i, protocol] of PROTOCOLS.entries()) {
    closers.push((await startStartTlsServer(protocol, HOST, 43000 + i, { key, cert, offersTls: true })).close);
    closers.push((await startStartTlsServer(protocol, HOST, 43100 + i, { key, cert, offersTls: false })).close);
  }
});
afterAll(async () => {
  for (const close of closers) await close();
});

describe('STARTTLS', () => {
  it.each(PROTOCOLS.map((p, i) => [p, i] as const))('%s: upgrades, then a real TLS handshake succeeds', async (protocol, i) => {
    const session = await withTcpStream(HOST, 43000 + i, limits, undefined, async (stream) => {
      await negotiateStartTls(protocol, stream);
      return stream.startTls({ servername: 'mail.test' });
    });
    expect(session.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(session.peerChain).toHaveLength(1);
  });

  it.each(PROTOCOLS.map((p, i) => [p, i] as const))('%s: a server that does not offer TLS is reported as such', async (protocol, i) => {
    const outcome = await withTcpStream(HOST, 43100 + i, limits, undefined, (stream) => negotiateStartTls(protocol, stream)).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(StartTlsRefused);
    expect((outcome as StartTlsRefused).protocol).toBe(protocol);
  });
});
