import { X509Certificate } from 'node:crypto';
import { canonicalIp } from '../../core/targets/address.js';
import { StreamError, type TlsSessionInfo, type TrustStore } from '../../core/net/index.js';
import { certificateFacts, chainFacts, type CertificateFacts } from './cert-facts.js';
import type { ExchangeContext } from './exchange.js';
import type { ProtocolFinding } from './protocols.js';
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
export async function examineCertificates(ctx: ExchangeContext, protocols: readonly ProtocolFinding[], trust: TrustStore): Promise<CertificateResult> {
  const served = protocols.flatMap((p) => p.replies).find((r) => r.certificates && r.certificates.length > 0)?.certificates ?? null;
  const stapledRaw = protocols.flatMap((p) => p.replies).some((r) => r.certificateStatus !== null);
  const session = await openSslSession(ctx, trust);
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
  const chain = chainFacts({
    served: chainDer,
    hostname,
    isIp: canonicalIp(hostname) !== null,
    authorized: session?.authorized ?? false,
    authorizationError: session ? session.authorizationError : 'TLS handshake through OpenSSL failed',
    ocspStapled: stapledRaw || (session?.ocspResponse?.length ?? 0) > 0,
    anchors: anchorsOf(trust),
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

function sslv2Certificate(protocols: readonly ProtocolFinding[]): Buffer[] | null {
  const certificate = protocols.find((p) => p.sslv2Certificate)?.sslv2Certificate;
  return certificate ? [certificate] : null;
}
