import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analysePage } from '../../../src/scanners/http/page.js';

const VOCABULARY = ['nhà cái', 'nổ hũ', 'tài xỉu', 'lô đề', 'bắn cá', 'đá gà', 'casino', 'slot gacor', 'bet88'];
const URL_HTTPS = 'https://portal.example.gov.vn/trang-chu';
const page = (body: string, head = '', url = URL_HTTPS) => analysePage(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, url, VOCABULARY);

describe('analysePage: title and generator', () => {
  it('reads the title on one line and the generator of a WordPress page', () => {
    const facts = page('<p>x</p>', '<title>\n  Cổng thông tin   điện tử\n</title><meta name="Generator" content="WordPress 6.4.3">');
    expect(facts.title).toBe('Cổng thông tin điện tử');
    expect(facts.generator).toBe('WordPress 6.4.3');
  });

  it('gives null for a missing or empty title and generator', () => {
    expect(page('<p>x</p>', '<title>  </title>')).toMatchObject({ title: null, generator: null });
  });
});

describe('analysePage: mixed content', () => {
  const body = `
    <script src="http://cdn.example.com/jquery.js"></script>
    <iframe src="http://maps.example.com/embed"></iframe>
    <object data="http://old.example.com/a.swf"></object>
    <embed src="http://old.example.com/b.swf">
    <img src="http://images.example.com/a.png"><img src="https://images.example.com/b.png"><img src="/local.png"><img src="//cdn.example.com/c.png">
    <video src="http://media.example.com/v.mp4" poster="http://media.example.com/p.jpg"><source src="http://media.example.com/v.webm"></video>
    <audio src="http://media.example.com/a.mp3"></audio>
    <form action="http://portal.example.gov.vn/login"></form><form action="/search"></form>`;

  it('counts active, passive and form content loaded over http on an https page', () => {
    const facts = page(body, '<link rel="Stylesheet preload" href="http://cdn.example.com/site.css"><link rel="icon" href="http://cdn.example.com/favicon.ico">');
    expect(facts.mixedContent).toEqual({
      activeCount: 5,
      passiveCount: 5,
      insecureFormCount: 1,
      examples: ['http://cdn.example.com/site.css', 'http://cdn.example.com/jquery.js', 'http://maps.example.com/embed', 'http://old.example.com/a.swf', 'http://old.example.com/b.swf'],
    });
  });

  it('resolves relative URLs against <base href>', () => {
    const facts = page('<script src="app.js"></script>', '<base href="http://static.example.gov.vn/js/">');
    expect(facts.mixedContent).toMatchObject({ activeCount: 1, examples: ['http://static.example.gov.vn/js/app.js'] });
  });

  it('reports nothing for a page served over plain http', () => {
    expect(page(body, '', 'http://portal.example.gov.vn/').mixedContent).toEqual({ activeCount: 0, passiveCount: 0, insecureFormCount: 0, examples: [] });
  });
});

describe('analysePage: hidden links', () => {
  it('finds outbound links hidden by each CSS and markup trick', () => {
    const tricks = [
      '<div style="display:none"><a href="https://nhacai1.example/">a</a></div>',
      '<div style="VISIBILITY: hidden !important"><a href="https://nhacai2.example/">b</a></div>',
      '<p style="font-size:0px"><a href="https://nhacai3.example/">c</a></p>',
      '<div style="position:absolute; left:-9999px; top:0"><a href="https://nhacai4.example/">d</a></div>',
      '<div style="height:0;overflow:hidden"><a href="https://nhacai5.example/">e</a></div>',
      '<div hidden><a href="https://nhacai6.example/">f</a></div>',
      '<div aria-hidden="true" style="display: none"><a href="https://nhacai7.example/">g</a></div>',
      '<a href="https://nhacai8.example/" style="display:none">h</a>',
      '<div style="text-indent:-5000px"><a href="https://nhacai9.example/">i</a></div>',
    ];
    const facts = page(tricks.join('\n'));
    expect(facts.hiddenLinks).toEqual(Array.from({ length: 9 }, (_, i) => `https://nhacai${i + 1}.example/`));
  });

  it('honours a hiding class from a style sheet in the body, but not rules in <head> or @media', () => {
    const facts = page(
      '<style>.m{display:none} @media print { .p { display:none } }</style><div class="m"><a href="https://spam.example/">x</a></div><nav class="p"><a href="https://chinhphu.vn/">y</a></nav><ul class="sub"><li><a href="https://mic.gov.vn/">z</a></li></ul>',
      '<style>.sub{display:none}</style>',
    );
    expect(facts.hiddenLinks).toEqual(['https://spam.example/']);
  });

  it('ignores visible outbound links, hidden links to the same site, and non-web links', () => {
    const facts = page(
      '<a href="https://chinhphu.vn/">visible</a><div style="display:none"><a href="/tin-tuc">internal</a><a href="https://www.portal.example.gov.vn/x">same site</a><a href="mailto:a@b.vn">mail</a><a href="javascript:void(0)">js</a><a href="http://[bad">bad</a></div>',
    );
    expect(facts.hiddenLinks).toEqual([]);
    expect(facts.externalDomains).toBe(1);
  });

  it('keeps at most 50 distinct hidden links', () => {
    const links = Array.from({ length: 80 }, (_, i) => `<a href="https://s${i}.example/">x</a><a href="https://s${i}.example/">dup</a>`).join('');
    expect(page(`<div style="display:none">${links}</div>`).hiddenLinks).toHaveLength(50);
  });
});

describe('analysePage: spam vocabulary', () => {
  it('matches terms with and without diacritics, in any case, in link texts', () => {
    const facts = page('<a href="https://a.example/">NỔ HŨ uy tín</a> <a href="https://b.example/">tai xiu online</a> <a href="/x">Nha Cai</a>');
    expect(facts.spamTerms).toEqual(['nhà cái', 'nổ hũ', 'tài xỉu']);
  });

  it('matches decomposed (NFD) Vietnamese text', () => {
    expect(page(`<a href="/">${'bắn cá'.normalize('NFD')}</a>`).spamTerms).toEqual(['bắn cá']);
  });

  it('does not fold two words that both carry diacritics: "lo để" is not "lô đề", "bán cá" is not "bắn cá"', () => {
    expect(page('<a href="/">Đừng lo để dành tiền</a><a href="/">Chợ bán cá</a>').spamTerms).toEqual([]);
  });

  it('matches whole words only', () => {
    expect(page('<a href="/">casinos and the slotgacor</a><a href="/">bet888</a>').spamTerms).toEqual([]);
  });

  it('reads the title and hidden blocks, but not visible body text outside links', () => {
    expect(page('<p>Tin tức: triệt phá đường dây đá gà</p>').spamTerms).toEqual([]);
    expect(page('<p>x</p>', '<title>Casino trực tuyến</title>').spamTerms).toEqual(['casino']);
    expect(page('<div style="display:none">Slot GACOR hôm nay, bet88</div>').spamTerms).toEqual(['slot gacor', 'bet88']);
  });

  it('does not let a term span two separate link texts', () => {
    expect(page('<a href="/">đá</a><a href="/">gà</a>').spamTerms).toEqual([]);
  });
});

describe('analysePage: external domains', () => {
  it('counts distinct registrable domains other than the page’s own', () => {
    const facts = page(
      '<a href="https://chinhphu.vn/">1</a><a href="https://www.chinhphu.vn/a">2</a><a href="https://mic.gov.vn/">3</a><a href="https://sub.mic.gov.vn/">4</a><a href="https://news.example.co.uk/">5</a><a href="https://x.portal.example.gov.vn/">own</a><a href="http://10.0.0.1/">ip</a>',
    );
    expect(facts.externalDomains).toBe(4);
  });
});

describe('analysePage: fingerprint', () => {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');

  it('is the sha256 of the visible text with whitespace collapsed and digit runs replaced', () => {
    const facts = page('<h1>Xin  chào</h1>\n<p>Hôm nay 24/11/2026,   12:30</p><script>var t = 1;</script><style>p{}</style>', '<title>Trang 1</title>');
    expect(facts.fingerprint).toBe(hash('Trang 0 Xin chào Hôm nay 0/0/0, 0:0'));
    expect(facts.textLength).toBe('Trang 0 Xin chào Hôm nay 0/0/0, 0:0'.length);
  });

  it('does not change with clocks, counters, scripts or hidden blocks, and changes when the text does', () => {
    const a = page('<p>Lượt truy cập: 123456</p><script>x=1</script>');
    const b = page('<p>Lượt truy cập: 9</p><script>y=2</script><div style="display:none">spam</div>');
    const c = page('<p>Hacked by someone</p>');
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});

describe('analysePage on hostile input', () => {
  it('reads HTML decoded from invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<title>T'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('</title><a href="https://x.example/">n\u1ed5 h\u0169</a>')]);
    const facts = analysePage(new TextDecoder().decode(bytes), URL_HTTPS, VOCABULARY);
    expect(facts.title).toBe('T\ufffd\ufffd\ufffd');
    expect(facts.spamTerms).toEqual(['nổ hũ']);
  });

  it('walks 100,000 nested elements quickly, flattening those past 512 as Chromium does', () => {
    const depth = 100_000;
    const html = `${'<div>'.repeat(depth)}<span style="display:none"><a href="https://deep.example/">nổ hũ</a></span>${'</div>'.repeat(depth)}`;
    const facts = page(html);
    // Past the cap the hiding <span> no longer contains the link, nor the link its text: so in a browser too.
    expect(facts.hiddenLinks).toEqual([]);
    expect(facts.externalDomains).toBe(1);
    expect(facts.spamTerms).toEqual([]);
    expect(facts.textLength).toBe('nổ hũ'.length);
  });

  it('still sees hiding within the nesting cap', () => {
    const html = `${'<div>'.repeat(400)}<span style="display:none"><a href="https://deep.example/">x</a></span>${'</div>'.repeat(400)}`;
    expect(page(html).hiddenLinks).toEqual(['https://deep.example/']);
  });

  it('accepts garbage, empty input and unclosed markup', () => {
    for (const html of ['', '<<<>>>', '<a href=', '<div style="display:none"><a href="https://x.example/">', '\u0000\u0001<svg><title>s</title></svg>']) {
      expect(() => analysePage(html, URL_HTTPS, VOCABULARY), JSON.stringify(html)).not.toThrow();
    }
    expect(analysePage('<div style="display:none"><a href="https://x.example/">', URL_HTTPS, VOCABULARY).hiddenLinks).toEqual(['https://x.example/']);
  });

  it('handles a 5 MB page and a hostile style sheet in reasonable time', () => {
    const text = '<p>' + 'chữ '.repeat(1_000_000) + '</p>';
    const css = `<style>${'/*'.repeat(100_000)}${'.a{'.repeat(50_000)}${'0'.repeat(100_000)}</style>`;
    const facts = page(text + css + '<div style="font-size:' + '0'.repeat(100_000) + 'x"><a href="https://x.example/">y</a></div>');
    expect(facts.textLength).toBeGreaterThan(4_000_000);
    expect(facts.hiddenLinks).toEqual([]);
  });
});
