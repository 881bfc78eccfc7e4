import { describe, expect, it } from 'vitest';
import { mergePolicies, readCspAsObservatory } from '../../../src/scanners/http/csp-observatory.js';
import { structuredFieldToken } from '../../../src/scanners/http/structured-field.js';

const merged = (...policies: string[]) => {
  const result = mergePolicies(policies);
  return result && Object.fromEntries([...result.directives].map(([name, sources]) => [name, [...sources].sort()]));
};
const read = (...policies: string[]) => readCspAsObservatory(policies, []);

describe('mergePolicies (Mozilla Observatory\'s parser)', () => {
  it('reads one policy: lower-cased sources, an empty source directive as \'none\', an empty other directive as \'none\' too', () => {
    expect(merged("Default-Src 'NONE'; script-src 'self' https://CDN.example.vn; img-src; upgrade-insecure-requests")).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'", 'https://cdn.example.vn'],
      'img-src': ["'none'"],
      'upgrade-insecure-requests': ["'none'"],
    });
  });

  it('drops, within a policy, a source that extends another', () => {
    expect(merged("img-src https://anh.example.vn/ https://anh.example.vn/logo.png 'self' 'self'")).toEqual({ 'img-src': ["'self'", 'https://anh.example.vn/'] });
  });

  it('keeps of a directive several policies share only the sources they share; a directive only a later policy has becomes \'none\'', () => {
    expect(merged("default-src 'none'; script-src 'self' https://cdn.example.vn", "script-src 'self' https://other.example.vn; img-src *")).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'img-src': ["'none'"],
    });
    // A path ending in "/" covers the paths below it.
    expect(merged('script-src https://cdn.example.vn/js/', 'script-src https://cdn.example.vn/js/app.js')).toEqual({ 'script-src': ['https://cdn.example.vn/js/app.js'] });
  });

  it('finds invalid: a repeated directive, an empty or very short policy, a malformed %-escape it has to compare', () => {
    for (const invalid of [["default-src 'self'; DEFAULT-SRC *"], [''], ['  '], ['defa'], ["default-src 'none'", ''], ['script-src https://a.vn/%zz/', 'script-src https://a.vn/%zz/x']]) {
      expect(mergePolicies(invalid), invalid.join(' , ')).toBeNull();
    }
  });

  it('lets report-uri and report-to repeat, and says so', () => {
    expect(mergePolicies(["default-src 'none'; report-uri /a; report-uri /b"])?.repeatedReports).toBe(true);
    expect(mergePolicies(["default-src 'none'; report-uri /a", 'report-uri /a'])?.repeatedReports).toBe(false);
  });
});

describe('readCspAsObservatory', () => {
  it('tells absent, invalid, empty and parsed apart, and sees a report-only header with a value', () => {
    expect(readCspAsObservatory([], []).policy).toBe('absent');
    expect(readCspAsObservatory([], ["default-src 'none'; report-to csp"])).toMatchObject({ policy: 'absent', reportOnly: true });
    expect(readCspAsObservatory([], ['']).reportOnly).toBe(false);
    expect(read(';').policy).toBe('invalid');
    expect(read('; ; ; ;').policy).toBe('empty');
    expect(read("default-src 'self', img-src 'self'").policy).toBe('parsed');
    expect(read(`script-src ${"'self' ".repeat(20_000)}`).policy).toBe('invalid');
  });

  it("judges github.com's policy: default-src 'none', but 'unsafe-inline' styles", () => {
    expect(read("default-src 'none'; base-uri 'self'; frame-ancestors 'none'; img-src 'self' data: github.githubassets.com; script-src github.githubassets.com; style-src 'unsafe-inline' github.githubassets.com")).toMatchObject({
      unsafeInline: false,
      unsafeInlineStyle: true,
      defaultSrcNone: true,
      frameAncestors: true,
    });
  });

  it("applies 'strict-dynamic' with a nonce to default-src itself when scripts fall back to it", () => {
    // https: leaves default-src, so plugins (object-src falls back to default-src as well) are no longer unrestricted.
    expect(read("default-src 'nonce-r4nd0m' 'strict-dynamic' https:; style-src 'self'")).toMatchObject({ unsafeInline: false, strictDynamicWithoutNonce: false });
    expect(read("default-src 'strict-dynamic' https:").strictDynamicWithoutNonce).toBe(true);
  });

  it('counts http: and ftp: sources as active anywhere but img-src and media-src, and passive there', () => {
    expect(read("default-src 'self'; connect-src http://api.example.vn")).toMatchObject({ insecureSchemeActive: true, insecureSchemePassive: false });
    expect(read("default-src 'self'; media-src ftp://media.example.vn")).toMatchObject({ insecureSchemeActive: false, insecureSchemePassive: true });
    expect(read("default-src http://portal.example.vn; img-src 'self'")).toMatchObject({ insecureSchemeActive: true, insecureSchemePassive: true });
    expect(read("default-src 'self'; script-src 'nonce-abc' 'strict-dynamic' http://cdn.example.vn").insecureSchemeActive).toBe(false);
  });

  it("counts 'unsafe-eval' in style sources, and data: in object sources not at all", () => {
    expect(read("default-src 'self'; style-src 'self' 'unsafe-eval'").unsafeEval).toBe(true);
    expect(read("default-src 'self'; object-src data:").unsafeInline).toBe(false);
  });
});

describe('structuredFieldToken', () => {
  it('returns the token of a well-formed item, parameters allowed', () => {
    expect(structuredFieldToken('same-origin')).toBe('same-origin');
    expect(structuredFieldToken('require-corp; report-to="coep-endpoint"')).toBe('require-corp');
    expect(structuredFieldToken('credentialless;report-to;a=1;b=?0;c=-1.5;d=:aGk=:;e=tok/en')).toBe('credentialless');
    expect(structuredFieldToken('  unsafe-none  ')).toBe('unsafe-none');
    expect(structuredFieldToken('Same-Origin')).toBe('Same-Origin');
  });

  it('returns null for what is not one token item', () => {
    for (const value of ['', '"same-origin"', 'same-origin;', 'same-origin; Report-To=x', 'same-origin; report-to=coop endpoint', 'same-origin, unsafe-none', '1', '?1', 'same-origin; a="unterminated', 'same-origin; a=1.2345']) {
      expect(structuredFieldToken(value), value).toBeNull();
    }
  });
});
