import { u16, u8 } from './byte-writer.js';
import { SSL2 } from './protocol-versions.js';

const MSG_CLIENT_HELLO = 1;

/**
 * An SSL 2.0 CLIENT-HELLO (draft-hickman-netscape-ssl-00 §2.5) in the 2-byte record header form,
 * no session id. The challenge is 16 to 32 bytes; the server echoes it only after key exchange,
 * so a probe that stops at SERVER-HELLO may pass any bytes.
 */
export function buildSslv2ClientHello(cipherKinds: readonly number[], challenge: Buffer, version = SSL2): Buffer {
  if (cipherKinds.length === 0) throw new RangeError('an SSLv2 CLIENT-HELLO needs at least one cipher kind');
  if (cipherKinds.some((k) => !Number.isInteger(k) || k < 0 || k > 0xffffff)) throw new RangeError('SSLv2 cipher kinds are 3-byte values');
  if (challenge.length < 16 || challenge.length > 32) throw new RangeError(`the SSLv2 challenge must be 16-32 bytes, not ${challenge.length}`);
  const specs = Buffer.concat(cipherKinds.map((kind) => Buffer.from([kind >> 16, (kind >> 8) & 0xff, kind & 0xff])));
  const body = Buffer.concat([u8(MSG_CLIENT_HELLO), u16(version), u16(specs.length), u16(0), u16(challenge.length), specs, challenge]);
  if (body.length > 0x7fff) throw new RangeError('an SSLv2 record holds at most 32767 bytes');
  return Buffer.concat([u16(0x8000 | body.length), body]);
}
