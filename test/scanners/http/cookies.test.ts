import { describe, expect, it } from 'vitest';
import { parseCookieDate } from '../../../src/scanners/http/cookie-date.js';
import { cookieFacts, SESSION_COOKIE_PATTERNS } from '../../../src/scanners/http/cookies.js';

const base = { secure: false, httpOnly: false, sameSite: null, sameSiteInvalid: false, prefix: null, prefixValid: false, session: false, persistent: false, domain: null, path: null };

describe('cookieFacts on real Set-Cookie lines', () => {
  it('PHP: a session cookie with no flags', () => {
    expect(cookieFacts('PHPSESSID=9k2j3h4g5f6d7s8a9p0o; path=/')).toEqual({ ...base, name: 'PHPSESSID', session: true, path: '/' });
  });

  it('ASP.NET: HttpOnly and SameSite=Lax, not Secure', () => {
    expect(cookieFacts('ASP.NET_SessionId=qz1k5p2vx0mlw3ab4cd5ef6g; path=/; HttpOnly; SameSite=Lax')).toEqual({
      ...base,
      name: 'ASP.NET_SessionId',
      httpOnly: true,
      sameSite: 'Lax',
      session: true,
      path: '/',
    });
  });

  it('Java: JSESSIONID with Secure and HttpOnly under an application path', () => {
    expect(cookieFacts('JSESSIONID=1A2B3C4D5E6F; Path=/egov; Secure; HttpOnly')).toMatchObject({ session: true, secure: true, httpOnly: true, path: '/egov' });
  });

  it('Laravel: the session is a session cookie, XSRF-TOKEN is not (scripts read it on purpose)', () => {
    const expires = 'expires=Tue, 24-Nov-2026 10:00:00 GMT; Max-Age=7200; path=/; samesite=lax';
    expect(cookieFacts(`XSRF-TOKEN=eyJpdiI6IkV4YW1wbGUifQ%3D%3D; ${expires}`)).toMatchObject({ session: false, persistent: true, sameSite: 'Lax' });
    expect(cookieFacts(`laravel_session=eyJpdiI6IkV4YW1wbGUifQ%3D%3D; ${expires}; httponly`)).toMatchObject({ session: true, httpOnly: true, persistent: true });
  });

  it('Drupal: SSESS<hash> with a leading-dot domain, stored without the dot', () => {
    const line = 'SSESS4f2a1c9e8b7d6a5f4e3d2c1b0a9f8e7d=Zm9v; expires=Thu, 17-Dec-2026 11:33:20 GMT; Max-Age=2000000; path=/; domain=.Example.GOV.vn; secure; HttpOnly; SameSite=Lax';
    expect(cookieFacts(line)).toMatchObject({ session: true, secure: true, httpOnly: true, persistent: true, domain: 'example.gov.vn', sameSite: 'Lax' });
  });

  it('WordPress and Google: logged-in cookie is a session, NID is not', () => {
    expect(cookieFacts('wordpress_logged_in_0123456789abcdef=admin%7C1764000000%7Cabc; path=/; secure; HttpOnly')?.session).toBe(true);
    expect(cookieFacts('NID=525=Zm9vYmFy; expires=Wed, 26-May-2027 08:00:00 GMT; path=/; domain=.google.com; Secure; HttpOnly; SameSite=none')).toMatchObject({
      session: false,
      sameSite: 'None',
      domain: 'google.com',
    });
  });
});

describe('cookieFacts: attributes (RFC 6265bis)', () => {
  it('reads attribute names case-insensitively, with spaces, and lets the last one win', () => {
    expect(cookieFacts('a=1;SECURE;  hTTpOnLy ; SameSite = STRICT ; samesite=Lax; Path=/a; path=/b')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      path: '/b',
    });
  });

  it('normalises SameSite and leaves an unknown value at the default (null)', () => {
    expect(cookieFacts('a=1; SameSite=nOnE')?.sameSite).toBe('None');
    expect(cookieFacts('a=1; SameSite=Strict; SameSite=whatever')?.sameSite).toBeNull();
    expect(cookieFacts('a=1; SameSite')?.sameSite).toBeNull();
    expect(cookieFacts('a=1; SameSite=constructor')?.sameSite).toBeNull();
  });

  it('marks a SameSite without a usable value as invalid, even when a later SameSite overrides it', () => {
    const invalid = (line: string) => cookieFacts(line)?.sameSiteInvalid;
    expect(invalid('PHPSESSID=9k2j; path=/; secure; HttpOnly; SameSite=Lax')).toBe(false);
    expect(invalid('JSESSIONID=1A2B; Path=/; Secure; HttpOnly; SameSite=unset')).toBe(true);
    expect(invalid('a=1; SameSite')).toBe(true);
    expect(invalid('a=1; SameSite=')).toBe(true);
    expect(invalid('a=1; SameSite=true')).toBe(true);
    expect(invalid('a=1; SameSite=Strict; SameSite=whatever')).toBe(true);
    expect(invalid('a=1; SameSite=whatever; SameSite=Strict')).toBe(true);
    expect(invalid(`a=1; SameSite=${'x'.repeat(2000)}`)).toBe(true);
    // The cookie's name is not an attribute.
    expect(invalid('SameSite=whatever; Secure')).toBe(false);
  });

  it('is persistent only with a Max-Age or Expires a browser accepts', () => {
    expect(cookieFacts('a=1; Max-Age=3600')?.persistent).toBe(true);
    expect(cookieFacts('a=1; Max-Age=-1')?.persistent).toBe(true);
    expect(cookieFacts('a=1; Max-Age=1h')?.persistent).toBe(false);
    expect(cookieFacts('a=1; Max-Age=')?.persistent).toBe(false);
    expect(cookieFacts('a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT')?.persistent).toBe(true);
    expect(cookieFacts('a=1; Expires=tomorrow')?.persistent).toBe(false);
  });

  it('ignores an empty Domain and a Path that does not start with "/"', () => {
    expect(cookieFacts('a=1; Domain=example.vn; Domain=')).toMatchObject({ domain: 'example.vn' });
    expect(cookieFacts('a=1; Path=/x; Path=relative')).toMatchObject({ path: null });
  });

  it('ignores attribute values longer than 1024 characters', () => {
    expect(cookieFacts(`a=1; Path=/${'p'.repeat(1024)}`)?.path).toBeNull();
    expect(cookieFacts(`a=1; Domain=${'d'.repeat(1025)}`)?.domain).toBeNull();
  });
});

describe('cookieFacts: prefixes', () => {
  it('__Host- needs Secure, Path=/ and no Domain', () => {
    expect(cookieFacts('__Host-sid=1; Secure; Path=/')).toMatchObject({ prefix: '__Host-', prefixValid: true, session: true });
    expect(cookieFacts('__Host-sid=1; Secure; Path=/; Domain=example.vn')?.prefixValid).toBe(false);
    expect(cookieFacts('__Host-sid=1; Secure')?.prefixValid).toBe(false);
    expect(cookieFacts('__Host-sid=1; Secure; Path=/app')?.prefixValid).toBe(false);
    expect(cookieFacts('__Host-sid=1; Path=/')?.prefixValid).toBe(false);
  });

  it('__Secure- needs Secure only; prefixes match case-insensitively', () => {
    expect(cookieFacts('__Secure-pref=1; Secure; Domain=example.vn')).toMatchObject({ prefix: '__Secure-', prefixValid: true, session: false });
    expect(cookieFacts('__Secure-pref=1')?.prefixValid).toBe(false);
    expect(cookieFacts('__host-ID=1; secure; path=/')).toMatchObject({ prefix: '__Host-', prefixValid: true });
    expect(cookieFacts('_Host-x=1; Secure; Path=/')).toMatchObject({ prefix: null, prefixValid: false });
  });
});

describe('session cookie names', () => {
  const cases: Array<[string, boolean]> = [
    ['PHPSESSID', true],
    ['JSESSIONID', true],
    ['ASP.NET_SessionId', true],
    ['ASPSESSIONIDQCSBTQAD', true],
    ['.ASPXAUTH', true],
    ['.AspNetCore.Session', true],
    ['CFID', true],
    ['CFTOKEN', true],
    ['connect.sid', true],
    ['laravel_session', true],
    ['ci_session', true],
    ['wordpress_logged_in_5c9d', true],
    ['SESS0123456789abcdef', true],
    ['SSESSfedcba9876543210', true],
    ['user_login', true],
    ['sid', true],
    ['auth_token', true],
    ['access-token', true],
    ['jwt', true],
    ['remember_web_59ba36addc2b2f94', true],
    ['__Host-session', true],
    ['XSRF-TOKEN', false],
    ['csrftoken', false],
    ['_ga', false],
    ['_gid', false],
    ['lang', false],
    ['NID', false],
    ['wordpress_test_cookie', false],
  ];
  it.each(cases)('%s → %s', (name, session) => {
    expect(cookieFacts(`${name}=v`)?.session).toBe(session);
  });

  it('keeps the recognition list as data others can read', () => {
    expect(SESSION_COOKIE_PATTERNS.some((p) => p.test('PHPSESSID'))).toBe(true);
  });
});

describe('cookieFacts: lines a browser drops, and hostile ones', () => {
  it('returns null for no name and no value, or for control characters', () => {
    expect(cookieFacts('')).toBeNull();
    expect(cookieFacts(' = ; Secure')).toBeNull();
    expect(cookieFacts('a=b\u0001; Secure')).toBeNull();
    expect(cookieFacts('a=b\nSet-Cookie: c=d')).toBeNull();
  });

  it('keeps a nameless cookie (the whole pair is its value) and allows a tab', () => {
    expect(cookieFacts('justavalue; Secure')).toMatchObject({ name: '', secure: true });
    expect(cookieFacts('a=b\tc; Secure')?.name).toBe('a');
  });

  it('parses a 10 MB cookie quickly and stores a capped name', () => {
    const facts = cookieFacts(`${'n'.repeat(5 * 1024 * 1024)}=${'v'.repeat(5 * 1024 * 1024)}; Secure; ${'x;'.repeat(100_000)}`);
    expect(facts?.name.length).toBe(256);
    expect(facts?.secure).toBe(true);
  });
});

describe('parseCookieDate (RFC 6265bis §5.1.1)', () => {
  it('reads the usual formats, in any token order', () => {
    const expected = Date.UTC(2015, 9, 21, 7, 28, 0);
    for (const date of ['Wed, 21 Oct 2015 07:28:00 GMT', 'Wednesday, 21-Oct-15 07:28:00 GMT', 'Wed Oct 21 07:28:00 2015', '07:28:00 21 october 2015']) {
      expect(parseCookieDate(date), date).toBe(expected);
    }
  });

  it('maps two-digit years: 70-99 to 19xx, 00-69 to 20xx', () => {
    expect(parseCookieDate('Sun, 06-Nov-94 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('Sun, 06-Nov-30 08:49:37 GMT')).toBe(Date.UTC(2030, 10, 6, 8, 49, 37));
  });

  it('rejects missing parts, impossible values and days that do not exist', () => {
    for (const date of ['', 'tomorrow', '21 Oct 2015', 'Wed, 32 Oct 2015 07:28:00 GMT', 'Wed, 21 Oct 1600 07:28:00 GMT', '21 Oct 2015 24:00:00', '21 Oct 2015 07:60:00', '30 Feb 2025 00:00:00']) {
      expect(parseCookieDate(date), date).toBeNull();
    }
  });
});
