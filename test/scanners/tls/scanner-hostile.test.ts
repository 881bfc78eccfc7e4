import { X509Certificate } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTlsPersonality } from '../../../fixtures/servers/fake-tls.js';
import { issue } from '../../../fixtures/certs/generate.js';
import { startFakeTls, type FakeTlsServer } from '../../../fixtures/servers/fake-tls.js';
import { startStartTlsServer } from '../../../fixtures/servers/starttls.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// STARTTLS services on 127.0.73.1 (custom ports, declared as --starttls would) and broken servers
// on 127.0.74.x:8443. Short limits: the point is that every one of them ends.
const MAIL = '127.0.73.1';
const MISBEHAVIOURS = ['reset', 'silent', 'garbage', 'drip', 'endless-handshake', 'random-records'] as const;
const hostile = (i: number) => `127.0.74.${i + 1}`;
const closers: Array<() => Promise<void>> = [];
const hostileServers = new Map<string, FakeTlsServer>();
let mail: InProcessAudit;
let broken: InProcessAudit;

beforeAll(async () => {
  const { key, cert } = issue({ subject: '/CN=mail.test', san: ['DNS:mail.test'] });
  closers.push((await startStartTlsServer('smtp', MAIL, 2525, { key, cert, offersTls: true })).close);
  closers.push((await startStartTlsServer('imap', MAIL, 1143, { key, cert, offersTls: false })).close);
  // Not PostgreSQL at all: accepts and says nothing.
  const held = new Set<Socket>();
  const silent: Server = createServer((socket) => void held.add(socket));
  await new Promise<void>((ready) => silent.listen(15432, MAIL, ready));
  closers.push(() => new Promise((done) => (held.forEach((s) => s.destroy()), silent.close(() => done()))));

  const chain = [new X509Certificate(cert).raw];
  const base: FakeTlsPersonality = { versions: [0x0303], suites: [0xc02f], serverOrder: true, chain };
  for (const [i, misbehave] of MISBEHAVIOURS.entries()) {
    const server: FakeTlsServer = await startFakeTls(hostile(i), 8443, { ...base, misbehave });
    hostileServers.set(misbehave, server);
    closers.push(() => server.close());
  }

  const limits = { timeoutMs: 1000, deadlineMs: 3000 };
  [mail, broken] = await Promise.all([
    auditInProcess([MAIL], { ports: '2525,1143,15432', tls: { ...limits, starttlsPorts: { 2525: 'smtp', 1143: 'imap', 15432: 'postgres' } } }),
    auditInProcess(MISBEHAVIOURS.map((_, i) => hostile(i)), { ports: '8443', tls: limits }),
  ]);
}, 120_000);

afterAll(async () => {
  for (const close of closers) await close();
});

describe('STARTTLS through the scanner', () => {
  it('scans TLS behind SMTP STARTTLS', () => {
    expect(mail.facts('tls.starttls', { port: 2525 })[0]).toMatchObject({ protocol: 'smtp', offered: true });
    expect(mail.facts('tls.endpoint', { port: 2525 })[0]).toMatchObject({ transport: 'starttls', starttls: 'smtp', tls12: true, tls13: true });
    expect(mail.facts('tls.certificate', { port: 2525 })[0]?.subject).toContain('mail.test');
  });

  it('reports an IMAP server that will not upgrade, with its answer', () => {
    const refusal = mail.facts('tls.starttls', { port: 1143 })[0];
    expect(refusal).toMatchObject({ protocol: 'imap', offered: false });
    expect(refusal?.answer).toMatch(/^r1 (NO|BAD)/);
    expect(mail.findings.find((f) => f.ruleId === 'tls.starttls.not-offered' && f.outcome === 'fail')?.evidence).toMatchObject({ port: 1143 });
    expect(mail.facts('tls.endpoint', { port: 1143 })).toEqual([]);
  });

  it('says nothing about a port whose service is not the protocol the port suggests', () => {
    expect(mail.observations.filter((o) => o.port === 15432 && o.kind !== 'port.open')).toEqual([]);
  });
});

describe('hostile and broken servers', () => {
  it('end the audit, complete, with no TLS facts and no crash', () => {
    expect(broken.status).toBe('complete');
    for (const [i, misbehave] of MISBEHAVIOURS.entries()) {
      const own = broken.observations.filter((o) => o.host === hostile(i) && o.kind.startsWith('tls.'));
      expect(own, misbehave).toEqual([]);
    }
  });

  it('stop probing a port that stays silent after the first unanswered hellos', () => {
    // One hello per protocol is in flight when the first read times out; every later probe
    // (further suite chunks, groups, features) is skipped instead of waiting its own timeout.
    const hellos = hostileServers.get('silent')!.hellos;
    expect(hellos).toBeGreaterThan(0);
    expect(hellos).toBeLessThanOrEqual(6);
  });

  it('leave the TLS rules not applicable rather than passed', () => {
    const verdicts = broken.findings.filter((f) => f.ruleId.startsWith('tls.'));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.filter((f) => f.outcome !== 'not-applicable').map((f) => `${f.host} ${f.ruleId} ${f.outcome}`)).toEqual([]);
  });
});
