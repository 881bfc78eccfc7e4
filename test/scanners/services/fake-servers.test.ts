import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBson, encodeBson } from '../../../src/scanners/services/bson.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';
import { kexinitPacket } from './ssh-packets.js';

// Protocols Debian cannot give us as daemons (MongoDB, Elasticsearch, MySQL, RDP, SMB, SSH 1,
// an open SMTP relay) and hostile servers, as Node servers on 127.0.91.x. Short limits: the point
// of the hostile ones is that every conversation ends.
const PROTOCOLS = '127.0.91.1';
const HOSTILE = '127.0.91.2';
const servers: Server[] = [];
const held = new Set<Socket>();
let protocols: InProcessAudit;
let relayChecked: InProcessAudit;
let hostile: InProcessAudit;
let noNmap: InProcessAudit;
let hostileMs = 0;

function serve(host: string, port: number, onConnection: (socket: Socket) => void): Promise<void> {
  const server = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => held.delete(socket));
    onConnection(socket);
  });
  servers.push(server);
  return new Promise((ready) => server.listen(port, host, ready));
}

/** Answers each complete MongoDB message with `reply(command)`, in the message's own format. */
function mongo(reply: (command: Record<string, unknown>) => Record<string, number | string | boolean>) {
  return (socket: Socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= buffered.readInt32LE(0)) {
        const message = buffered.subarray(0, buffered.readInt32LE(0));
        buffered = buffered.subarray(message.length);
        const opCode = message.readInt32LE(12);
        const command = opCode === 2004 ? decodeBson(message, message.indexOf(0, 20) + 9) : decodeBson(message, 21);
        const body = encodeBson(reply(command));
        const head = Buffer.alloc(16);
        head.writeInt32LE(message.readInt32LE(4), 8);
        if (opCode === 2004) {
          head.writeInt32LE(1, 12);
          const fields = Buffer.alloc(20);
          fields.writeInt32LE(1, 16);
          head.writeInt32LE(16 + 20 + body.length, 0);
          socket.write(Buffer.concat([head, fields, body]));
        } else {
          head.writeInt32LE(2013, 12);
          head.writeInt32LE(16 + 5 + body.length, 0);
          socket.write(Buffer.concat([head, Buffer.alloc(5), body]));
        }
      }
    });
  };
}

function http(status: string, headers: string[], body: string) {
  return (socket: Socket) =>
    socket.once('data', () => socket.end(`HTTP/1.1 ${status}\r\n${[...headers, `Content-Length: ${Buffer.byteLength(body)}`].join('\r\n')}\r\n\r\n${body}`));
}

function smtp(relay: boolean) {
  return (socket: Socket) => {
    socket.write('220 mail.test ESMTP Postfix (Debian/GNU)\r\n');
    socket.on('data', (chunk: Buffer) => {
      const line = chunk.toString();
      if (line.startsWith('EHLO')) socket.write('250-mail.test\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
      else if (line.startsWith('MAIL')) socket.write('250 2.1.0 Ok\r\n');
      else if (line.startsWith('RCPT')) socket.write(relay ? '250 2.1.5 Ok\r\n' : '554 5.7.1 <rasoat-relay-check@example.net>: Relay access denied\r\n');
      else if (line.startsWith('DATA')) throw new Error('DATA must never be sent');
      else if (line.startsWith('QUIT')) socket.end('221 Bye\r\n');
      else socket.write('250 Ok\r\n');
    });
  };
}

function mysqlHandshake(version: string): Buffer {
  const payload = Buffer.concat([Buffer.from([10]), Buffer.from(`${version}\0`), Buffer.alloc(40, 0x41)]);
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  return Buffer.concat([header, payload]);
}

beforeAll(async () => {
  const openMongo = mongo((c) => ('isMaster' in c ? { ismaster: true, maxWireVersion: 17, ok: 1 } : 'buildInfo' in c ? { version: '6.0.12', ok: 1 } : { ok: 1, totalSize: 0 }));
  await Promise.all([
    serve(PROTOCOLS, 27017, openMongo),
    serve(PROTOCOLS, 27018, mongo((c) => ('isMaster' in c ? { ismaster: true, maxWireVersion: 17, ok: 1 } : 'buildInfo' in c ? { version: '7.0.2', ok: 1 } : { ok: 0, errmsg: 'command listDatabases requires authentication', code: 13, codeName: 'Unauthorized' }))),
    serve(PROTOCOLS, 9200, http('200 OK', ['Content-Type: application/json'], JSON.stringify({ name: 'n1', cluster_name: 'so-lieu', version: { number: '8.11.1' }, tagline: 'You Know, for Search' }))),
    serve(PROTOCOLS, 9201, http('401 Unauthorized', ['WWW-Authenticate: Basic realm="security" charset="UTF-8"'], '{"error":"missing authentication credentials"}')),
    serve(PROTOCOLS, 3306, (s) => s.write(mysqlHandshake('5.5.5-10.11.6-MariaDB-0+deb12u1'))),
    serve(PROTOCOLS, 5432, (s) => s.once('data', () => s.write('N'))),
    serve(PROTOCOLS, 3389, (s) => s.once('data', () => s.write(Buffer.from('030000130ed000001234000209080002000000', 'hex')))),
    serve(PROTOCOLS, 445, (s) => s.once('data', () => { const r = Buffer.alloc(4 + 64 + 8); r.writeUInt32BE(72, 0); Buffer.from('\xfeSMB', 'latin1').copy(r, 4); r.writeUInt16LE(65, 68); r.writeUInt16LE(0x02ff, 72); s.write(r); })),
    serve(PROTOCOLS, 2323, (s) => s.write(Buffer.from([0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20, 0xff, 0xfb, 0x01]))),
    serve(PROTOCOLS, 22, (s) => {
      s.write('SSH-1.99-OpenSSH_3.9p1\r\n');
      s.once('data', () => s.write(kexinitPacket({ kex: ['diffie-hellman-group1-sha1'], hostkey: ['ssh-dss'], cipher: ['3des-cbc', 'arcfour'], mac: ['hmac-md5'] })));
    }),
    serve(PROTOCOLS, 25, smtp(true)),
    serve(PROTOCOLS, 587, smtp(false)),
    // Hostile: garbage, an endless stream, a drip, silence, a banner that never ends its line.
    serve(HOSTILE, 22, (s) => s.write(Buffer.from('SSH-2.0-x\r\n\xff\xff\xff\xff\x00garbage', 'latin1'))),
    serve(HOSTILE, 6379, (s) => { const spew = () => s.write(Buffer.alloc(64 * 1024, 0x24), () => !s.destroyed && setImmediate(spew)); spew(); }),
    serve(HOSTILE, 21, (s) => { const drip = setInterval(() => (s.destroyed ? clearInterval(drip) : s.write('2')), 200); }),
    serve(HOSTILE, 27017, (s) => s.on('data', () => s.write(Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3])))),
    serve(HOSTILE, 9999, () => {}),
    serve(HOSTILE, 3306, (s) => s.write(Buffer.from([5, 0, 0, 0, 10, 0x35, 0x2e]))),
  ]);
  const fast = { nmap: false, timeoutMs: 800, bannerWaitMs: 500, deadlineMs: 3000 };
  const started = performance.now();
  [protocols, relayChecked, hostile, noNmap] = await Promise.all([
    auditInProcess([PROTOCOLS], { ports: '22,25,445,587,2323,3306,3389,5432,9200,9201,27017,27018', scanners: ['ports', 'services'], services: fast }),
    auditInProcess([PROTOCOLS], { ports: '25,587', scanners: ['ports', 'services'], services: { ...fast, smtpRelayCheck: true } }),
    auditInProcess([HOSTILE], { ports: '21,22,3306,6379,9999,27017', scanners: ['ports', 'services'], services: fast }).then((a) => ((hostileMs = performance.now() - started), a)),
    auditInProcess([PROTOCOLS], { ports: '3306', scanners: ['ports', 'services'], services: { ...fast, nmap: true, nmapPath: '/nonexistent/nmap' } }),
  ]);
}, 60_000);

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
});

const identity = (audit: InProcessAudit, port: number) => audit.facts('service.identity', { port })[0];

describe('protocols without a Debian daemon', () => {
  it('MongoDB: open and protected, with the version from buildInfo', () => {
    expect(identity(protocols, 27017)).toMatchObject({ service: 'mongodb', product: 'MongoDB', version: '6.0.12' });
    expect(protocols.facts('service.unauthenticated', { port: 27017 })[0]).toMatchObject({ open: true });
    expect(protocols.facts('service.unauthenticated', { port: 27018 })[0]).toMatchObject({ open: false, detail: expect.stringMatching(/requires authentication/) });
    expect(protocols.findings.filter((f) => f.ruleId === 'services.mongodb.no-auth' && f.outcome === 'fail').map((f) => f.evidence.port)).toEqual([27017]);
  });

  it('Elasticsearch: open cluster and one behind the security realm (on a port that hints nothing)', () => {
    expect(identity(protocols, 9200)).toMatchObject({ service: 'elasticsearch', product: 'Elasticsearch', version: '8.11.1' });
    expect(protocols.facts('service.unauthenticated', { port: 9200 })[0]).toMatchObject({ open: true });
    expect(protocols.outcome('services.elasticsearch.no-auth')).toBe('fail');
    expect(identity(protocols, 9201)).toMatchObject({ service: 'http' });
  });

  it('MariaDB, PostgreSQL, RDP, SMB and telnet', () => {
    expect(identity(protocols, 3306)).toMatchObject({ service: 'mysql', product: 'MariaDB', version: '10.11.6' });
    expect(identity(protocols, 5432)).toMatchObject({ service: 'postgresql', product: 'PostgreSQL', extraInfo: 'no TLS' });
    expect(identity(protocols, 3389)).toMatchObject({ service: 'rdp', extraInfo: 'selected: CredSSP (NLA)' });
    expect(identity(protocols, 445)).toMatchObject({ service: 'smb', extraInfo: 'SMB 2+ (dialect 0x2ff)' });
    expect(identity(protocols, 2323)).toMatchObject({ service: 'telnet' });
    expect(protocols.outcome('services.telnet.cleartext')).toBe('fail');
  });

  it('an SSH 1.99 server with a weak offer fails the protocol and algorithm rules', () => {
    expect(protocols.facts('service.ssh', { port: 22 })[0]).toMatchObject({ protocolVersion: '1.99', protocol1: true, algorithms: 7 });
    expect(protocols.failed()).toEqual(expect.arrayContaining(['services.ssh.protocol1-enabled', 'services.ssh.weak-kex', 'services.ssh.weak-hostkey', 'services.ssh.weak-cipher', 'services.ssh.weak-mac']));
  });

  it('SMTP: capabilities always, the relay question only with the opt-in', () => {
    expect(protocols.facts('service.mail', { port: 587 })[0]).toMatchObject({ protocol: 'smtp', submission: true, starttls: false, plaintextAuth: true });
    expect(protocols.facts('service.smtp-relay')).toEqual([]);
    expect(protocols.outcome('services.smtp.open-relay')).toBe('not-assessed');
    expect(relayChecked.facts('service.smtp-relay', { port: 25 })[0]).toMatchObject({ relay: true });
    expect(relayChecked.facts('service.smtp-relay', { port: 587 })[0]).toMatchObject({ relay: false, answer: expect.stringMatching(/^554/) });
    expect(relayChecked.findings.filter((f) => f.ruleId === 'services.smtp.open-relay' && f.outcome === 'fail').map((f) => f.evidence.port)).toEqual([25]);
  });
});

describe('without nmap installed', () => {
  it('falls back to the native probes and says nmap was absent', () => {
    expect(noNmap.status).toBe('complete');
    expect(noNmap.facts('service.summary')[0]).toMatchObject({ nmap: 'absent', nmapVersion: null, identified: 1 });
    expect(identity(noNmap, 3306)).toMatchObject({ product: 'MariaDB', source: 'banner', nmapProduct: null });
  });
});

describe('hostile servers', () => {
  it('every conversation ends within its limits and the audit completes', () => {
    expect(hostile.status).toBe('complete');
    expect(hostileMs).toBeLessThan(20_000);
    expect(hostile.facts('service.identity').map((i) => i.port).sort((a, b) => a - b)).toEqual([21, 22, 3306, 6379, 9999, 27017]);
    expect(hostile.facts('scan.error')).toEqual([]);
  });

  it('names what it can and nothing it cannot', () => {
    expect(identity(hostile, 22)).toMatchObject({ service: 'ssh' });
    expect(hostile.facts('service.ssh', { port: 22 })[0]).toMatchObject({ algorithms: 0 });
    expect(hostile.outcome('services.ssh.weak-kex')).toBe('not-assessed');
    for (const port of [6379, 9999, 27017, 3306]) expect(identity(hostile, port)?.product, String(port)).toBeNull();
  });
});
