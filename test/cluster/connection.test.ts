import { describe, expect, it } from 'vitest';
import { queueFailure, queueLocation, redactUrl } from '../../src/cluster/connection.js';

describe('queueLocation', () => {
  it('reads TCP, TLS and Unix-socket addresses', () => {
    expect(queueLocation('redis://127.0.0.1:6390/2').options).toMatchObject({ host: '127.0.0.1', port: 6390, db: 2, maxRetriesPerRequest: null });
    expect(queueLocation('unix:///tmp/x/redis.sock').options).toMatchObject({ path: '/tmp/x/redis.sock' });
    expect(queueLocation('rediss://[::1]:6380').options).toMatchObject({ host: '::1', port: 6380, tls: {} });
    expect(queueLocation('rediss://queue.tinh.gov.vn:6380').options).toMatchObject({ tls: { servername: 'queue.tinh.gov.vn' } });
  });

  it('takes credentials from the credentials file before the URL, and never shows a password', () => {
    const location = queueLocation('redis://u:secret@127.0.0.1:6390', { username: 'agent', password: 'pw' });
    expect(location.options).toMatchObject({ username: 'agent', password: 'pw' });
    expect(location.url).toBe('redis://u:***@127.0.0.1:6390');
    expect(redactUrl('rediss://a:b%40c@h:1/0')).toBe('rediss://a:***@h:1/0');
  });

  it('rejects what is not a queue address with the forms it accepts', () => {
    for (const bad of ['localhost:6379', 'http://127.0.0.1', 'redis://127.0.0.1/x', 'unix://']) expect(() => queueLocation(bad)).toThrow(/not a queue address/);
  });

  it('turns Redis answers into one line naming the fix, without the password', () => {
    const location = queueLocation('redis://agent:topsecret@127.0.0.1:1');
    const lines = [
      queueFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), location),
      queueFailure(new Error('WRONGPASS invalid username-password pair or user is disabled.'), location),
      queueFailure(new Error('NOPERM this user has no permissions to access one of the keys used as arguments'), location),
    ].map((e) => e.message);
    expect(lines[0]).toMatch(/cannot reach the queue/);
    expect(lines[1]).toMatch(/refused the credentials/);
    expect(lines[2]).toMatch(/denied an operation/);
    for (const line of lines) {
      expect(line).not.toContain('topsecret');
      expect(line).not.toContain('\n');
    }
  });
});
