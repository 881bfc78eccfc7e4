import { ByteReader } from './byte-reader.js';

/** TLS alert descriptions (IANA "TLS Alerts" registry, RFC 8446 §6 and earlier). */
export const ALERT_DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [0, 'close_notify'],
  [10, 'unexpected_message'],
  [20, 'bad_record_mac'],
  [21, 'decryption_failed'],
  [22, 'record_overflow'],
  [30, 'decompression_failure'],
  [40, 'handshake_failure'],
  [41, 'no_certificate'],
  [42, 'bad_certificate'],
  [43, 'unsupported_certificate'],
  [44, 'certificate_revoked'],
  [45, 'certificate_expired'],
  [46, 'certificate_unknown'],
  [47, 'illegal_parameter'],
  [48, 'unknown_ca'],
  [49, 'access_denied'],
  [50, 'decode_error'],
  [51, 'decrypt_error'],
  [60, 'export_restriction'],
  [70, 'protocol_version'],
  [71, 'insufficient_security'],
  [80, 'internal_error'],
  [86, 'inappropriate_fallback'],
  [90, 'user_canceled'],
  [100, 'no_renegotiation'],
  [109, 'missing_extension'],
  [110, 'unsupported_extension'],
  [111, 'certificate_unobtainable'],
  [112, 'unrecognized_name'],
  [113, 'bad_certificate_status_response'],
  [114, 'bad_certificate_hash_value'],
  [115, 'unknown_psk_identity'],
  [116, 'certificate_required'],
  [120, 'no_application_protocol'],
  [121, 'ech_required'],
]);

export const ALERT_HANDSHAKE_FAILURE = 40;
export const ALERT_PROTOCOL_VERSION = 70;
export const ALERT_INSUFFICIENT_SECURITY = 71;
export const ALERT_INAPPROPRIATE_FALLBACK = 86;

export interface Alert {
  level: 'warning' | 'fatal' | 'unknown';
  levelCode: number;
  description: number;
  /** The registry name, or "unknown_<n>". */
  name: string;
}

export function alertName(description: number): string {
  return ALERT_DESCRIPTIONS.get(description) ?? `unknown_${description}`;
}

/** Reads the first alert of an alert record (a record may carry several; the first decides). */
export function parseAlert(fragment: Buffer): Alert {
  const reader = new ByteReader(fragment, 'alert');
  const levelCode = reader.u8('level');
  const description = reader.u8('description');
  const level = levelCode === 1 ? 'warning' : levelCode === 2 ? 'fatal' : 'unknown';
  return { level, levelCode, description, name: alertName(description) };
}
