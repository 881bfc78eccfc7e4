import type { ObservationData, TlsProtocolName } from '../../core/model/observation.js';

/**
 * An overall letter grade per endpoint following the SSL Labs SSL Server Rating Guide (2009q):
 * protocol support (30%), key exchange (30%) and cipher strength (40%) give a score and a letter;
 * then caps for configurations a number cannot express, each recorded as "<grade>:<reason id>"
 * so a report can say what capped it. T (not trusted) and M (name mismatch) replace the letter,
 * because without trust the rest does not protect anyone. A+ needs HSTS, which the HTTP scanner
 * sees, so it is never given here.
 */

export interface GradeInput {
  protocols: ReadonlyArray<{ protocol: TlsProtocolName; offered: boolean }>;
  ciphers: ReadonlyArray<Pick<ObservationData['tls.cipher'], 'protocol' | 'kx' | 'bits' | 'export' | 'null' | 'anonymous' | 'rc4' | 'tripleDes' | 'aead' | 'forwardSecrecy'>>;
  groups: ReadonlyArray<Pick<ObservationData['tls.group'], 'type' | 'bits'>>;
  leaf: Pick<ObservationData['tls.certificate'], 'keyType' | 'keyBits' | 'signatureHash' | 'notBefore' | 'notAfter'> | null;
  chain: Pick<ObservationData['tls.chain'], 'trusted' | 'hostnameMatch' | 'complete'> | null;
  /** Whether the name checked is a DNS name (a mismatch against a bare address does not give M). */
  nameTarget: boolean;
  features: Pick<ObservationData['tls.features'], 'secureRenegotiation' | 'compression' | 'fallbackScsv' | 'heartbleed'> | null;
  now: number;
}

export type GradeResult = Omit<ObservationData['tls.grade'], 'port'>;

const PROTOCOL_SCORES: Record<TlsProtocolName, number> = { SSLv2: 0, SSLv3: 80, 'TLSv1.0': 90, 'TLSv1.1': 95, 'TLSv1.2': 100, 'TLSv1.3': 100 };
const LETTERS = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'] as const;
type Letter = (typeof LETTERS)[number];

export function gradeEndpoint(input: GradeInput): GradeResult {
  const offered = input.protocols.filter((p) => p.offered).map((p) => p.protocol);
  const protocolScore = offered.length === 0 ? 0 : (Math.max(...offered.map((p) => PROTOCOL_SCORES[p])) + Math.min(...offered.map((p) => PROTOCOL_SCORES[p]))) / 2;
  const keyExchangeScore = keyExchangeStrengthScore(input);
  const bits = input.ciphers.map((c) => c.bits);
  const cipherScore = bits.length === 0 ? 0 : (cipherBitsScore(Math.max(...bits)) + cipherBitsScore(Math.min(...bits))) / 2;
  const score = protocolScore === 0 || keyExchangeScore === 0 || cipherScore === 0 ? 0 : Math.round(0.3 * protocolScore + 0.3 * keyExchangeScore + 0.4 * cipherScore);

  let letter: Letter = score >= 80 ? 'A' : score >= 65 ? 'B' : score >= 50 ? 'C' : score >= 35 ? 'D' : score >= 20 ? 'E' : 'F';
  const caps: string[] = [];
  const cap = (to: Letter, reason: string) => {
    caps.push(`${to}:${reason}`);
    if (LETTERS.indexOf(to) > LETTERS.indexOf(letter)) letter = to;
  };
  const has = (p: TlsProtocolName) => offered.includes(p);
  const modern = has('TLSv1.1') || has('TLSv1.2') || has('TLSv1.3');
  const any = (test: (c: GradeInput['ciphers'][number]) => boolean) => input.ciphers.some(test);

  if (has('SSLv2')) cap('F', 'sslv2');
  if (any((c) => c.export)) cap('F', 'export-suites');
  if (any((c) => c.null)) cap('F', 'null-suites');
  if (any((c) => c.anonymous)) cap('F', 'anonymous-suites');
  if (input.features?.heartbleed) cap('F', 'heartbleed');
  if (input.leaf && input.leaf.signatureHash === 'md5') cap('F', 'md5-signature');
  if (input.leaf && (Date.parse(input.leaf.notAfter) < input.now || Date.parse(input.leaf.notBefore) > input.now)) cap('F', 'certificate-not-valid-now');
  const dh = input.groups.filter((g) => g.type === 'ffdhe').map((g) => g.bits);
  if (dh.some((b) => b < 1024)) cap('F', 'dh-below-1024');
  else if (dh.some((b) => b < 2048)) cap('B', 'dh-below-2048');
  if (input.leaf?.keyType === 'RSA' && input.leaf.keyBits < 1024) cap('F', 'rsa-key-below-1024');
  else if (input.leaf?.keyType === 'RSA' && input.leaf.keyBits < 2048) cap('B', 'rsa-key-below-2048');
  if (has('SSLv3')) cap('C', 'sslv3');
  if (!has('TLSv1.2') && !has('TLSv1.3') && offered.length > 0) cap('C', 'no-tls12');
  if (input.features?.compression) cap('C', 'compression');
  if (input.features?.secureRenegotiation === false) cap('C', 'no-secure-renegotiation');
  if (any((c) => c.rc4)) cap(modern ? 'C' : 'B', 'rc4');
  if (any((c) => c.tripleDes)) cap(modern ? 'C' : 'B', '3des');
  if (has('TLSv1.0') || has('TLSv1.1')) cap('B', 'tls10-or-tls11');
  if (input.ciphers.length > 0 && !any((c) => c.forwardSecrecy)) cap('B', 'no-forward-secrecy');
  if (input.ciphers.length > 0 && !any((c) => c.aead)) cap('B', 'no-aead');
  if (input.chain && !input.chain.complete && input.chain.trusted === false) cap('B', 'incomplete-chain');
  if (input.features?.fallbackScsv === 'missing') cap('A-', 'no-fallback-scsv');

  let grade: string = letter;
  if (input.leaf && input.leaf.signatureHash === 'sha1') {
    caps.push('T:sha1-signature');
    grade = 'T';
  }
  if (input.chain && !input.chain.trusted) {
    caps.push('T:untrusted');
    grade = 'T';
  }
  if (input.nameTarget && input.chain?.hostnameMatch === false) {
    caps.push('M:name-mismatch');
    grade = 'M';
  }
  return { grade, ignoringTrust: letter, score, protocolScore, keyExchangeScore, cipherScore, caps };
}

/** The weakest key exchange the server allows, scored as the guide does (EC sizes as RSA equivalents). */
function keyExchangeStrengthScore(input: GradeInput): number {
  if (input.ciphers.some((c) => c.anonymous)) return 0;
  const strengths: number[] = [];
  if (input.ciphers.some((c) => c.kx === 'RSA') && input.leaf?.keyType === 'RSA') strengths.push(input.leaf.keyBits);
  if (input.ciphers.some((c) => c.export)) strengths.push(512);
  for (const group of input.groups) strengths.push(group.type === 'ecdhe' ? ecEquivalent(group.bits) : group.bits);
  if (strengths.length === 0 && input.leaf) strengths.push(input.leaf.keyType === 'RSA' ? input.leaf.keyBits : ecEquivalent(input.leaf.keyBits));
  if (strengths.length === 0) return 0;
  const weakest = Math.min(...strengths);
  if (weakest < 512) return 20;
  if (weakest < 1024) return 40;
  if (weakest < 2048) return 80;
  if (weakest < 4096) return 90;
  return 100;
}

function ecEquivalent(bits: number): number {
  if (bits >= 512) return 15360;
  if (bits >= 384) return 7680;
  if (bits >= 256) return 3072;
  if (bits >= 224) return 2048;
  return 1024;
}

function cipherBitsScore(bits: number): number {
  if (bits === 0) return 0;
  if (bits < 128) return 20;
  if (bits < 256) return 80;
  return 100;
}
