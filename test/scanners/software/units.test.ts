import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JsExtractor } from '../../../src/core/model/knowledge.js';
import { evidenceOf, productFacts, type Hit } from '../../../src/scanners/software/hits.js';
import { pageAssets } from '../../../src/scanners/software/page-assets.js';
import { compileExtractors, retireContentHits, retireUrlHits } from '../../../src/scanners/software/retire.js';

const hit = (over: Partial<Hit>): Hit => ({ product: 'wordpress', version: null, source: 'url', location: 'https://p.test/a.css', evidence: 'x', confidence: 'low', ...over });

describe('productFacts', () => {
  it('keeps one fact per product, version and location, the most confident one', () => {
    const facts = productFacts(
      [
        hit({ product: 'jquery', version: '3.4.1', source: 'content', location: 'https://p.test/a.js', confidence: 'high' }),
        hit({ product: 'jquery', version: '3.4.1', source: 'url', location: 'https://p.test/a.js', confidence: 'medium' }),
        hit({ product: 'jquery', version: '3.4.1', source: 'hash', location: 'https://p.test/a.js', confidence: 'high' }),
        hit({ product: 'jquery', version: '1.12.4', source: 'content', location: 'https://p.test/b.js', confidence: 'high' }),
      ],
      'https://p.test',
      443,
    );
    expect(facts.map((f) => `${f.product} ${f.version} ${f.source} ${f.location}`)).toEqual(['jquery 1.12.4 content https://p.test/b.js', 'jquery 3.4.1 content https://p.test/a.js']);
    expect(facts[0]).toMatchObject({ port: 443, site: 'https://p.test', distro: null });
  });

  it('names a product seen without a version once per kind of place, and not at all once a version is known', () => {
    const presence = [hit({ location: 'https://p.test/wp-content/a.css' }), hit({ location: 'https://p.test/wp-content/b.css' }), hit({ source: 'header', location: 'header:X-Pingback' })];
    expect(productFacts(presence, 'https://p.test', 443).map((f) => `${f.source} ${f.location}`)).toEqual(['header header:X-Pingback', 'url https://p.test/wp-content/a.css']);
    expect(productFacts([...presence, hit({ version: '6.1.1', source: 'meta', location: 'https://p.test/', confidence: 'medium' })], 'https://p.test', 443).map((f) => f.version)).toEqual(['6.1.1']);
  });

  it('caps evidence at 200 characters on one line', () => {
    expect(evidenceOf(`a\n\n b ${'c'.repeat(300)}`)).toHaveLength(200);
    expect(evidenceOf('a\n\n b')).toBe('a b');
  });
});

describe('pageAssets', () => {
  it('resolves scripts and style sheets against <base>, once each, http(s) only, and reads every meta tag', () => {
    const assets = pageAssets(
      `<html><head><base href="https://p.test/sub/"><meta name="Generator" content="Joomla! 3.4"><meta name="keywords" content="moodle, học">
       <script src="js/a.js"></script><script src="js/a.js"></script><script>var inline = 1;</script><script src="data:text/javascript,1"></script>
       <link rel="stylesheet" href="/css/site.css"><link rel="preload" as="script" href="/js/b.js"><link rel="icon" href="/favicon.ico"></head><body></body></html>`,
      'https://p.test/',
    );
    expect(assets.scripts).toEqual(['https://p.test/sub/js/a.js', 'https://p.test/js/b.js']);
    expect(assets.styles).toEqual(['https://p.test/css/site.css']);
    expect(assets.metas).toEqual([{ name: 'generator', content: 'Joomla! 3.4' }, { name: 'keywords', content: 'moodle, học' }]);
  });

  it('walks a page of 100,000 nested elements without overflowing the stack', () => {
    const deep = `${'<div>'.repeat(100_000)}<script src="/deep.js"></script>${'</div>'.repeat(100_000)}`;
    expect(pageAssets(deep, 'https://p.test/').scripts).toEqual(['https://p.test/deep.js']);
  });
});

describe('retire.js extractors', () => {
  const body = Buffer.from('/* plain build */ var Handlebars = { VERSION: "4.0.5" };');
  const extractors: JsExtractor[] = [
    { library: 'handlebars', filename: ['handlebars-v(§§version§§)(\\.min)?\\.js'], uri: ['/handlebars\\.js/(§§version§§)/handlebars'], filecontent: ['VERSION: "(§§version§§)"'], hashes: { [createHash('sha1').update(body).digest('hex')]: '4.0.5' } },
    { library: 'moment.js', filename: [], uri: [], filecontent: ['(unclosed'], hashes: {} },
  ];
  const compiled = compileExtractors(extractors);

  it('read versions from URLs and file names, §§version§§ standing for the version', () => {
    expect(retireUrlHits(compiled, 'https://cdnjs.test/ajax/libs/handlebars.js/4.0.5/handlebars.min.js')).toEqual([
      { product: 'handlebars', version: '4.0.5', source: 'url', location: 'https://cdnjs.test/ajax/libs/handlebars.js/4.0.5/handlebars.min.js', evidence: '/handlebars.js/4.0.5/handlebars', confidence: 'medium' },
    ]);
    expect(retireUrlHits(compiled, 'https://p.test/js/handlebars-v4.7.7.min.js?x=1').map((h) => h.version)).toEqual(['4.7.7']);
  });

  it('read versions from contents, and from the SHA-1 only of a file read whole', () => {
    const whole = retireContentHits(compiled, body, body.toString(), true, 'https://p.test/h.js');
    expect(whole.map((h) => `${h.product} ${h.version} ${h.source} ${h.confidence}`)).toEqual(['handlebars 4.0.5 hash high', 'handlebars 4.0.5 content high']);
    expect(retireContentHits(compiled, body, body.toString(), false, 'https://p.test/h.js').map((h) => h.source)).toEqual(['content']);
  });

  it('leave out an expression that does not compile and map library names to product ids', () => {
    expect(compiled[1]).toMatchObject({ product: 'moment', filecontent: [] });
  });
});
