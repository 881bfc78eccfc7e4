import type { ObservationData } from '../../core/model/observation.js';
import { suiteByCode } from './cipher-suites.js';
import { buildClientHello } from './client-hello.js';
import { acceptedVersion, exchange, type ExchangeContext } from './exchange.js';
import { canMakeKeyShare } from './key-share.js';
import { ALL_EC_GROUP_CODES, FFDHE_GROUP_CODES, GROUP, groupByCode } from './named-groups.js';
import { tls13Hello, type ProtocolFinding } from './protocols.js';
import { TLS13 } from './protocol-versions.js';

export type GroupFact = Omit<ObservationData['tls.group'], 'port'>;

const TLS13_GROUPS = [GROUP.x25519, GROUP.secp256r1, GROUP.x448, GROUP.secp384r1, GROUP.secp521r1, ...FFDHE_GROUP_CODES];

function fact(code: number): GroupFact | null {
  const group = groupByCode(code);
  if (!group || group.kind === 'kem' || group.kind === 'explicit') return null;
  return { group: group.name, type: group.kind === 'hybrid' ? 'hybrid' : group.kind, bits: group.bits, weak: group.weak };
}

/** TLS 1.3: offer groups, note the one chosen (by key share or HelloRetryRequest), remove it, repeat. */
export async function tls13Groups(ctx: ExchangeContext): Promise<GroupFact[]> {
  const remaining = [...TLS13_GROUPS];
  const found: GroupFact[] = [];
  for (let i = 0; i <= TLS13_GROUPS.length && remaining.length > 0; i++) {
    const share = remaining.find(canMakeKeyShare);
    if (share === undefined) break;
    const reply = await exchange(ctx, tls13Hello(ctx, { groups: remaining, keyShare: share }));
    const chosen = reply.kind === 'hello-retry-request' ? reply.selectedGroup : reply.kind === 'server-hello' && reply.serverHello.version === TLS13 ? reply.serverHello.keyShareGroup : null;
    if (chosen === null || !remaining.includes(chosen)) break;
    remaining.splice(remaining.indexOf(chosen), 1);
    const f = fact(chosen);
    if (f) found.push(f);
  }
  return found;
}

/** TLS 1.2 and earlier: the curves an ECDHE suite can use, read from each ServerKeyExchange. */
export async function legacyCurves(ctx: ExchangeContext, protocol: ProtocolFinding): Promise<GroupFact[]> {
  const ecdhe = protocol.accepted.filter((code) => suiteByCode(code)?.kx === 'ECDHE');
  if (ecdhe.length === 0) return [];
  const remaining = [...ALL_EC_GROUP_CODES];
  const found: GroupFact[] = [];
  for (let i = 0; i <= ALL_EC_GROUP_CODES.length && remaining.length > 0; i++) {
    const hello = buildClientHello({ version: protocol.code, cipherSuites: ecdhe, ...(ctx.endpoint.sni ? { serverName: ctx.endpoint.sni } : {}), extensions: { supportedGroups: remaining } });
    const reply = await exchange(ctx, hello);
    if (!acceptedVersion(reply, protocol.code) || reply.serverKeyExchange?.kind !== 'ecdhe' || reply.serverKeyExchange.group === null) break;
    const chosen = reply.serverKeyExchange.group;
    if (!remaining.includes(chosen)) break;
    remaining.splice(remaining.indexOf(chosen), 1);
    const f = fact(chosen);
    if (f) found.push(f);
  }
  return found;
}

/** Finite-field DH sizes seen in the DHE handshakes the enumeration already made. */
export function dhGroups(protocols: readonly ProtocolFinding[]): GroupFact[] {
  const bits = new Set<number>();
  for (const protocol of protocols) for (const reply of protocol.replies) if (reply.serverKeyExchange?.kind === 'dhe') bits.add(reply.serverKeyExchange.primeBits);
  return [...bits].map((b) => ({ group: `dh-${b}`, type: 'ffdhe' as const, bits: b, weak: b < 2048 }));
}
