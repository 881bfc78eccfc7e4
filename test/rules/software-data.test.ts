import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { builtinRulesDir, loadRules, readRuleBook } from '../../src/rules/load.js';

// The ids of the product catalogue the integrator writes (endoflife.date ids where they exist).
const CATALOGUE = new Set(
  'nginx apache-http-server iis tomcat php aspnet aspnet-mvc openssl wordpress joomla drupal dotnetnuke liferay sharepoint moodle jquery jquery-ui jquery-migrate bootstrap angularjs angular vue react moment lodash ckeditor tinymce'.split(' '),
);

/** A rules directory with only a software/ folder holding these files. */
function softwareDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rasoat-software-'));
  mkdirSync(join(dir, 'software'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'software', name), text);
  return dir;
}

describe('software fingerprints in the rule book', () => {
  const book = loadRules([builtinRulesDir()]);

  it('loads the built-in fingerprints, every one naming a catalogue product', () => {
    expect(book.problems).toEqual([]);
    expect(book.softwareFingerprints.length).toBeGreaterThan(80);
    expect(book.softwareFingerprints.filter((f) => !CATALOGUE.has(f.product)).map((f) => f.product)).toEqual([]);
    expect(new Set(book.softwareFingerprints.map((f) => f.product))).toEqual(CATALOGUE);
    expect(book.files.some((f) => f.endsWith(join('software', 'fingerprints.yaml')))).toBe(true);
  });

  it('looks in every place, with defaults filled in for well-known paths', () => {
    expect(new Set(book.softwareFingerprints.map((f) => f.in))).toEqual(new Set(['header', 'cookie', 'meta', 'html', 'url', 'content', 'path', 'error-page']));
    const joomla = book.softwareFingerprints.find((f) => f.path === '/administrator/manifests/files/joomla.xml');
    expect(joomla).toMatchObject({ product: 'joomla', status: [200], notHtml: true });
  });

  it('reads fingerprints*.yaml in software/ as fingerprints and nothing else, and a user file changes the version', () => {
    const dir = softwareDir({
      'fingerprints-local.yaml': 'fingerprints:\n  - { product: nginx, in: header, name: Server, match: "^tengine" }\n',
      'notes.yaml': 'products: { not: a fingerprint file }\n',
    });
    const both = loadRules([builtinRulesDir(), dir]);
    expect(both.softwareFingerprints.length).toBe(book.softwareFingerprints.length + 1);
    expect(both.files.filter((f) => f.startsWith(dir))).toEqual([join(dir, 'software', 'fingerprints-local.yaml')]);
    expect(both.version).not.toBe(book.version);
  });
});

describe('software fingerprint problems come with file and line', () => {
  it.each([
    ['a regex that does not compile', 'fingerprints:\n  - product: php\n    in: header\n    name: X-Powered-By\n    match: "PHP/(?<version>\\\\d+"\n', 5, /php: bad regex/],
    ['an unknown place', 'fingerprints:\n  - { product: php, in: header, name: Server, match: x }\n  - { product: php, in: footer, match: x }\n', 3, /in: where the fingerprint looks/],
    ['a path probe without its path', 'fingerprints:\n  - product: drupal\n    in: path\n    match: Drupal\n', 2, /path/],
    ['an unknown field', 'fingerprints:\n  - product: drupal\n    in: url\n    match: drupal\n    confidence: high\n    colour: blue\n', 6, /colour/],
    ['a product id that is not a catalogue key', 'fingerprints:\n  - { product: WordPress, in: url, match: wp }\n', 2, /product ids are lower-case/],
    ['no list', 'fingerprint: []\n', 1, /fingerprint/],
  ])('%s', (_name, text, line, message) => {
    const dir = softwareDir({ 'fingerprints.yaml': text });
    const book = readRuleBook([dir]);
    expect(book.problems).toHaveLength(1);
    expect(book.problems[0]).toMatchObject({ file: join(dir, 'software', 'fingerprints.yaml'), line });
    expect(book.problems[0]?.message).toMatch(message);
    expect(() => loadRules([dir])).toThrow(InputError);
  });
});
