import { createHash } from 'node:crypto';
import type { Observation, ObservationData, StartTlsProtocol, TlsProtocolName } from '../../src/core/model/observation.js';
import { suiteByName, suiteCodeHex, type CipherSuite } from '../../src/scanners/tls/cipher-suites.js';
import { gradeEndpoint } from '../../src/scanners/tls/grade.js';
import { NAMED_GROUPS } from '../../src/scanners/tls/named-groups.js';
import { pick, type Random, type TlsProfile } from './report-hosts.js';

/**
 * The observations the TLS scanner would make of one endpoint configured after a profile, in the
 * order it emits them: protocols, accepted suites per protocol, server preference, groups, the
 * certificate chain, features, the grade (by the scanner's own grading code) and the endpoint.
 */

export interface EndpointInput {
  host: string;
  port: number;
  starttls: StartTlsProtocol | null;
  sni: string | null;
  profile: TlsProfile;
  random: Random;
  /** When the endpoint was examined. */
  at: string;
  /** The audit's clock (certificate validity is judged against it). */
  now: number;
}

const PROTOCOLS: TlsProtocolName[] = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const DAY = 86_400_000;

const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const ECDHE_AEAD = ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'];
const ECDHE_CBC = ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'];
const DHE = ['TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'];
const RSA_KX = ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_CBC_SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA', 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA'];
const TRIPLE_DES = ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'];
const RC4 = ['TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_RC4_128_MD5', 'TLS_ECDHE_RSA_WITH_RC4_128_SHA'];
const SINGLE_DES = ['TLS_RSA_WITH_DES_CBC_SHA', 'TLS_DHE_RSA_WITH_DES_CBC_SHA'];
const EXPORT = ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA', 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5'];
const NULL_ANON = ['TLS_RSA_WITH_NULL_SHA', 'TLS_RSA_WITH_NULL_MD5', 'TLS_DH_anon_WITH_AES_128_CBC_SHA', 'TLS_DH_anon_WITH_RC4_128_MD5'];

const SUITES = new Map<string, CipherSuite>();
for (const name of [...TLS13, ...ECDHE_AEAD, ...ECDHE_CBC, ...DHE, ...RSA_KX, ...TRIPLE_DES, ...RC4, ...SINGLE_DES, ...EXPORT, ...NULL_ANON]) {
  const suite = suiteByName(name);
  if (!suite) throw new Error(`bench: cipher suite ${name} is not in rasoat's table`);
  SUITES.set(name, suite);
}
const GROUPS = new Map(NAMED_GROUPS.map((g) => [g.name, g]));

interface Configuration {
  protocols: TlsProtocolName[];
  suites: string[];
  groups: string[];
  dhBits: number;
  serverOrder: boolean;
  certificate: CertificatePlan;
  features: Omit<ObservationData['tls.features'], 'port'>;
}

interface CertificatePlan {
  issuer: 'public' | 'government' | 'self';
  keyType: 'RSA' | 'EC';
  keyBits: number;
  hash: 'sha256' | 'sha1' | 'md5';
  validityDays: number;
  /** Days since it was issued (more than validityDays: expired). */
  ageDays: number;
  san: boolean;
  nameMatches: boolean;
  complete: boolean;
  ordered: boolean;
  stapled: boolean;
}

function some<T>(random: Random, items: readonly T[], share: number): T[] {
  const chosen = items.filter(() => random() < share);
  return chosen.length > 0 ? chosen : [pick(random, items)];
}

function configure(profile: TlsProfile, r: Random): Configuration {
  const cert = (plan: Partial<CertificatePlan>): CertificatePlan => ({
    issuer: 'public', keyType: 'RSA', keyBits: 2048, hash: 'sha256', validityDays: 90, ageDays: Math.floor(r() * 80), san: true,
    nameMatches: true, complete: true, ordered: true, stapled: r() < 0.4, ...plan,
  });
  switch (profile) {
    case 'modern':
      return {
        protocols: r() < 0.15 ? ['TLSv1.3'] : ['TLSv1.2', 'TLSv1.3'],
        suites: [...TLS13, ...some(r, ECDHE_AEAD, 0.8)],
        groups: ['x25519', 'secp256r1', 'secp384r1', ...(r() < 0.3 ? ['X25519MLKEM768'] : [])],
        dhBits: 0,
        serverOrder: r() < 0.85,
        certificate: cert(r() < 0.4 ? { keyType: 'EC', keyBits: 256 } : {}),
        features: { secureRenegotiation: true, compression: false, fallbackScsv: 'supported', heartbeat: false, heartbleed: null },
      };
    case 'intermediate':
      return {
        protocols: ['TLSv1.0', 'TLSv1.1', 'TLSv1.2', ...(r() < 0.35 ? (['TLSv1.3'] as const) : [])],
        suites: [...(r() < 0.35 ? TLS13 : []), ...some(r, ECDHE_AEAD, 0.7), ...some(r, ECDHE_CBC, 0.7), ...some(r, RSA_KX, 0.6), ...(r() < 0.4 ? some(r, DHE, 0.5) : []), ...(r() < 0.5 ? some(r, TRIPLE_DES, 0.5) : [])],
        groups: ['secp256r1', 'secp384r1', ...(r() < 0.5 ? ['x25519'] : [])],
        dhBits: r() < 0.3 ? 1024 : 2048,
        serverOrder: r() < 0.6,
        certificate: cert({ issuer: r() < 0.6 ? 'government' : 'public', validityDays: r() < 0.6 ? 730 : 365, ageDays: Math.floor(r() * 700), complete: r() < 0.8, stapled: false }),
        features: { secureRenegotiation: true, compression: false, fallbackScsv: r() < 0.7 ? 'supported' : 'missing', heartbeat: r() < 0.2, heartbleed: false },
      };
    case 'appliance':
      return {
        protocols: r() < 0.5 ? ['TLSv1.0', 'TLSv1.1', 'TLSv1.2'] : ['TLSv1.0', 'TLSv1.2'],
        suites: [...some(r, ECDHE_CBC, 0.5), ...some(r, RSA_KX, 0.7), ...(r() < 0.6 ? some(r, TRIPLE_DES, 0.6) : [])],
        groups: ['secp256r1', ...(r() < 0.3 ? ['secp224r1'] : [])],
        dhBits: 1024,
        serverOrder: r() < 0.3,
        certificate: cert({ issuer: 'self', keyBits: r() < 0.35 ? 1024 : 2048, hash: r() < 0.3 ? 'sha1' : 'sha256', validityDays: r() < 0.5 ? 3650 : 7300, ageDays: Math.floor(r() * 3000), san: r() < 0.4, nameMatches: false, complete: false, stapled: false }),
        features: { secureRenegotiation: r() < 0.7, compression: false, fallbackScsv: 'missing', heartbeat: r() < 0.3, heartbleed: false },
      };
    case 'legacy':
      return {
        protocols: ['SSLv3', 'TLSv1.0', ...(r() < 0.5 ? (['TLSv1.1'] as const) : [])],
        suites: [...some(r, RC4, 0.6), ...some(r, TRIPLE_DES, 0.7), ...some(r, RSA_KX.slice(3), 0.8), ...(r() < 0.5 ? DHE.slice(2) : []), ...(r() < 0.3 ? some(r, SINGLE_DES, 0.5) : []), ...(r() < 0.15 ? some(r, EXPORT, 0.5) : [])],
        groups: r() < 0.5 ? ['secp256r1'] : [],
        dhBits: 1024,
        serverOrder: r() < 0.2,
        certificate: cert({ issuer: r() < 0.5 ? 'government' : 'public', keyBits: 1024, hash: 'sha1', validityDays: 1095, ageDays: Math.floor(r() * 1500), san: r() < 0.5, nameMatches: r() < 0.5, complete: r() < 0.5, ordered: r() < 0.8, stapled: false }),
        features: { secureRenegotiation: r() < 0.4, compression: r() < 0.2, fallbackScsv: 'missing', heartbeat: r() < 0.5, heartbleed: false },
      };
    case 'broken':
      return {
        protocols: ['SSLv2', 'SSLv3', 'TLSv1.0'],
        suites: [...RC4, ...SINGLE_DES, ...EXPORT, ...some(r, NULL_ANON, 0.5), ...TRIPLE_DES.slice(0, 1)],
        groups: ['sect163k1', 'secp160r1'],
        dhBits: 512,
        serverOrder: false,
        certificate: cert({ issuer: 'self', keyBits: 512, hash: r() < 0.5 ? 'md5' : 'sha1', validityDays: 3650, ageDays: 4000, san: false, nameMatches: false, complete: false, stapled: false }),
        features: { secureRenegotiation: false, compression: true, fallbackScsv: 'missing', heartbeat: true, heartbleed: r() < 0.5 },
      };
  }
}

const RANK = new Map(PROTOCOLS.map((p, i) => [p, i]));

/** Suites a protocol can negotiate: TLS 1.3 only its own, the others whatever is at least as old. */
function acceptedFor(protocol: TlsProtocolName, suites: readonly string[]): CipherSuite[] {
  const rank = RANK.get(protocol)!;
  return [...new Set(suites)].map((name) => SUITES.get(name)!).filter((s) => (protocol === 'TLSv1.3' ? s.minProtocol === 'TLSv1.3' : s.minProtocol !== 'TLSv1.3' && RANK.get(s.minProtocol)! <= rank));
}

function hex(random: Random, bytes: number): string {
  return createHash('sha256').update(String(random())).digest('hex').slice(0, bytes * 2).padEnd(bytes * 2, '0');
}

const ISSUERS = {
  public: { leaf: "C=US, O=Let's Encrypt, CN=R11", root: 'C=US, O=Internet Security Research Group, CN=ISRG Root X1', ocsp: 'http://r11.o.lencr.org', crl: 'http://r11.c.lencr.org/12.crl' },
  government: { leaf: 'C=VN, O=Ban Cơ yếu Chính phủ, CN=CA phục vụ các cơ quan Đảng và Nhà nước', root: 'C=VN, O=Ban Cơ yếu Chính phủ, CN=Vietnam Government Root CA', ocsp: 'http://ocsp.ca.gov.vn', crl: 'http://crl.ca.gov.vn/cagov.crl' },
} as const;

export function endpointObservations(input: EndpointInput): Observation[] {
  const { port, random: r, at } = input;
  const config = configure(input.profile, r);
  const out: Observation[] = [];
  const observe = <K extends keyof ObservationData>(kind: K, data: ObservationData[K]) => out.push({ kind, host: input.host, port, scanner: 'tls', at, data } as Observation);

  if (input.starttls) observe('tls.starttls', { port, protocol: input.starttls, offered: true, answer: '' });
  const offered = PROTOCOLS.filter((p) => config.protocols.includes(p));
  for (const protocol of PROTOCOLS) observe('tls.protocol', { port, protocol, offered: offered.includes(protocol), detail: offered.includes(protocol) ? null : 'handshake_failure' });

  const ciphers: Array<Omit<ObservationData['tls.cipher'], 'port'>> = [];
  for (const protocol of offered) {
    if (protocol === 'SSLv2') continue;
    acceptedFor(protocol, config.suites).forEach((suite, order) => {
      ciphers.push({
        protocol, code: suiteCodeHex(suite.code), name: suite.name, kx: suite.kx, auth: suite.auth, encryption: suite.encryption, bits: suite.effectiveBits, order,
        export: suite.export, null: suite.null, anonymous: suite.anonymous, rc4: suite.rc4, des: suite.des, tripleDes: suite.tripleDes, cbc: suite.cbc, aead: suite.aead,
        forwardSecrecy: suite.forwardSecrecy, sha1Mac: suite.sha1Mac, md5Mac: suite.md5Mac,
      });
    });
  }
  for (const cipher of ciphers) observe('tls.cipher', { port, ...cipher });
  for (const protocol of offered) if (protocol !== 'SSLv2') observe('tls.preference', { port, protocol, serverOrder: protocol === 'TLSv1.3' ? null : config.serverOrder });

  const groups: Array<Omit<ObservationData['tls.group'], 'port'>> = [];
  for (const name of config.groups) {
    const g = GROUPS.get(name);
    if (g && (g.kind === 'ecdhe' || g.kind === 'ffdhe' || g.kind === 'hybrid')) groups.push({ group: g.name, type: g.kind, bits: g.bits, weak: g.weak });
  }
  if (ciphers.some((c) => c.kx === 'DHE')) groups.push({ group: `dh-${config.dhBits}`, type: 'ffdhe', bits: config.dhBits, weak: config.dhBits < 2048 });
  for (const group of groups) observe('tls.group', { port, ...group });

  const name = input.sni ?? input.host;
  const certificates = chain(config.certificate, name, input, r);
  certificates.forEach((cert, position) => observe('tls.certificate', { port, position, ...cert }));
  const plan = config.certificate;
  const trusted = plan.issuer === 'public' && plan.complete && plan.hash === 'sha256' && plan.ageDays <= plan.validityDays;
  const chainFacts: Omit<ObservationData['tls.chain'], 'port'> = {
    hostname: name,
    hostnameIsIp: input.sni === null,
    hostnameMatch: input.sni !== null && plan.nameMatches,
    trusted,
    trustError: trusted ? null : plan.issuer === 'self' ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : plan.ageDays > plan.validityDays ? 'CERT_HAS_EXPIRED' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    served: certificates.length,
    complete: plan.complete,
    ordered: plan.ordered,
    ocspStapled: plan.stapled,
    revocationInfo: plan.issuer !== 'self',
  };
  observe('tls.chain', { port, ...chainFacts });
  observe('tls.features', { port, ...config.features });

  const grade = gradeEndpoint({
    protocols: PROTOCOLS.map((protocol) => ({ protocol, offered: offered.includes(protocol) })),
    ciphers,
    groups,
    leaf: certificates[0] ?? null,
    chain: chainFacts,
    nameTarget: input.sni !== null,
    features: config.features,
    now: input.now,
  });
  observe('tls.grade', { port, ...grade });
  observe('tls.endpoint', {
    port,
    transport: input.starttls ? 'starttls' : 'implicit',
    starttls: input.starttls,
    sni: input.sni,
    offered,
    best: offered.at(-1) ?? null,
    tls12: offered.includes('TLSv1.2'),
    tls13: offered.includes('TLSv1.3'),
    suites: ciphers.length,
    forwardSecrecySuites: ciphers.filter((c) => c.forwardSecrecy).length,
    aeadSuites: ciphers.filter((c) => c.aead).length,
    handshakes: 24 + ciphers.length * 2,
    durationMs: 800 + Math.round(r() * 4000),
  });
  return out;
}

type CertificateFacts = Omit<ObservationData['tls.certificate'], 'port' | 'position'>;

/** The chain as served: the leaf, then (unless self-signed) the issuing CA and sometimes the root. */
function chain(plan: CertificatePlan, name: string, input: EndpointInput, r: Random): CertificateFacts[] {
  const notBefore = new Date(input.now - plan.ageDays * DAY);
  const notAfter = new Date(notBefore.getTime() + plan.validityDays * DAY);
  const algorithm = plan.keyType === 'EC' ? `ecdsa-with-${plan.hash.toUpperCase()}` : `${plan.hash}WithRSAEncryption`;
  const subject = plan.issuer === 'self' ? `CN=${input.sni ?? pick(r, ['localhost', 'router', 'printer', 'iDRAC', 'NAS'])}` : `C=VN, ST=Hà Nội, O=${name.split('.').slice(1, 2).join('') || 'gov'}, CN=${name}`;
  const leaf: CertificateFacts = {
    subject,
    issuer: plan.issuer === 'self' ? subject : ISSUERS[plan.issuer].leaf,
    serial: hex(r, 16).toUpperCase(),
    sha256: hex(r, 32),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validityDays: plan.validityDays,
    keyType: plan.keyType,
    keyBits: plan.keyBits,
    curve: plan.keyType === 'EC' ? 'prime256v1' : null,
    signatureAlgorithm: algorithm,
    signatureHash: plan.hash,
    sans: plan.san ? [`DNS:${plan.nameMatches ? name : 'www.example.gov.vn'}`, ...(plan.nameMatches && input.sni ? [`DNS:www.${name}`] : [])] : [],
    hasSan: plan.san,
    selfSigned: plan.issuer === 'self',
    isCa: false,
    ocspUrls: plan.issuer === 'self' ? [] : [ISSUERS[plan.issuer].ocsp],
    crlUrls: plan.issuer === 'government' ? [ISSUERS.government.crl] : [],
  };
  if (plan.issuer === 'self') return [leaf];
  const issuer = ISSUERS[plan.issuer];
  const intermediate: CertificateFacts = {
    subject: issuer.leaf,
    issuer: issuer.root,
    serial: hex(r, 16).toUpperCase(),
    sha256: hex(r, 32),
    notBefore: new Date(input.now - 900 * DAY).toISOString(),
    notAfter: new Date(input.now + 900 * DAY).toISOString(),
    validityDays: 1800,
    keyType: 'RSA',
    keyBits: 2048,
    curve: null,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureHash: 'sha256',
    sans: [],
    hasSan: false,
    selfSigned: false,
    isCa: true,
    ocspUrls: [],
    crlUrls: [issuer.crl],
  };
  if (!plan.complete) return [leaf];
  if (plan.ordered) return [leaf, intermediate];
  // Misordered: the root sent before the intermediate that it signed.
  const root: CertificateFacts = { ...intermediate, subject: issuer.root, serial: hex(r, 16).toUpperCase(), sha256: hex(r, 32), validityDays: 9000, selfSigned: true, crlUrls: [] };
  return [leaf, root, intermediate];
}
