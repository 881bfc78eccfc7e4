import { createECDH, generateKeyPairSync } from 'node:crypto';
import { GROUP } from './named-groups.js';

/** OpenSSL's curve names for the TLS groups a key share can be made for. */
const EC_CURVES: ReadonlyMap<number, string> = new Map([
  [GROUP.secp256r1, 'prime256v1'],
  [GROUP.secp384r1, 'secp384r1'],
  [GROUP.secp521r1, 'secp521r1'],
  [GROUP.brainpoolP256r1tls13, 'brainpoolP256r1'],
  [GROUP.brainpoolP384r1tls13, 'brainpoolP384r1'],
  [GROUP.brainpoolP512r1tls13, 'brainpoolP512r1'],
]);

const FFDHE_BYTES: ReadonlyMap<number, number> = new Map([
  [GROUP.ffdhe2048, 256],
  [GROUP.ffdhe3072, 384],
  [GROUP.ffdhe4096, 512],
  [GROUP.ffdhe6144, 768],
  [GROUP.ffdhe8192, 1024],
]);

export function canMakeKeyShare(group: number): boolean {
  return group === GROUP.x25519 || group === GROUP.x448 || EC_CURVES.has(group) || FFDHE_BYTES.has(group);
}

/**
 * A valid public key for a TLS 1.3 key_share entry (RFC 8446 §4.2.8.2): a server checks it and
 * answers illegal_parameter to a malformed one, which would read as "group not supported". The
 * private half is dropped: a probe never completes the handshake.
 */
export function makeKeySharePublicKey(group: number): Buffer {
  if (group === GROUP.x25519 || group === GROUP.x448) {
    const { publicKey } = group === GROUP.x25519 ? generateKeyPairSync('x25519') : generateKeyPairSync('x448');
    const { x } = publicKey.export({ format: 'jwk' });
    if (typeof x !== 'string') throw new Error('no raw public key in the JWK export');
    return Buffer.from(x, 'base64url');
  }
  const curve = EC_CURVES.get(group);
  if (curve) return createECDH(curve).generateKeys();
  const size = FFDHE_BYTES.get(group);
  if (size) {
    // The generator g = 2 itself is g^1, an element of the prime-order subgroup (RFC 7919 §5.1
    // checks 1 < Y < p-1), so it passes a server's validation without the group's prime at hand.
    const share = Buffer.alloc(size);
    share[size - 1] = 2;
    return share;
  }
  throw new RangeError(`cannot make a key share for group ${group}`);
}
