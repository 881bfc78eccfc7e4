import { Channel } from '../../core/async/channel.js';
import type { Observation, StartTlsProtocol } from '../../core/model/observation.js';
import type { ScanContext, Scanner } from '../../core/model/scanner.js';
import type { HostTarget } from '../../core/model/target.js';
import { suiteByCode, suiteCodeHex } from './cipher-suites.js';
import { examineCertificates } from './certificates.js';
import type { Endpoint, ExchangeContext } from './exchange.js';
import { probeFeatures } from './features.js';
import { gradeEndpoint } from './grade.js';
import { dhGroups, legacyCurves, tls13Groups, type GroupFact } from './groups.js';
import { tlsEndpoints } from './endpoints.js';
import { LEGACY_VERSIONS, probeLegacyProtocol, probeSslv2, probeTls13, type ProtocolFinding } from './protocols.js';
import { negotiateStartTls, StartTlsRefused, StartTlsUnrecognised } from './starttls.js';
import { sslv2KindByCode } from './sslv2-cipher-kinds.js';
import { StreamError, TrustStore, type TrustSource } from '../../core/net/index.js';

export interface TlsOptions {
  /** Ports to treat as TLS besides the well-known ones. */
  extraPorts: number[];
  /** Ports whose service upgrades with STARTTLS besides the well-known ones (port -> protocol). */
  starttlsPorts: Record<string, StartTlsProtocol>;
  /** What chains are judged against: the system store and the agency CAs given with --ca-file. */
  trust: TrustSource;
  /** Longest wait for each read. */
  timeoutMs: number;
  /** Longest one connection may take. */
  deadlineMs: number;
  /** Run the (memory-safe) Heartbleed check when the server answers heartbeats. */
  heartbleed: boolean;
}

export const TLS_DEFAULTS: TlsOptions = { extraPorts: [], starttlsPorts: {}, trust: { system: true, caFiles: [] }, timeoutMs: 5000, deadlineMs: 15_000, heartbleed: true };

/**
 * TLS endpoints, as testssl.sh looks at them but with far fewer handshakes: every protocol from
 * SSL 2.0 to TLS 1.3 with hand-built hellos, the accepted suites by "offer all, remove the chosen",
 * the server's order, key-exchange groups, certificates and chain, and protocol weaknesses.
 */
export const tlsScanner: Scanner<TlsOptions> = {
  id: 'tls',
  observes: ['tls.endpoint', 'tls.starttls', 'tls.protocol', 'tls.cipher', 'tls.preference', 'tls.group', 'tls.certificate', 'tls.chain', 'tls.features', 'tls.grade'],
  after: ['port.open'],
  defaults: TLS_DEFAULTS,
  appliesTo: (target, facts, options) => target.address !== undefined && tlsEndpoints(target, facts('port.open'), options.extraPorts, options.starttlsPorts).length > 0,
  scan(target, ctx) {
    const channel = new Channel<Observation>();
    const endpoints = tlsEndpoints(target, ctx.facts('port.open'), ctx.options.extraPorts, ctx.options.starttlsPorts);
    let done = 0;
    channel.closeAfter(
      ctx.parallel(endpoints, async (endpoint) => {
        await scanEndpoint(target, endpoint, ctx, (o) => channel.push(o));
        ctx.progress(++done, endpoints.length);
      }),
    );
    return channel;
  },
};

async function scanEndpoint(target: HostTarget, endpoint: Endpoint, ctx: ScanContext<TlsOptions>, emit: (o: Observation) => void): Promise<void> {
  const started = ctx.clock.monotonic();
  const exchangeCtx: ExchangeContext = {
    net: ctx.net,
    endpoint,
    limits: { timeoutMs: ctx.options.timeoutMs, deadlineMs: ctx.options.deadlineMs, maxBytes: 512 * 1024 },
    handshakes: { count: 0 },
    silence: { seen: false, answered: false },
  };
  const port = endpoint.port;
  let protocols: ProtocolFinding[];
  try {
    // One conversation first: a service that does not speak the port's protocol, or refuses to
    // upgrade, is settled with one connection instead of one per protocol probe.
    if (endpoint.starttls) await ctx.net.withTcp(endpoint.host, endpoint.address, port, exchangeCtx.limits, (stream) => negotiateStartTls(endpoint.starttls!, stream));
    protocols = await Promise.all([probeSslv2(exchangeCtx), ...LEGACY_VERSIONS.map((v) => probeLegacyProtocol(exchangeCtx, v)), probeTls13(exchangeCtx)]);
  } catch (error) {
    if (error instanceof StartTlsUnrecognised) return;
    if (error instanceof StartTlsRefused) {
      emit(ctx.observe('tls.starttls', { port, protocol: error.protocol, offered: false, answer: error.answer.trim().slice(0, 200) }, port));
      return;
    }
    if (error instanceof StreamError) {
      emit(ctx.observe('scan.error', { scanner: 'tls', reason: error.reason === 'refused' ? 'refused' : error.reason === 'unreachable' ? 'unreachable' : 'timeout', message: `port ${port}: ${error.message}` }, port));
      return;
    }
    throw error;
  }
  const offered = protocols.filter((p) => p.offered);
  // A port that answered no hello at all does not speak TLS (plain HTTP on 8443, say): nothing to judge.
  if (offered.length === 0) return;
  if (endpoint.starttls) emit(ctx.observe('tls.starttls', { port, protocol: endpoint.starttls, offered: true, answer: '' }, port));

  const tls13 = protocols.find((p) => p.code === 0x0304 && p.offered);
  const bestLegacy = offered.filter((p) => p.code >= 0x0301 && p.code <= 0x0303).sort((a, b) => b.code - a.code)[0];
  const [groups13, curves, features, certs] = await Promise.all([
    tls13 ? tls13Groups(exchangeCtx) : Promise.resolve([] as GroupFact[]),
    bestLegacy ? legacyCurves(exchangeCtx, bestLegacy) : Promise.resolve([] as GroupFact[]),
    probeFeatures(exchangeCtx, protocols, ctx.options.heartbleed),
    examineCertificates(exchangeCtx, protocols, TrustStore.load(ctx.options.trust), new Date(ctx.clock.now())),
  ]);

  for (const p of protocols) emit(ctx.observe('tls.protocol', { port, protocol: p.protocol, offered: p.offered, detail: p.detail }, port));
  const ciphers = cipherFacts(protocols);
  for (const cipher of ciphers) emit(ctx.observe('tls.cipher', { port, ...cipher }, port));
  for (const p of offered) if (p.code !== 0x0002) emit(ctx.observe('tls.preference', { port, protocol: p.protocol, serverOrder: p.serverOrder }, port));
  const groups = uniqueGroups([...groups13, ...curves, ...dhGroups(protocols)]);
  for (const group of groups) emit(ctx.observe('tls.group', { port, ...group }, port));
  certs.certificates.forEach((cert, position) => emit(ctx.observe('tls.certificate', { port, position, ...cert }, port)));
  if (certs.chain) emit(ctx.observe('tls.chain', { port, ...certs.chain }, port));
  emit(ctx.observe('tls.features', { port, ...features }, port));

  const grade = gradeEndpoint({
    protocols,
    ciphers: ciphers.map((c) => ({ ...c, bits: c.bits })),
    groups,
    leaf: certs.certificates[0] ?? null,
    chain: certs.chain,
    nameTarget: endpoint.sni !== null,
    features,
    now: ctx.clock.now(),
  });
  emit(ctx.observe('tls.grade', { port, ...grade }, port));

  const names = offered.map((p) => p.protocol);
  emit(
    ctx.observe(
      'tls.endpoint',
      {
        port,
        transport: endpoint.starttls ? 'starttls' : 'implicit',
        starttls: endpoint.starttls,
        sni: endpoint.sni,
        offered: names,
        best: names.at(-1) ?? null,
        tls12: names.includes('TLSv1.2'),
        tls13: names.includes('TLSv1.3'),
        suites: ciphers.length,
        forwardSecrecySuites: ciphers.filter((c) => c.forwardSecrecy).length,
        aeadSuites: ciphers.filter((c) => c.aead).length,
        handshakes: exchangeCtx.handshakes.count,
        durationMs: Math.round(ctx.clock.monotonic() - started),
      },
      port,
    ),
  );
  void target;
}

type CipherFact = Omit<Observation<'tls.cipher'>['data'], 'port'>;

/** One fact per accepted suite and protocol; bits are the effective strength (3DES: 112). */
function cipherFacts(protocols: readonly ProtocolFinding[]): CipherFact[] {
  const facts: CipherFact[] = [];
  for (const p of protocols) {
    const entries = p.code === 0x0002 ? p.sslv2Kinds.map((code) => ({ code, suite: sslv2KindByCode(code), hex: `0x${code.toString(16).padStart(6, '0')}` })) : p.accepted.map((code) => ({ code, suite: suiteByCode(code), hex: suiteCodeHex(code) }));
    entries.forEach(({ suite, hex }, order) => {
      if (!suite) return;
      facts.push({
        protocol: p.protocol,
        code: hex,
        name: suite.name,
        kx: suite.kx,
        auth: suite.auth,
        encryption: suite.encryption,
        bits: suite.effectiveBits,
        order,
        export: suite.export,
        null: suite.null,
        anonymous: suite.anonymous,
        rc4: suite.rc4,
        des: suite.des,
        tripleDes: suite.tripleDes,
        cbc: suite.cbc,
        aead: suite.aead,
        forwardSecrecy: suite.forwardSecrecy,
        sha1Mac: suite.sha1Mac,
        md5Mac: suite.md5Mac,
      });
    });
  }
  return facts;
}

function uniqueGroups(groups: GroupFact[]): GroupFact[] {
  const seen = new Set<string>();
  return groups.filter((g) => (seen.has(g.group) ? false : (seen.add(g.group), true)));
}
