import { describe, expect, it } from 'vitest';
import { cvss3BaseScore, roundUp } from '../../src/feeds/cvss.js';
import { severityOfScore, severityOfWord } from '../../src/feeds/severity.js';

describe('CVSS v3 base score', () => {
  // Scores as published by NVD / the FIRST calculator for these vectors.
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1], // CVE-2024-6387 (regreSSHion)
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // the classic reflected XSS
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N', 4.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s = %s', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it('reads v3.0 vectors and ignores temporal and environmental metrics', () => {
    expect(cvss3BaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C')).toBe(8.1);
  });

  it('gives null for what is not a complete v3 vector', () => {
    expect(cvss3BaseScore('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeNull();
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toBeNull();
    expect(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeNull();
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeNull();
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeNull();
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:Q/C:H/I:H/A:H')).toBeNull();
  });

  it('rounds up to one decimal the v3.1 way, exact on floating-point noise', () => {
    expect(roundUp(4.02)).toBe(4.1);
    expect(roundUp(4.0)).toBe(4);
    expect(roundUp(4.000000000000001)).toBe(4);
  });
});

describe('severity words and scores', () => {
  it('maps feed words onto four levels', () => {
    expect(['CRITICAL', 'important', 'MODERATE', 'medium', 'Low', 'negligible', 'unknown', 42].map(severityOfWord)).toEqual(['critical', 'high', 'medium', 'medium', 'low', 'low', null, null]);
  });

  it('rates scores by the CVSS v3 bands', () => {
    expect([9.8, 9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0, null].map(severityOfScore)).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low', null, null]);
  });
});
