import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classifySuiteName } from '../../../src/scanners/tls/cipher-suite-classify.js';
import {
  CIPHER_SUITES,
  suiteByCode,
  suiteByName,
  suiteCodeHex,
  TLS12_SUITE_CODES,
  TLS13_SUITE_CODES,
} from '../../../src/scanners/tls/cipher-suites.js';
import { SSLV2_CIPHER_KINDS, sslv2KindByCode } from '../../../src/scanners/tls/sslv2-cipher-kinds.js';

function suite(code: number) {
  const found = suiteByCode(code);
  if (!found) throw new Error(`no suite ${suiteCodeHex(code)}`);
  return found;
}

describe('cipher suite registry', () => {
  it('holds the whole IANA registry (less GOST) and the unregistered suites still seen', () => {
    expect(CIPHER_SUITES.filter((s) => s.registered)).toHaveLength(343);
    expect(CIPHER_SUITES.filter((s) => !s.registered)).toHaveLength(10);
    expect(new Set(CIPHER_SUITES.map((s) => s.code)).size).toBe(CIPHER_SUITES.length);
    expect(new Set(CIPHER_SUITES.map((s) => s.name)).size).toBe(CIPHER_SUITES.length);
    const openssl = CIPHER_SUITES.flatMap((s) => (s.openssl ? [s.openssl] : []));
    expect(new Set(openssl).size).toBe(openssl.length);
  });

  it('classifies well-known suites as their RFCs define them', () => {
    expect(suite(0xc02f)).toMatchObject({
      name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      openssl: 'ECDHE-RSA-AES128-GCM-SHA256',
      kx: 'ECDHE',
      auth: 'RSA',
      encryption: 'AES-128-GCM',
      bits: 128,
      mode: 'GCM',
      mac: 'AEAD',
      minProtocol: 'TLSv1.2',
      aead: true,
      forwardSecrecy: true,
      cbc: false,
    });
    expect(suite(0x000a)).toMatchObject({ openssl: 'DES-CBC3-SHA', kx: 'RSA', encryption: '3DES-EDE-CBC', bits: 168, effectiveBits: 112, tripleDes: true, des: false, sha1Mac: true, minProtocol: 'SSLv3', forwardSecrecy: false });
    expect(suite(0x0003)).toMatchObject({ openssl: 'EXP-RC4-MD5', export: true, rc4: true, bits: 40, md5Mac: true, mode: 'STREAM' });
    expect(suite(0x0014)).toMatchObject({ kx: 'DHE', auth: 'RSA', export: true, des: true, encryption: 'DES40-CBC', bits: 40 });
    expect(suite(0x0009)).toMatchObject({ encryption: 'DES-CBC', bits: 56, des: true, export: false });
    expect(suite(0x0001)).toMatchObject({ null: true, bits: 0, mode: 'NULL', md5Mac: true, anonymous: false });
    expect(suite(0x0000)).toMatchObject({ kx: 'NULL', auth: 'NULL', null: true, anonymous: true, mac: 'NULL' });
    expect(suite(0x0018)).toMatchObject({ openssl: 'ADH-RC4-MD5', kx: 'DHE', auth: 'anon', anonymous: true, rc4: true });
    expect(suite(0xc018)).toMatchObject({ openssl: 'AECDH-AES128-SHA', kx: 'ECDHE', auth: 'anon', minProtocol: 'TLSv1.0' });
    expect(suite(0x0030)).toMatchObject({ kx: 'DH', auth: 'DSS', forwardSecrecy: false });
    expect(suite(0xcca8)).toMatchObject({ encryption: 'CHACHA20-POLY1305', bits: 256, mode: 'POLY1305', aead: true });
    expect(suite(0xc0a0)).toMatchObject({ name: 'TLS_RSA_WITH_AES_128_CCM_8', mode: 'CCM_8', mac: 'AEAD', encryption: 'AES-128-CCM-8' });
    expect(suite(0xd005)).toMatchObject({ kx: 'ECDHE_PSK', auth: 'PSK', mode: 'CCM' });
    expect(suite(0x00ae)).toMatchObject({ kx: 'PSK', mac: 'SHA256', minProtocol: 'TLSv1.0' });
    expect(suite(0x003c)).toMatchObject({ mac: 'SHA256', minProtocol: 'TLSv1.2', cbc: true });
    expect(suite(0xc01b)).toMatchObject({ kx: 'SRP', auth: 'RSA' });
    expect(suite(0x0027)).toMatchObject({ kx: 'KRB5', export: true, encryption: 'RC2-CBC-40' });
    expect(suite(0x0064)).toMatchObject({ registered: false, export: true, encryption: 'RC4-56', bits: 56 });
    expect(suite(0xcc13)).toMatchObject({ registered: false, aead: true, openssl: 'ECDHE-RSA-CHACHA20-POLY1305-OLD' });
  });

  it('marks the TLS 1.3 suites and the signalling values', () => {
    expect(suite(0x1301)).toMatchObject({ kx: 'any', auth: 'any', minProtocol: 'TLSv1.3', forwardSecrecy: true, aead: true });
    expect(suite(0x1305)).toMatchObject({ mode: 'CCM_8' });
    expect(suite(0xc0b4)).toMatchObject({ name: 'TLS_SHA256_SHA256', null: true, mac: 'SHA256', minProtocol: 'TLSv1.3' });
    expect(suite(0x00ff)).toMatchObject({ name: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV', signalling: true, null: false, export: false });
    expect(suite(0x5600)).toMatchObject({ name: 'TLS_FALLBACK_SCSV', signalling: true });
    expect(TLS13_SUITE_CODES).toEqual(expect.arrayContaining([0x1301, 0x1302, 0x1303, 0x1304, 0x1305]));
    expect(TLS13_SUITE_CODES.every((c) => !TLS12_SUITE_CODES.includes(c))).toBe(true);
    expect(TLS12_SUITE_CODES).not.toContain(0x00ff);
    expect(TLS12_SUITE_CODES).not.toContain(0x5600);
    expect(TLS12_SUITE_CODES.length + TLS13_SUITE_CODES.length + 2).toBe(CIPHER_SUITES.length);
  });

  it('keeps every derived flag consistent with the fields it derives from', () => {
    for (const s of CIPHER_SUITES) {
      expect(s.export, s.name).toBe(/_EXPORT/.test(s.name));
      expect(s.aead, s.name).toBe(['GCM', 'CCM', 'CCM_8', 'POLY1305'].includes(s.mode));
      expect(s.aead, s.name).toBe(s.mac === 'AEAD');
      expect(s.rc4, s.name).toBe(s.name.includes('_RC4_'));
      expect(s.tripleDes, s.name).toBe(s.name.includes('3DES'));
      if (s.forwardSecrecy) expect(['DHE', 'ECDHE', 'DHE_PSK', 'ECDHE_PSK', 'ECCPWD', 'any']).toContain(s.kx);
      if (!s.signalling) expect(s.null, s.name).toBe(s.bits === 0);
    }
  });

  it('finds suites by IANA name and by OpenSSL name', () => {
    expect(suiteByName('TLS_RSA_WITH_AES_128_CBC_SHA')?.code).toBe(0x002f);
    expect(suiteByName('AES128-SHA')?.code).toBe(0x002f);
    expect(suiteByName('EDH-RSA-DES-CBC3-SHA')?.code).toBe(0x0016);
    expect(suiteByName('no-such-suite')).toBeUndefined();
    expect(suiteByCode(0x1306)).toBeUndefined();
    expect(suiteCodeHex(0xc02f)).toBe('0xC02F');
  });

  it('refuses a name it cannot read instead of guessing', () => {
    expect(() => classifySuiteName('TLS_FOO_WITH_AES_128_GCM_SHA256')).toThrow(RangeError);
    expect(() => classifySuiteName('TLS_RSA_WITH_BLOWFISH_CBC_SHA')).toThrow(RangeError);
    expect(() => classifySuiteName('TLS_RSA_WITH_AES_128_CBC')).toThrow(RangeError);
  });

  it('agrees with the installed OpenSSL on every name and key size it knows', () => {
    let listing: string;
    try {
      listing = execFileSync('openssl', ['ciphers', '-V', '-stdname', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'], { encoding: 'utf8' });
    } catch {
      return; // no openssl here; .ci/run installs it
    }
    let compared = 0;
    for (const line of listing.split('\n')) {
      const match = /^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- (\S+)\s+\S+\s+Kx=\S+\s+Au=\S+\s+Enc=\S+?\((\d+)\)/.exec(line);
      if (!match) continue;
      const code = parseInt(`${match[1]}${match[2]}`, 16);
      const ours = suiteByCode(code);
      expect(ours?.name, line).toBe(match[3]);
      expect(ours?.openssl, line).toBe(match[4]);
      expect(ours?.bits, line).toBe(Number(match[5]));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('SSLv2 cipher kinds', () => {
  it('lists the SSL 2.0 kinds with the same classification', () => {
    expect(SSLV2_CIPHER_KINDS.map((k) => k.code)).toEqual([0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0, 0x080080]);
    expect(sslv2KindByCode(0x020080)).toMatchObject({ openssl: 'EXP-RC4-MD5', export: true, rc4: true, bits: 40, md5Mac: true, minProtocol: 'SSLv2' });
    expect(sslv2KindByCode(0x0700c0)).toMatchObject({ tripleDes: true, bits: 168, effectiveBits: 112, cbc: true });
    expect(sslv2KindByCode(0x060040)).toMatchObject({ des: true, bits: 56 });
    expect(SSLV2_CIPHER_KINDS.every((k) => k.kx === 'RSA' && !k.forwardSecrecy)).toBe(true);
  });
});
