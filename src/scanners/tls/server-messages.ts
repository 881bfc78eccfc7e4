import { ByteReader } from './byte-reader.js';

/** TLS 1.2 and earlier Certificate (RFC 5246 §7.4.2): DER certificates, the server's own first. */
export function parseCertificateMessage(body: Buffer): Buffer[] {
  const reader = new ByteReader(body, 'Certificate');
  const list = new ByteReader(reader.vector(3, 'certificate_list'), 'certificate_list');
  reader.end();
  const certificates: Buffer[] = [];
  while (list.remaining > 0) certificates.push(list.vector(3, 'ASN.1Cert', 1));
  return certificates;
}

export interface CertificateStatus {
  /** 1 = ocsp (RFC 6066), 2 = ocsp_multi (RFC 6961). */
  statusType: number;
  /** The DER OCSPResponse (for ocsp_multi, the first response). */
  ocspResponse: Buffer;
  length: number;
}

/** CertificateStatus (RFC 6066 §8): the OCSP response the server staples. */
export function parseCertificateStatus(body: Buffer): CertificateStatus {
  const reader = new ByteReader(body, 'CertificateStatus');
  const statusType = reader.u8('status_type');
  const ocspResponse = statusType === 2 ? firstOfMulti(reader.vector(3, 'ocsp_response_list')) : reader.vector(3, 'ocsp_response', 1);
  reader.end();
  return { statusType, ocspResponse, length: ocspResponse.length };
}

function firstOfMulti(list: Buffer): Buffer {
  const reader = new ByteReader(list, 'ocsp_response_list');
  return reader.remaining > 0 ? reader.vector(3, 'ocsp_response') : Buffer.alloc(0);
}

/** ServerHelloDone has an empty body; anything else is malformed. */
export function parseServerHelloDone(body: Buffer): void {
  new ByteReader(body, 'ServerHelloDone').end();
}
