import { describe, expect, it } from 'vitest';
import { hstsFacts } from '../../../src/scanners/http/hsts.js';

const valid = (maxAge: number, includeSubDomains = false, preload = false) => ({
  hsts: true,
  hstsMaxAge: maxAge,
  hstsIncludeSubDomains: includeSubDomains,
  hstsPreload: preload,
  hstsInvalid: false,
});
const INVALID = { hsts: true, hstsMaxAge: null, hstsIncludeSubDomains: false, hstsPreload: false, hstsInvalid: true };

describe('hstsFacts (RFC 6797)', () => {
  it('reads max-age, includeSubDomains and preload case-insensitively, in any order', () => {
    expect(hstsFacts(['max-age=31536000; includeSubDomains; preload']).facts).toEqual(valid(31536000, true, true));
    expect(hstsFacts(['PRELOAD;INCLUDESUBDOMAINS ; Max-Age=63072000']).facts).toEqual(valid(63072000, true, true));
    expect(hstsFacts(['max-age=0']).facts).toEqual(valid(0));
  });

  it('accepts quoted values, spaces around "=" and empty directives', () => {
    expect(hstsFacts(['max-age="15768000"; ; includeSubDomains;']).facts).toEqual(valid(15768000, true));
    expect(hstsFacts(['max-age = 300']).facts).toEqual(valid(300));
    expect(hstsFacts(['max-age="3\\00"']).facts).toEqual(valid(300));
  });

  it('ignores unknown directives, with or without values', () => {
    expect(hstsFacts(['max-age=300; report-uri="https://r.example/"; futureflag']).facts).toEqual(valid(300));
  });

  it('is invalid without max-age, with a non-numeric one, or with a repeated directive', () => {
    for (const header of ['includeSubDomains', 'max-age', 'max-age=', 'max-age=-1', 'max-age=1e6', 'max-age=abc', 'max-age=300; max-age=600', 'max-age=1; includeSubDomains; INCLUDESUBDOMAINS', '']) {
      expect(hstsFacts([header]).facts, header).toEqual(INVALID);
    }
  });

  it('is invalid when the syntax breaks: bad quotes, separators, a value on a valueless directive', () => {
    for (const header of ['max-age="300', 'max-age=300"', 'max-age="30"0"', 'max-age=300 300', 'max-age=300; includeSubDomains=yes', 'max age=300', 'max-age="300\\"']) {
      expect(hstsFacts([header]).facts.hstsInvalid, header).toBe(true);
    }
  });

  it('reads only the first header field and says a second one was sent', () => {
    const twice = hstsFacts(['max-age=31536000', 'max-age=0']);
    expect(twice.facts).toEqual(valid(31536000));
    expect(twice.repeated).toBe(true);
    expect(hstsFacts(['max-age=31536000']).repeated).toBe(false);
  });

  it('calls a comma-joined field repeated and invalid, as fields joined by a proxy look', () => {
    const joined = hstsFacts(['max-age=31536000, max-age=31536000']);
    expect(joined.repeated).toBe(true);
    expect(joined.facts.hstsInvalid).toBe(true);
  });

  it('gives absent values when there is no header', () => {
    expect(hstsFacts([])).toEqual({ facts: { hsts: false, hstsMaxAge: null, hstsIncludeSubDomains: false, hstsPreload: false, hstsInvalid: false }, repeated: false });
  });

  it('caps a max-age too large to represent at 2^31 (RFC 2616 delta-seconds)', () => {
    expect(hstsFacts(['max-age=99999999999999999999999']).facts.hstsMaxAge).toBe(2 ** 31);
    expect(hstsFacts(['max-age=4294967296']).facts.hstsMaxAge).toBe(2 ** 31);
    expect(hstsFacts(['max-age=2147483647']).facts.hstsMaxAge).toBe(2147483647);
  });

  it('handles a 10 MB header without hanging', () => {
    expect(hstsFacts([`max-age=${'9'.repeat(10 * 1024 * 1024)}`]).facts.hstsMaxAge).toBe(2 ** 31);
    expect(hstsFacts([`max-age=300; x="${'a'.repeat(10 * 1024 * 1024)}"`]).facts.hstsMaxAge).toBe(300);
    expect(hstsFacts([`max-age=300; ${';'.repeat(10 * 1024 * 1024)}`]).facts.hstsMaxAge).toBe(300);
  });
});
