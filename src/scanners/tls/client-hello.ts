import { randomBytes } from 'node:crypto';
import { u16, u16List, u24, u8, vector } from './byte-writer.js';
import {
  alpnExtension,
  ecPointFormatsExtension,
  emptyExtension,
  heartbeatExtension,
  inF5HangRange,
  keyShareExtension,
  paddingExtension,
  pskKeyExchangeModesExtension,
  renegotiationInfoExtension,
  serverNameExtension,
  signatureAlgorithmsExtension,
  sniHostName,
  statusRequestExtension,
  supportedGroupsExtension,
  supportedVersionsExtension,
} from './client-hello-extensions.js';
import { TLS_FALLBACK_SCSV } from './cipher-suites.js';
import { EXT } from './extension-types.js';
import { makeKeySharePublicKey } from './key-share.js';
import { ALL_EC_GROUP_CODES, FFDHE_GROUP_CODES, GROUP } from './named-groups.js';
import { SSL3, TLS10, TLS12, TLS13 } from './protocol-versions.js';
import { DEFAULT_TLS12_SIGNATURE_SCHEMES, DEFAULT_TLS13_SIGNATURE_SCHEMES } from './signature-schemes.js';

/** Where random bytes come from; tests pass a fixed one so the bytes on the wire are reproducible. */
export type RandomSource = (size: number) => Buffer;

export const COMPRESSION_NULL = 0;
export const COMPRESSION_DEFLATE = 1;

const CONTENT_HANDSHAKE = 22;
const HANDSHAKE_CLIENT_HELLO = 1;

/** Extensions of an SSL 3.0 to TLS 1.2 ClientHello. Omitted fields take the default named on each. */
export interface HelloExtensionOptions {
  /** server_name for `ClientHelloOptions.serverName`. Default true. */
  serverName?: boolean;
  /** Default: every EC group, strongest first. false: not sent. */
  supportedGroups?: readonly number[] | false;
  /** Default true. */
  ecPointFormats?: boolean;
  /** Default: a broad list, sent only when client_version is TLS 1.2 (RFC 5246 §7.4.1.4.1). */
  signatureAlgorithms?: readonly number[] | false;
  /** Empty renegotiation_info for the initial handshake. Default true. */
  renegotiationInfo?: boolean;
  /** OCSP stapling request. Default true. */
  statusRequest?: boolean;
  /** Default true. */
  extendedMasterSecret?: boolean;
  /** Empty session_ticket (asks for a ticket, resumes nothing). Default true. */
  sessionTicket?: boolean;
  /** Default false. */
  encryptThenMac?: boolean;
  /** heartbeat, peer_allowed_to_send. Default false. */
  heartbeat?: boolean;
  /** ALPN protocol names. Default: none. */
  alpn?: readonly string[];
  /** RFC 7685 padding out of the 256-511-byte range. Default true. */
  padding?: boolean;
}

export interface ClientHelloOptions {
  /** client_version: 0x0300 (SSL 3.0) to 0x0303 (TLS 1.2). */
  version: number;
  /** Any uint16 codes, signalling values included, in preference order. */
  cipherSuites: readonly number[];
  /** Record-layer version. Default: 0x0300 for SSL 3.0, else 0x0301, which every TLS server reads. */
  recordVersion?: number;
  random?: Buffer;
  randomSource?: RandomSource;
  /** The target's host name; an IP literal is never sent (RFC 6066 §3). */
  serverName?: string;
  /** Default [0] (null). Offer [1, 0] to learn whether the server compresses (CRIME). */
  compressionMethods?: readonly number[];
  /** Appends TLS_FALLBACK_SCSV (RFC 7507). */
  fallbackScsv?: boolean;
  /**
   * false: no extensions block at all. Default for TLS: the defaults above. Default for SSL 3.0: none,
   * except padding when the hello falls in the F5 range (RFC 6101 lets a hello carry trailing data).
   */
  extensions?: HelloExtensionOptions | false;
}

const SSL3_EXTENSIONS: HelloExtensionOptions = {
  serverName: false,
  supportedGroups: false,
  ecPointFormats: false,
  signatureAlgorithms: false,
  renegotiationInfo: false,
  statusRequest: false,
  extendedMasterSecret: false,
  sessionTicket: false,
};

export function buildClientHello(options: ClientHelloOptions): Buffer {
  if (options.version < SSL3 || options.version > TLS12) throw new RangeError(`client_version 0x${options.version.toString(16)} is not SSL 3.0-TLS 1.2`);
  const suites = options.fallbackScsv ? [...options.cipherSuites, TLS_FALLBACK_SCSV] : options.cipherSuites;
  const ext = options.extensions ?? (options.version === SSL3 ? SSL3_EXTENSIONS : {});
  const extensions = ext === false ? null : legacyExtensions(options, ext);
  return frameClientHello({
    recordVersion: options.recordVersion ?? (options.version === SSL3 ? SSL3 : TLS10),
    legacyVersion: options.version,
    random: clientRandom(options),
    sessionId: Buffer.alloc(0),
    cipherSuites: suites,
    compressionMethods: options.compressionMethods ?? [COMPRESSION_NULL],
    extensions,
    padding: ext !== false && ext.padding !== false,
  });
}

function legacyExtensions(options: ClientHelloOptions, ext: HelloExtensionOptions): Buffer[] {
  const out: Buffer[] = [];
  const host = options.serverName === undefined || ext.serverName === false ? null : sniHostName(options.serverName);
  if (host) out.push(serverNameExtension(host));
  const groups = ext.supportedGroups ?? ALL_EC_GROUP_CODES;
  if (groups !== false && groups.length > 0) out.push(supportedGroupsExtension(groups));
  if (ext.ecPointFormats !== false) out.push(ecPointFormatsExtension());
  const schemes = ext.signatureAlgorithms ?? (options.version >= TLS12 ? DEFAULT_TLS12_SIGNATURE_SCHEMES : false);
  if (schemes !== false && schemes.length > 0) out.push(signatureAlgorithmsExtension(schemes));
  if (ext.renegotiationInfo !== false) out.push(renegotiationInfoExtension());
  if (ext.statusRequest !== false) out.push(statusRequestExtension());
  if (ext.extendedMasterSecret !== false) out.push(emptyExtension(EXT.extendedMasterSecret));
  if (ext.sessionTicket !== false) out.push(emptyExtension(EXT.sessionTicket));
  if (ext.encryptThenMac === true) out.push(emptyExtension(EXT.encryptThenMac));
  if (ext.heartbeat === true) out.push(heartbeatExtension());
  if (ext.alpn && ext.alpn.length > 0) out.push(alpnExtension(ext.alpn));
  return out;
}

export interface Tls13ClientHelloOptions {
  /** Default 0x1301-0x1305. TLS 1.2 codes may follow when `versions` offers TLS 1.2 too. */
  cipherSuites?: readonly number[];
  /** supported_versions, in preference order. Default [0x0304]. */
  versions?: readonly number[];
  /** Groups to send a key share for. Default [x25519]. */
  keyShareGroups?: readonly number[];
  /** Default: the key-share groups, then the other common TLS 1.3 groups, so a server may answer HelloRetryRequest. */
  supportedGroups?: readonly number[];
  /** Makes the public key for a group; default makes a fresh valid one. Tests inject fixed keys. */
  keyShare?: (group: number) => Buffer;
  serverName?: string;
  random?: Buffer;
  randomSource?: RandomSource;
  signatureAlgorithms?: readonly number[];
  /** Default [1] (psk_dhe_ke). */
  pskKeyExchangeModes?: readonly number[];
  /** Default false. */
  statusRequest?: boolean;
  alpn?: readonly string[];
  /** A 32-byte legacy_session_id, as browsers send for middlebox compatibility (RFC 8446 D.4). Default false. */
  compatibilitySessionId?: boolean;
  /** Default true. */
  padding?: boolean;
}

const TLS13_GROUPS = [GROUP.x25519, GROUP.secp256r1, GROUP.x448, GROUP.secp384r1, GROUP.secp521r1, ...FFDHE_GROUP_CODES];

export function buildTls13ClientHello(options: Tls13ClientHelloOptions = {}): Buffer {
  const versions = options.versions ?? [TLS13];
  const keyShareGroups = options.keyShareGroups ?? [GROUP.x25519];
  const supportedGroups = options.supportedGroups ?? [...new Set([...keyShareGroups, ...TLS13_GROUPS])];
  const makeKey = options.keyShare ?? makeKeySharePublicKey;
  const random = clientRandom(options);
  const extensions: Buffer[] = [];
  const host = options.serverName === undefined ? null : sniHostName(options.serverName);
  if (host) extensions.push(serverNameExtension(host));
  extensions.push(supportedVersionsExtension(versions));
  extensions.push(supportedGroupsExtension(supportedGroups));
  extensions.push(keyShareExtension(keyShareGroups.map((group) => ({ group, publicKey: makeKey(group) }))));
  extensions.push(signatureAlgorithmsExtension(options.signatureAlgorithms ?? DEFAULT_TLS13_SIGNATURE_SCHEMES));
  extensions.push(pskKeyExchangeModesExtension(options.pskKeyExchangeModes ?? [1]));
  if (versions.some((v) => v < TLS13)) {
    // A server that falls back to TLS 1.2 needs what a TLS 1.2 hello would carry.
    extensions.push(ecPointFormatsExtension(), renegotiationInfoExtension(), emptyExtension(EXT.extendedMasterSecret));
  }
  if (options.statusRequest === true) extensions.push(statusRequestExtension());
  if (options.alpn && options.alpn.length > 0) extensions.push(alpnExtension(options.alpn));
  return frameClientHello({
    recordVersion: TLS10,
    legacyVersion: TLS12,
    random,
    sessionId: options.compatibilitySessionId ? (options.randomSource ?? randomBytes)(32) : Buffer.alloc(0),
    cipherSuites: options.cipherSuites ?? [0x1301, 0x1302, 0x1303, 0x1304, 0x1305],
    compressionMethods: [COMPRESSION_NULL],
    extensions,
    padding: options.padding !== false,
  });
}

function clientRandom(options: { random?: Buffer; randomSource?: RandomSource }): Buffer {
  const random = options.random ?? (options.randomSource ?? randomBytes)(32);
  if (random.length !== 32) throw new RangeError(`the client random must be 32 bytes, not ${random.length}`);
  return random;
}

interface HelloParts {
  recordVersion: number;
  legacyVersion: number;
  random: Buffer;
  sessionId: Buffer;
  cipherSuites: readonly number[];
  compressionMethods: readonly number[];
  /** null or empty: no extensions block (an SSL 3.0-style hello). */
  extensions: Buffer[] | null;
  padding: boolean;
}

const MAX_PLAINTEXT = 2 ** 14;

function frameClientHello(parts: HelloParts): Buffer {
  if (parts.cipherSuites.length === 0) throw new RangeError('a ClientHello needs at least one cipher suite');
  if (parts.cipherSuites.some((c) => !Number.isInteger(c) || c < 0 || c > 0xffff)) throw new RangeError('cipher suite codes are uint16');
  if (parts.compressionMethods.length === 0) throw new RangeError('a ClientHello needs at least one compression method');
  const fixed = Buffer.concat([
    u16(parts.legacyVersion),
    parts.random,
    vector(1, parts.sessionId),
    vector(2, u16List(parts.cipherSuites)),
    vector(1, Buffer.from(parts.compressionMethods)),
  ]);
  let extensions = parts.extensions !== null && parts.extensions.length > 0 ? parts.extensions : null;
  const extensionBytes = (extensions ?? []).reduce((sum, e) => sum + e.length, 0);
  const length = 4 + fixed.length + (extensions === null ? 0 : 2 + extensionBytes);
  if (parts.padding && inF5HangRange(length)) {
    extensions = [...(extensions ?? []), paddingExtension(4 + fixed.length + 2 + extensionBytes)];
  }
  const body = extensions === null ? fixed : Buffer.concat([fixed, vector(2, ...extensions)]);
  const handshake = Buffer.concat([u8(HANDSHAKE_CLIENT_HELLO), u24(body.length), body]);
  if (handshake.length > MAX_PLAINTEXT) throw new RangeError(`a ClientHello of ${handshake.length} bytes does not fit one record`);
  return Buffer.concat([u8(CONTENT_HANDSHAKE), u16(parts.recordVersion), u16(handshake.length), handshake]);
}
