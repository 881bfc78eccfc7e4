import { describe, expect, it } from 'vitest';
import { hasPassword, isDatabaseUrl, passwordOf, redactArgs, redactLocation } from '../../src/store/location.js';

describe('history locations', () => {
  it('tells a PostgreSQL URL from a file path', () => {
    for (const url of ['postgres://h/db', 'postgresql://u@/db?host=/tmp', 'POSTGRES://h/db']) expect(isDatabaseUrl(url)).toBe(true);
    for (const path of ['/var/lib/rasoat/history.db', 'history.db', 'postgres.db', './postgres://x']) expect(isDatabaseUrl(path)).toBe(false);
  });

  it('shows a URL without its password, whatever the password holds', () => {
    expect(redactLocation('postgres://auditor:s3cret@db.example:5432/rasoat')).toBe('postgres://auditor:***@db.example:5432/rasoat');
    expect(redactLocation('postgres://auditor:p@ss:w/rd@db.example/rasoat?sslmode=require')).toBe('postgres://auditor:***@db.example/rasoat?sslmode=require');
    expect(redactLocation('postgresql://auditor:Pa55%3Aw%40rd@/rasoat?host=/run/postgresql')).toBe('postgresql://auditor:***@/rasoat?host=/run/postgresql');
    expect(redactLocation('postgres://:only@h/db')).toBe('postgres://:***@h/db');
    expect(redactLocation('postgres://h/db?user=a&password=s3cret&port=5')).toBe('postgres://h/db?user=a&password=***&port=5');
    for (const plain of ['postgres://auditor@h/db', 'postgresql://u@/db?host=/tmp/x', '/var/lib/rasoat/a:b@c.db']) expect(redactLocation(plain)).toBe(plain);
  });

  it('knows the password a URL carries, to scrub it', () => {
    expect(passwordOf('postgresql://auditor:Pa55%3Aw%40rd@/rasoat?host=/run/postgresql')).toBe('Pa55:w@rd');
    expect(passwordOf('postgres://h/db?password=x%20y')).toBe('x y');
    expect(passwordOf('postgres://auditor@h/db')).toBe('');
    expect(hasPassword('postgres://a:b@h/db')).toBe(true);
    expect(hasPassword('postgres://a@h/db')).toBe(false);
  });

  it('redacts a command line as recorded in an audit or the trail', () => {
    expect(redactArgs(['--db', 'postgres://a:s3cret@h/db', 'scan', '127.0.0.1']).join(' ')).toBe('--db postgres://a:***@h/db scan 127.0.0.1');
    expect(redactArgs(['--db=postgres://a:s3cret@h/db', 'audits'])).toEqual(['--db=postgres://a:***@h/db', 'audits']);
    expect(redactArgs(['db', 'copy', '--to', 'postgresql://a:x@/d?host=/tmp'])).toEqual(['db', 'copy', '--to', 'postgresql://a:***@/d?host=/tmp']);
  });
});
