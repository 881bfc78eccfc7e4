import { X509Certificate } from 'node:crypto';
import { canonicalIp } from '../../core/targets/address.js';
import { StreamError, type TlsSessionInfo, type TrustStore } from '../../core/net/index.js';
import { certificateFacts, chainFacts, type CertificateFacts } from './cert-facts.js';
import type { ExchangeContext } from './exchange.js';
import type { ProtocolFinding } from './protocols.js';
import { suiteByCode } from './cipher-suites.js';
import { offlineTrustError } from './offline-trust.js';
import { negotiateStartTls } from './starttls.js';
import type { ObservationData } from '../../core/model/observation.js';

export interface CertificateResult {
  certificates: CertificateFacts[];
  chain: Omit<ObservationData['tls.chain'], 'port'> | null;
}

const anchorCache = new WeakMap<TrustStore, X509Certificate[]>();

/** Trust anchors parsed once per thread (the same store serves every task of an audit). */
function anchorsOf(trust: TrustStore): X509Certificate[] {
  let anchors = anchorCache.get(trust);
  if (!anchors) {
    anchors = trust.pems.flatMap((pem) => {
      try {
        return [new X509Certificate(pem)];
      } catch {
        return [];
      }
    });
    anchorCache.set(trust, anchors);
  }
  return anchors;
}

/**
 * The certificate chain as the server sent it and what clients would make of it: one more
 * connection, through OpenSSL, gives the trust verdict against the anchors and any stapled OCSP
 * response; the served order comes from a TLS 1.2-or-older handshake already made when there was
 * one (TLS 1.3 encrypts its Certificate message).
 */
export async function examineCertificates(ctx: ExchangeContext, protocols: readonly ProtocolFinding[], trust: TrustStore, now: Date): Promise<CertificateResult> {
  const served = protocols.flatMap((p) => p.replies).find((r) => r.certificates && r.certificates.length > 0)?.certificates ?? null;
  const stapledRaw = protocols.flatMap((p) => p.replies).some((r) => r.certificateStatus !== null);
  const session = openSslCanHandshake(protocols) ? await openSslSession(ctx, trust) : null;
  const chainDer = served ?? (session?.peerChain.length ? session.peerChain : null) ?? sslv2Certificate(protocols);
  if (!chainDer) return { certificates: [], chain: null };

  const certificates = chainDer.flatMap((der) => {
    try {
      return [certificateFacts(der)];
    } catch {
      return [];
    }
  });
  const hostname = ctx.endpoint.sni ?? ctx.endpoint.host;
  const anchors = anchorsOf(trust);
  const offlineError = session ? null : offlineTrustError(parseAll(chainDer), anchors, now);
  const chain = chainFacts({
    served: chainDer,
    hostname,
    isIp: canonicalIp(hostname) !== null,
    authorized: session ? session.authorized : offlineError === null,
    authorizationError: session ? session.authorizationError : offlineError,
    ocspStapled: stapledRaw || (session?.ocspResponse?.length ?? 0) > 0,
    anchors,
  });
  return { certificates, chain };
}

async function openSslSession(ctx: ExchangeContext, trust: TrustStore): Promise<TlsSessionInfo | null> {
  const { endpoint } = ctx;
  try {
    return await ctx.net.withTcp(endpoint.host, endpoint.address, endpoint.port, ctx.limits, async (stream) => {
      ctx.handshakes.count++;
      if (endpoint.starttls) await negotiateStartTls(endpoint.starttls, stream);
      // Old servers too: the point is to see their certificate, not to judge the session here.
      return stream.startTls({
        ...(endpoint.sni ? { servername: endpoint.sni } : {}),
        trust,
        requestOCSP: true,
        minVersion: 'TLSv1',
        ciphers: 'ALL:@SECLEVEL=0',
      });
    });
  } catch (error) {
    if (error instanceof StreamError) return null;
    throw error;
  }
}

/**
 * Whether Node's OpenSSL can complete a handshake with what the server accepts; when it cannot
 * (SSL 3.0 only, or only suites OpenSSL 3 keeps in its legacy provider: RC4, DES, 3DES, IDEA,
 * SEED, export, NULL) the attempt would only wait for its timeout.
 */
function openSslCanHandshake(protocols: readonly ProtocolFinding[]): boolean {
  return protocols.some((p) => {
    if (!p.offered) return false;
    if (p.code === 0x0304) return true;
    if (p.code < 0x0301) return false;
    return p.accepted.some((code) => {
      const suite = suiteByCode(code);
      return suite !== undefined && suite.openssl !== null && !suite.rc4 && !suite.des && !suite.tripleDes && !suite.export && !suite.null && !/IDEA|SEED/i.test(suite.encryption);
    });
  });
}

function parseAll(chain: readonly Buffer[]): X509Certificate[] {
  return chain.flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return [];
    }
  });
}

function sslv2Certificate(protocols: readonly ProtocolFinding[]): Buffer[] | null {
  const certificate = protocols.find((p) => p.sslv2Certificate)?.sslv2Certificate;
  return certificate ? [certificate] : null;
}
