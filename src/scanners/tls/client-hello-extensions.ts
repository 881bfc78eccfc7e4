import { domainToASCII } from 'node:url';
import { u16, u16List, u8, vector } from './byte-writer.js';
import { EXT } from './extension-types.js';

/** One extension: type, then its data behind a 2-byte length. */
export function extension(type: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([u16(type), vector(2, data)]);
}

/**
 * The name to send in SNI, or null: RFC 6066 §3 forbids IP literals, and a name in SNI has no
 * trailing dot and is in A-label form.
 */
export function sniHostName(host: string): string | null {
  const trimmed = host.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.includes(':') || trimmed.startsWith('[')) return null;
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || !/^[a-z0-9_.-]+$/i.test(ascii)) return null;
  const labels = ascii.split('.');
  // A top-level label is never all digits (RFC 3696 §2), so "10.0.0.1" and "0x7f.1" are addresses.
  const last = labels[labels.length - 1] ?? '';
  if (/^(\d+|0x[0-9a-f]+)$/i.test(last) || labels.some((l) => l === '')) return null;
  return ascii;
}

export function serverNameExtension(hostName: string): Buffer {
  const name = Buffer.from(hostName, 'ascii');
  return extension(EXT.serverName, vector(2, u8(0), vector(2, name)));
}

export function supportedGroupsExtension(groups: readonly number[]): Buffer {
  return extension(EXT.supportedGroups, vector(2, u16List(groups)));
}

/** Uncompressed only: the compressed formats were deprecated by RFC 8422. */
export function ecPointFormatsExtension(): Buffer {
  return extension(EXT.ecPointFormats, vector(1, u8(0)));
}

export function signatureAlgorithmsExtension(schemes: readonly number[]): Buffer {
  return extension(EXT.signatureAlgorithms, vector(2, u16List(schemes)));
}

/** RFC 5746: an empty renegotiated_connection marks the initial handshake. */
export function renegotiationInfoExtension(): Buffer {
  return extension(EXT.renegotiationInfo, vector(1));
}

/** RFC 6066 §8: status_type ocsp, no responder ids, no request extensions. */
export function statusRequestExtension(): Buffer {
  return extension(EXT.statusRequest, Buffer.concat([u8(1), vector(2), vector(2)]));
}

/** RFC 6520: mode 1 = peer_allowed_to_send. */
export function heartbeatExtension(): Buffer {
  return extension(EXT.heartbeat, u8(1));
}

export function alpnExtension(protocols: readonly string[]): Buffer {
  return extension(EXT.alpn, vector(2, ...protocols.map((p) => vector(1, Buffer.from(p, 'ascii')))));
}

export function supportedVersionsExtension(versions: readonly number[]): Buffer {
  return extension(EXT.supportedVersions, vector(1, u16List(versions)));
}

export function keyShareExtension(shares: ReadonlyArray<{ group: number; publicKey: Buffer }>): Buffer {
  return extension(EXT.keyShare, vector(2, ...shares.map((s) => Buffer.concat([u16(s.group), vector(2, s.publicKey)]))));
}

/** RFC 8446 §4.2.9: 1 = psk_dhe_ke, 0 = psk_ke. */
export function pskKeyExchangeModesExtension(modes: readonly number[]): Buffer {
  return extension(EXT.pskKeyExchangeModes, vector(1, Buffer.from(modes)));
}

export function emptyExtension(type: number): Buffer {
  return extension(type);
}

/**
 * RFC 7685 padding: some F5 load balancers hang on a ClientHello whose handshake message is 256 to
 * 511 bytes long (header included), so such a hello is grown to at least 512 bytes.
 */
export function inF5HangRange(handshakeLength: number): boolean {
  return handshakeLength >= 256 && handshakeLength <= 511;
}

/** The padding extension that brings a hello of `handshakeLength` bytes (extensions block included) to 512. */
export function paddingExtension(handshakeLength: number): Buffer {
  const header = 4;
  return extension(EXT.padding, Buffer.alloc(Math.max(0, 512 - handshakeLength - header)));
}
