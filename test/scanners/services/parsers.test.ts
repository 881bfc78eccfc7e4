import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mysqlGreeting, telnetGreeting } from '../../../src/scanners/services/binary.js';
import { BsonError, decodeBson, encodeBson } from '../../../src/scanners/services/bson.js';
import { mergeFacts, mergeIdentity } from '../../../src/scanners/services/merge.js';
import { nmapArguments } from '../../../src/scanners/services/nmap/args.js';
import { parseNmapXml } from '../../../src/scanners/services/nmap/xml.js';
import { canonicalNmapProduct, ftpProduct, httpProduct, mailboxProduct, mysqlProduct, smtpProduct, sshProduct } from '../../../src/scanners/services/products.js';
import { acceptsProtocol1, packetLength, parseIdentification, parseKexinit } from '../../../src/scanners/services/ssh.js';
import { codeReply } from '../../../src/scanners/services/text.js';
import { kexinitPacket } from './ssh-packets.js';

describe('SSH identification and KEXINIT', () => {
  it('reads the identification line, even after other lines', () => {
    expect(parseIdentification(Buffer.from('Welcome\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n'))).toMatchObject({ protocolVersion: '2.0', software: 'OpenSSH_9.2p1', comments: 'Debian-2+deb12u10' });
    expect(parseIdentification(Buffer.from('220 ftp ready\r\n'))).toBeNull();
    expect(acceptsProtocol1('1.99')).toBe(true);
    expect(acceptsProtocol1('1.5')).toBe(true);
    expect(acceptsProtocol1('2.0')).toBe(false);
  });

  it('parses the algorithm lists of a KEXINIT packet', () => {
    const packet = kexinitPacket({ kex: ['curve25519-sha256', 'diffie-hellman-group1-sha1'], hostkey: ['ssh-ed25519', 'ssh-rsa'], cipher: ['aes128-ctr', 'aes128-cbc'], mac: ['hmac-sha2-256', 'hmac-md5'] });
    expect(packetLength(packet)).toBe(packet.length);
    expect(parseKexinit(packet)).toEqual({
      kex: ['curve25519-sha256', 'diffie-hellman-group1-sha1'],
      hostkey: ['ssh-ed25519', 'ssh-rsa'],
      cipher: ['aes128-ctr', 'aes128-cbc'],
      mac: ['hmac-sha2-256', 'hmac-md5'],
      compression: ['none', 'zlib@openssh.com'],
    });
  });

  it('gives null, never a throw, for truncated, lying or hostile packets', () => {
    const packet = kexinitPacket({ kex: ['a'], hostkey: ['b'], cipher: ['c'], mac: ['d'] });
    expect(packetLength(packet.subarray(0, 20))).toBe(0);
    expect(parseKexinit(packet.subarray(0, 20))).toBeNull();
    const lying = Buffer.from(packet);
    lying.writeUInt32BE(0xffffff00, 5 + 17);
    expect(parseKexinit(lying)).toBeNull();
    const huge = Buffer.from(packet);
    huge.writeUInt32BE(1_000_000, 0);
    expect(packetLength(huge)).toBe(-1);
    const notKexinit = Buffer.from(packet);
    notKexinit[5] = 21;
    expect(parseKexinit(notKexinit)).toBeNull();
    for (let i = 0; i < 200; i++) {
      const noise = Buffer.from(packet);
      noise[6 + ((i * 37) % (packet.length - 6))] = (i * 91) & 0xff;
      expect(() => parseKexinit(noise)).not.toThrow();
    }
  });
});

describe('products from banners', () => {
  it('names the daemons the integration tests run, and others', () => {
    expect(sshProduct('OpenSSH_9.2p1', 'Debian-2+deb12u10')).toMatchObject({ product: 'OpenSSH', version: '9.2p1', extraInfo: 'Debian-2+deb12u10', confidence: 'high' });
    expect(sshProduct('dropbear_2022.83', null)).toMatchObject({ product: 'Dropbear', version: '2022.83' });
    expect(ftpProduct('220 (vsFTPd 3.0.3)')).toMatchObject({ product: 'vsftpd', version: '3.0.3' });
    expect(ftpProduct('220 ProFTPD 1.3.8 Server (Debian)')).toMatchObject({ product: 'ProFTPD', version: '1.3.8' });
    expect(smtpProduct('220 mail.example ESMTP Postfix (Debian/GNU)')).toMatchObject({ product: 'Postfix', version: null, extraInfo: 'Debian/GNU' });
    expect(smtpProduct('220 mx ESMTP Exim 4.96 Tue, 24 Nov 2026')).toMatchObject({ product: 'Exim', version: '4.96' });
    expect(mailboxProduct('* OK [CAPABILITY IMAP4rev1] Dovecot (Debian) ready.')).toMatchObject({ product: 'Dovecot', version: null, extraInfo: 'Debian' });
    expect(httpProduct('Apache/2.4.62 (Debian)')).toMatchObject({ product: 'Apache httpd', version: '2.4.62', extraInfo: '(Debian)' });
    expect(httpProduct('nginx')).toMatchObject({ product: 'nginx', version: null, confidence: 'medium' });
    expect(mysqlProduct('5.5.5-10.11.6-MariaDB-0+deb12u1')).toMatchObject({ product: 'MariaDB', version: '10.11.6' });
    expect(mysqlProduct('8.0.36')).toMatchObject({ product: 'MySQL', version: '8.0.36' });
  });

  it('maps nmap product names onto the same names', () => {
    expect(canonicalNmapProduct('Redis key-value store', '7.0.15')).toBe('Redis');
    expect(canonicalNmapProduct('Dovecot imapd', null)).toBe('Dovecot');
    expect(canonicalNmapProduct('MySQL', '5.5.5-10.11.6-MariaDB-0+deb12u1')).toBe('MariaDB');
    expect(canonicalNmapProduct('Something new', null)).toBe('Something new');
  });
});

describe('binary greetings', () => {
  it('reads a MySQL handshake and a MariaDB one, and refuses look-alikes', () => {
    const handshake = (version: string) => {
      const payload = Buffer.concat([Buffer.from([10]), Buffer.from(`${version}\0`), Buffer.alloc(20, 1)]);
      const header = Buffer.alloc(4);
      header.writeUIntLE(payload.length, 0, 3);
      return Buffer.concat([header, payload]);
    };
    expect(mysqlGreeting(handshake('8.0.36'))?.guess).toMatchObject({ product: 'MySQL', version: '8.0.36' });
    expect(mysqlGreeting(handshake('5.5.5-10.11.6-MariaDB-0+deb12u1'))?.guess).toMatchObject({ product: 'MariaDB', version: '10.11.6' });
    expect(mysqlGreeting(Buffer.from('SSH-2.0-x\r\n'))).toBeNull();
    expect(mysqlGreeting(handshake('not a version'))).toBeNull();
  });

  it('recognises telnet option negotiation', () => {
    expect(telnetGreeting(Buffer.from([0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20]))?.service).toBe('telnet');
    expect(telnetGreeting(Buffer.from('hello'))).toBeNull();
  });

  it('round-trips BSON and rejects malformed documents', () => {
    expect(decodeBson(encodeBson({ isMaster: 1, $db: 'admin', ok: true }))).toEqual({ isMaster: 1, $db: 'admin', ok: true });
    const doc = encodeBson({ a: 'xyz' });
    doc.writeInt32LE(1000, 0);
    expect(() => decodeBson(doc)).toThrow(BsonError);
  });

  it('waits for the last line of a multi-line reply', () => {
    expect(codeReply(Buffer.from('250-first\r\n250-second\r\n'))).toBe(false);
    expect(codeReply(Buffer.from('250-first\r\n250 last'))).toBe(false);
    expect(codeReply(Buffer.from('250-first\r\n250 last\r\n'))).toBe(true);
  });
});

describe('nmap', () => {
  const recorded = readFileSync(new URL('../../../fixtures/nmap/sv-loopback.xml', import.meta.url), 'utf8');

  it('parses a recorded -sV report with script tables', () => {
    const { ports, version } = parseNmapXml(recorded);
    expect(version).toBe('7.93');
    expect(ports.map((p) => p.port).sort((a, b) => a - b)).toEqual([1110, 1143, 2121, 2222, 6379, 11211]);
    const ssh = ports.find((p) => p.port === 2222)!;
    expect(ssh).toMatchObject({ service: 'ssh', product: 'OpenSSH', version: '9.2p1 Debian 2+deb12u10', extraInfo: 'protocol 2.0', confidence: 10 });
    expect(ssh.cpe).toContain('cpe:/a:openbsd:openssh:9.2p1');
    expect(ssh.scripts['ssh-auth-methods']?.tables['Supported authentication methods']).toEqual(['publickey', 'password', 'keyboard-interactive']);
    expect(ssh.scripts['ssh2-enum-algos']?.tables.kex_algorithms).toContain('diffie-hellman-group1-sha1');
    expect(ports.find((p) => p.port === 2121)?.scripts['ftp-anon']?.output).toMatch(/Anonymous FTP login allowed/);
  });

  it('gives no ports for output that is not a report', () => {
    expect(parseNmapXml('').ports).toEqual([]);
    expect(parseNmapXml('<nmaprun><host/></nmaprun>').ports).toEqual([]);
  });

  it('adds authentication methods to the native SSH facts and keeps both names', () => {
    const ssh = parseNmapXml(recorded).ports.find((p) => p.port === 2222)!;
    const native = { port: 2222, protocolVersion: '2.0', software: 'OpenSSH_9.2p1', comments: null, protocol1: false, authMethods: null, passwordAuth: null, algorithms: 0 };
    const merged = mergeFacts(2222, [{ kind: 'service.ssh', data: native }], ssh);
    expect(merged[0]).toMatchObject({ kind: 'service.ssh', data: { passwordAuth: true, authMethods: ['publickey', 'password', 'keyboard-interactive'] } });
    // The native KEXINIT read failed (algorithms 0): ssh2-enum-algos stands in.
    expect(merged.filter((f) => f.kind === 'service.ssh-algorithm').length).toBeGreaterThan(20);
    const identity = mergeIdentity(2222, { service: 'ssh', guess: sshProduct('OpenSSH_9.2p1', 'Debian-2+deb12u10'), banner: 'SSH-2.0-OpenSSH_9.2p1', facts: [] }, ssh, false);
    expect(identity).toMatchObject({ product: 'OpenSSH', version: '9.2p1', source: 'banner+nmap', confidence: 'high', nmapProduct: 'OpenSSH' });
    expect(mergeIdentity(2222, null, ssh, false)).toMatchObject({ service: 'ssh', product: 'OpenSSH', version: '9.2p1 Debian 2+deb12u10', source: 'nmap' });
  });

  it('builds a connect scan of exactly the open ports, capped and with the exclusions', () => {
    const args = nmapArguments('127.0.90.1', [22, 2121], '2024', { path: 'nmap', scripts: ['ssh2-enum-algos'], maxParallelism: 4, hostTimeoutMs: 60_000 });
    expect(args).toEqual(expect.arrayContaining(['-sV', '-sT', '-Pn', '-n', '--max-parallelism', '4', '--host-timeout', '60s', '--exclude-ports', '2024', '--script', 'ssh2-enum-algos', '-oX', '-']));
    expect(args[args.indexOf('-p') + 1]).toBe('22,2121');
    expect(args.at(-1)).toBe('127.0.90.1');
  });
});
