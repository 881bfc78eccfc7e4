import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { limitNesting } from '../../../src/scanners/http/nesting.js';

/** The depth of the deepest element cheerio builds from the text. */
function depthOf(html: string): number {
  let deepest = 0;
  const stack: Array<[{ children?: unknown[] }, number]> = [[load(html).root()[0] as { children?: unknown[] }, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    deepest = Math.max(deepest, depth);
    for (const child of node.children ?? []) stack.push([child as { children?: unknown[] }, depth + 1]);
  }
  return deepest;
}

describe('limitNesting', () => {
  it('returns a page within the cap unchanged, the same string', () => {
    const html = `<!doctype html><html><head><title>t</title></head><body>${'<div>'.repeat(100)}x${'</div>'.repeat(100)}</body></html>`;
    expect(limitNesting(html, 512)).toBe(html);
  });

  it('closes elements beyond the cap at once and drops their end tags, keeping every element and text', () => {
    expect(limitNesting('<div><div><span class="x">a<b>b</b></span></div></div>', 2)).toBe('<div><div><span class="x"></span>a<b></b>b</div></div>');
    const deep = `${'<div>'.repeat(2000)}<a href="https://x.example/">x</a>${'</div>'.repeat(2000)}<p>after</p>`;
    const limited = limitNesting(deep, 512);
    expect(depthOf(limited)).toBeLessThanOrEqual(513);
    const $ = load(limited);
    expect($('a').attr('href')).toBe('https://x.example/');
    expect($('div')).toHaveLength(2000);
    expect(($('p')[0]?.parent as { type?: string } | null)?.type).toBe('root');
  });

  it('is not fooled by stray end tags, self-closing syntax in HTML, or void and auto-closing elements', () => {
    const alternating = `${'<div>'.repeat(400)}${'</span>'.repeat(400)}`.repeat(5);
    expect(depthOf(limitNesting(alternating, 512))).toBeLessThanOrEqual(513);
    expect(depthOf(limitNesting('<div/>'.repeat(2000), 512))).toBeLessThanOrEqual(513);
    const list = `<ul>${'<li>item<br><img src=a.png>'.repeat(2000)}</ul>`;
    expect(limitNesting(list, 10)).toBe(list);
  });

  it('lets "<x/>" close itself inside SVG', () => {
    const svg = `<svg>${'<path d="M0 0"/>'.repeat(2000)}</svg><div>after</div>`;
    expect(limitNesting(svg, 512)).toBe(svg);
  });

  it('skips comments, raw text and ">" inside quoted attribute values', () => {
    const html = `<!-- ${'<div>'.repeat(50)} --><script>var s = "${'<div>'.repeat(50)}";</script><title>${'<b>'.repeat(50)}</title><div title="a > b" data-x='<div>'>x</div>`;
    expect(limitNesting(html, 3)).toBe(html);
  });

  it('runs in linear time on hostile input', () => {
    for (const html of ['<div>'.repeat(400_000), `<a b="${'<div>'.repeat(100_000)}`, '<'.repeat(2_000_000), `${'<script>'.repeat(100_000)}`, '<!--'.repeat(500_000)]) {
      limitNesting(html);
    }
  });
});
