import { ByteReader } from './byte-reader.js';
import { EXT, extensionName } from './extension-types.js';
import { TlsParseError } from './parse-error.js';

/** RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest"). */
export const HELLO_RETRY_REQUEST_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
const DOWNGRADE_PREFIX = Buffer.from('444f574e475244', 'hex');

export interface ServerExtension {
  type: number;
  name: string;
  data: Buffer;
}

export type HeartbeatMode = 'peer_allowed_to_send' | 'peer_not_allowed_to_send' | 'unknown';

export interface ServerHello {
  /** The version field of the message (0x0303 for TLS 1.3). */
  legacyVersion: number;
  /** The negotiated version: supported_versions when sent, else legacyVersion. */
  version: number;
  random: Buffer;
  sessionId: Buffer;
  cipherSuite: number;
  compressionMethod: number;
  helloRetryRequest: boolean;
  /** The RFC 8446 §4.1.3 sentinel a TLS 1.3 server puts in its random when it negotiates lower. */
  downgradeSentinel: 'tls12' | 'tls11-or-below' | null;
  /** In the order received; empty when the hello had no extensions block. */
  extensions: ServerExtension[];
  /** supported_versions: the version selected. */
  selectedVersion: number | null;
  /** key_share: the server's group (in a HelloRetryRequest, the group it asks for). */
  keyShareGroup: number | null;
  keySharePublicKeyLength: number | null;
  /** renegotiation_info (RFC 5746): null when absent, else the length of renegotiated_connection (0 initially). */
  renegotiationInfo: { length: number } | null;
  ecPointFormats: number[] | null;
  heartbeat: HeartbeatMode | null;
  /** An empty status_request: the server will staple an OCSP response (RFC 6066 §8). */
  statusRequest: boolean;
  extendedMasterSecret: boolean;
  encryptThenMac: boolean;
  sessionTicket: boolean;
  alpn: string | null;
  /** A HelloRetryRequest cookie was sent. */
  cookie: boolean;
}

export function isHelloRetryRandom(random: Buffer): boolean {
  return random.equals(HELLO_RETRY_REQUEST_RANDOM);
}

/** Parses a ServerHello body (the handshake header already removed). */
export function parseServerHello(body: Buffer): ServerHello {
  const reader = new ByteReader(body, 'ServerHello');
  const legacyVersion = reader.u16('version');
  const random = reader.bytesOf(32, 'random');
  const sessionId = reader.vector(1, 'session_id', 0, 32);
  const cipherSuite = reader.u16('cipher_suite');
  const compressionMethod = reader.u8('compression_method');
  const extensions = reader.remaining > 0 ? readExtensions(reader.vector(2, 'extensions')) : [];
  reader.end();

  const hello: ServerHello = {
    legacyVersion,
    version: legacyVersion,
    random,
    sessionId,
    cipherSuite,
    compressionMethod,
    helloRetryRequest: isHelloRetryRandom(random),
    downgradeSentinel: downgradeSentinel(random),
    extensions,
    selectedVersion: null,
    keyShareGroup: null,
    keySharePublicKeyLength: null,
    renegotiationInfo: null,
    ecPointFormats: null,
    heartbeat: null,
    statusRequest: false,
    extendedMasterSecret: false,
    encryptThenMac: false,
    sessionTicket: false,
    alpn: null,
    cookie: false,
  };
  for (const extension of extensions) applyExtension(hello, extension);
  if (hello.selectedVersion !== null) hello.version = hello.selectedVersion;
  return hello;
}

function readExtensions(block: Buffer): ServerExtension[] {
  const reader = new ByteReader(block, 'ServerHello extensions');
  const seen = new Set<number>();
  const out: ServerExtension[] = [];
  while (reader.remaining > 0) {
    const type = reader.u16('extension type');
    const data = reader.vector(2, `${extensionName(type)} data`);
    if (seen.has(type)) throw new TlsParseError('bad-value', `ServerHello repeats the ${extensionName(type)} extension`);
    seen.add(type);
    out.push({ type, name: extensionName(type), data });
  }
  return out;
}

function applyExtension(hello: ServerHello, extension: ServerExtension): void {
  const reader = new ByteReader(extension.data, extension.name);
  switch (extension.type) {
    case EXT.supportedVersions:
      hello.selectedVersion = reader.u16('selected_version');
      break;
    case EXT.keyShare:
      hello.keyShareGroup = reader.u16('group');
      if (!hello.helloRetryRequest) hello.keySharePublicKeyLength = reader.vector(2, 'key_exchange', 1).length;
      break;
    case EXT.renegotiationInfo:
      hello.renegotiationInfo = { length: reader.vector(1, 'renegotiated_connection').length };
      break;
    case EXT.ecPointFormats:
      hello.ecPointFormats = [...reader.vector(1, 'ec_point_format_list', 1)];
      break;
    case EXT.heartbeat: {
      const mode = reader.u8('mode');
      hello.heartbeat = mode === 1 ? 'peer_allowed_to_send' : mode === 2 ? 'peer_not_allowed_to_send' : 'unknown';
      break;
    }
    case EXT.alpn: {
      const list = new ByteReader(reader.vector(2, 'protocol_name_list', 2), 'ALPN list');
      hello.alpn = list.vector(1, 'protocol_name', 1).toString('latin1');
      list.end();
      break;
    }
    case EXT.statusRequest:
      hello.statusRequest = true;
      reader.rest();
      break;
    case EXT.extendedMasterSecret:
      hello.extendedMasterSecret = true;
      break;
    case EXT.encryptThenMac:
      hello.encryptThenMac = true;
      break;
    case EXT.sessionTicket:
      hello.sessionTicket = true;
      break;
    case EXT.cookie:
      hello.cookie = true;
      reader.rest();
      break;
    default:
      reader.rest();
  }
  reader.end();
}

function downgradeSentinel(random: Buffer): ServerHello['downgradeSentinel'] {
  if (!random.subarray(24, 31).equals(DOWNGRADE_PREFIX)) return null;
  const last = random[31];
  return last === 1 ? 'tls12' : last === 0 ? 'tls11-or-below' : null;
}
