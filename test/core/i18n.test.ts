import { describe, expect, it } from 'vitest';
import { en, type MessageId } from '../../src/i18n/en.js';
import { detectLang, interpolate, t } from '../../src/i18n/t.js';
import { vi } from '../../src/i18n/vi.js';

const PLACEHOLDER = /\{([a-zA-Z0-9_.]+)\}/g;

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

const enIds = Object.keys(en).sort();
const viIds = Object.keys(vi).sort();

describe('catalogues', () => {
  it('have entries', () => {
    expect(enIds.length).toBeGreaterThan(20);
  });

  it('every en id exists in vi', () => {
    expect(enIds.filter((id) => !(id in vi))).toEqual([]);
  });

  it('every vi id exists in en', () => {
    expect(viIds.filter((id) => !(id in en))).toEqual([]);
  });

  it('no message is empty', () => {
    const empty = [
      ...Object.entries(en).filter(([, text]) => text.trim() === '').map(([id]) => `en:${id}`),
      ...Object.entries(vi).filter(([, text]) => text.trim() === '').map(([id]) => `vi:${id}`),
    ];
    expect(empty).toEqual([]);
  });

  it('both languages use the same placeholders for each id', () => {
    const mismatched = enIds
      .filter((id) => id in vi)
      .filter((id) => placeholders(en[id as MessageId]).join() !== placeholders(vi[id as MessageId]).join())
      .map((id) => `${id}: en {${placeholders(en[id as MessageId]).join(',')}} vi {${placeholders(vi[id as MessageId]).join(',')}}`);
    expect(mismatched).toEqual([]);
  });

  it('ids are dotted lower-case words', () => {
    expect(enIds.filter((id) => !/^[a-z][a-zA-Z0-9-]*(\.[a-zA-Z0-9-]+)+$/.test(id))).toEqual([]);
  });
});

describe('t', () => {
  it('fills placeholders in the chosen language', () => {
    expect(t('en', 'scope.port', { port: 25, host: '10.0.0.1' })).toBe('port 25 of 10.0.0.1 is excluded from this audit (--exclude-ports)');
    const vietnamese = t('vi', 'scope.port', { port: 25, host: '10.0.0.1' });
    expect(vietnamese).toBe(interpolate(vi['scope.port'], { port: 25, host: '10.0.0.1' }));
    expect(vietnamese).toContain('25');
    expect(vietnamese).toContain('10.0.0.1');
    expect(vietnamese).not.toBe(t('en', 'scope.port', { port: 25, host: '10.0.0.1' }));
  });

  it('leaves unknown placeholders visible', () => {
    expect(t('en', 'scope.port', { port: 25 })).toBe('port 25 of {host} is excluded from this audit (--exclude-ports)');
  });

  it('gives the template as is without parameters', () => {
    expect(t('en', 'file.invalid')).toBe('{detail}');
  });
});

describe('interpolate', () => {
  it('replaces every occurrence and stringifies values', () => {
    expect(interpolate('{a}+{a}={b}', { a: 1, b: 2 })).toBe('1+1=2');
    expect(interpolate('{x.y} {z_1}', { 'x.y': 'dot', z_1: 0 })).toBe('dot 0');
  });

  it('keeps placeholders whose value is missing, null or undefined', () => {
    expect(interpolate('{a} {b} {c}', { b: null, c: undefined })).toBe('{a} {b} {c}');
  });

  it('does not touch braces that are not placeholders', () => {
    expect(interpolate('{ a } {} {a-b}', { a: 1 })).toBe('{ a } {} {a-b}');
  });
});

describe('detectLang', () => {
  it('an explicit choice wins', () => {
    expect(detectLang('vi', {})).toBe('vi');
    expect(detectLang('en', { RASOAT_LANG: 'vi', LANG: 'vi_VN.UTF-8' })).toBe('en');
    expect(detectLang('VI', {})).toBe('vi');
  });

  it('then RASOAT_LANG', () => {
    expect(detectLang(undefined, { RASOAT_LANG: 'vi' })).toBe('vi');
    expect(detectLang(undefined, { RASOAT_LANG: 'en', LANG: 'vi_VN.UTF-8' })).toBe('en');
  });

  it('then a Vietnamese system locale', () => {
    expect(detectLang(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(detectLang(undefined, { LC_ALL: 'vi_VN' })).toBe('vi');
    expect(detectLang(undefined, { LC_MESSAGES: 'vi-VN' })).toBe('vi');
  });

  it('follows POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(detectLang(undefined, { LC_ALL: 'vi_VN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('vi');
    expect(detectLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'vi_VN.UTF-8' })).toBe('en');
    expect(detectLang(undefined, { LC_MESSAGES: 'C', LANG: 'vi_VN.UTF-8' })).toBe('en');
  });

  it('English otherwise', () => {
    expect(detectLang(undefined, {})).toBe('en');
    expect(detectLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(detectLang(undefined, { LANG: 'C' })).toBe('en');
    expect(detectLang(undefined, { LANG: 'video' })).toBe('en');
    expect(detectLang('', { LANG: '' })).toBe('en');
  });
});
