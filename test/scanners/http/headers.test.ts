import { describe, expect, it } from 'vitest';
import { headerList, headerMap } from '../../../src/scanners/http/headers.js';

describe('headerMap', () => {
  it('lower-cases names and keeps every value in the order received', () => {
    const map = headerMap([
      'Server', 'nginx/1.22.1',
      'Set-Cookie', 'a=1; Path=/',
      'X-Frame-Options', 'DENY',
      'set-cookie', 'b=2; Secure',
      'SET-COOKIE', 'c=3',
    ]);
    expect([...map.keys()]).toEqual(['server', 'set-cookie', 'x-frame-options']);
    expect(map.get('set-cookie')).toEqual(['a=1; Path=/', 'b=2; Secure', 'c=3']);
    expect(map.get('server')).toEqual(['nginx/1.22.1']);
  });

  it('keeps values as sent, empty ones included', () => {
    const map = headerMap(['X-Empty', '', 'Content-Security-Policy', "  default-src 'self'  "]);
    expect(map.get('x-empty')).toEqual(['']);
    expect(map.get('content-security-policy')).toEqual(["  default-src 'self'  "]);
  });

  it('drops a trailing name without a value and nameless pairs', () => {
    const map = headerMap(['A', '1', '', 'orphan', ' ', 'x', 'B']);
    expect([...map.entries()]).toEqual([['a', ['1']]]);
  });

  it('gives an empty map for no headers', () => {
    expect(headerMap([]).size).toBe(0);
  });

  it('holds a 10 MB value without copying it into pieces', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const map = headerMap(['X-Huge', huge]);
    expect(map.get('x-huge')?.[0]?.length).toBe(huge.length);
  });
});

describe('headerList', () => {
  it('splits every line on commas outside quoted strings and trims members', () => {
    const map = headerMap([
      'Referrer-Policy', 'no-referrer, strict-origin-when-cross-origin',
      'Referrer-Policy', ' same-origin ',
      'Link', '<https://a.example/>; rel="preconnect, dns-prefetch", <https://b.example/>; title="x\\"y, z"',
    ]);
    expect(headerList(map, 'referrer-policy')).toEqual(['no-referrer', 'strict-origin-when-cross-origin', 'same-origin']);
    expect(headerList(map, 'link')).toEqual(['<https://a.example/>; rel="preconnect, dns-prefetch"', '<https://b.example/>; title="x\\"y, z"']);
  });

  it('drops empty members and returns nothing for an absent header', () => {
    const map = headerMap(['X-Frame-Options', ' , DENY,,  ']);
    expect(headerList(map, 'x-frame-options')).toEqual(['DENY']);
    expect(headerList(map, 'absent')).toEqual([]);
  });

  it('treats an unterminated quote as running to the end of the line, not into the next line', () => {
    const map = headerMap(['X-Test', 'a, "b, c', 'X-Test', 'd, e']);
    expect(headerList(map, 'x-test')).toEqual(['a', '"b, c', 'd', 'e']);
  });

  it('splits a 10 MB line of commas in linear time', () => {
    const map = headerMap(['X-Many', ','.repeat(5 * 1024 * 1024) + 'last']);
    expect(headerList(map, 'x-many')).toEqual(['last']);
  });
});
