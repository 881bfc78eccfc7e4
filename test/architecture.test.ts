import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The design's one-way rules (DESIGN.md, conventions 2, 8, 10, 13), checked on every run.
const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = files(src).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Files under `from` that import a module whose path contains one of `forbidden` (after ../). */
function offenders(from: string, forbidden: RegExp): string[] {
  return sources.filter((f) => f.path.startsWith(from) && importsOf(f.text).some((spec) => forbidden.test(spec))).map((f) => f.path);
}

describe('architecture', () => {
  it('only src/core/net opens sockets: nobody else imports node:net, tls, http(s), dgram or dns', () => {
    const network = /^(node:)?(net|tls|http|https|http2|dgram|dns|dns\/promises)$/;
    expect(sources.filter((f) => !f.path.startsWith('src/core/net/') && importsOf(f.text).some((s) => network.test(s))).map((f) => f.path)).toEqual([]);
  });

  it('core never imports scanners, store, reports, tui, rules or cli (they are injected)', () => {
    expect(offenders('src/core/', /^(\.\.\/)+(scanners|store|reports|tui|rules|cli)\//)).toEqual([]);
  });

  it('scanners only observe: no store, reports, tui, cli or rules', () => {
    expect(offenders('src/scanners/', /^(\.\.\/)+(store|reports|tui|cli|rules)\//)).toEqual([]);
  });

  it('reports are pure: no store, scanners, network, tui or cli', () => {
    expect(offenders('src/reports/', /^(\.\.\/)+(store|scanners|tui|cli)\/|core\/net\//)).toEqual([]);
  });

  it('rules judge without I/O: no store, scanners, network or cli', () => {
    expect(offenders('src/rules/', /^(\.\.\/)+(store|scanners|tui|cli|reports)\/|core\/net\//)).toEqual([]);
  });

  it('feeds only parse files: they import core and the pure version facts of derive, nothing else of rasoat', () => {
    expect(offenders('src/feeds/', /^(\.\.\/)+(store|scanners|tui|cli|reports|rules)\/|core\/net\//)).toEqual([]);
  });

  it('distributed audits: cluster code never imports the cli, tui or reports, and the agent side holds no history', () => {
    expect(offenders('src/cluster/', /^(\.\.\/)+(cli|tui|reports)\//)).toEqual([]);
    const agentSide = ['src/cluster/agent.ts', 'src/cluster/agent-scope.ts', 'src/cluster/run-chunk.ts', 'src/cluster/names.ts', 'src/cluster/connection.ts'];
    expect(sources.filter((f) => agentSide.includes(f.path) && importsOf(f.text).some((s) => /(^|\/)store\//.test(s) || s.includes('coordinator'))).map((f) => f.path)).toEqual([]);
  });

  it('the TUI reads through injected data: no store, scanners, network, rules or cli', () => {
    expect(offenders('src/tui/', /^(\.\.\/)+(store|scanners|cli|rules)\/|core\/net\//)).toEqual([]);
  });

  it('TUI view-models are plain TypeScript: no Ink, no React', () => {
    expect(offenders('src/tui/model/', /^(ink|react)(\/|$)/)).toEqual([]);
  });

  it('derive holds pure facts: it imports only derive, core/model and npm packages, no node built-ins', () => {
    const allowed = (from: string, spec: string): boolean =>
      !spec.startsWith('node:') && (!spec.startsWith('.') || /^src\/(derive|core\/model)\//.test(join(dirname(from), spec)));
    expect(sources.filter((f) => f.path.startsWith('src/derive/') && !importsOf(f.text).every((spec) => allowed(f.path, spec))).map((f) => f.path)).toEqual([]);
  });

  it('nothing but the entry points imports the cli', () => {
    expect(sources.filter((f) => !f.path.startsWith('src/cli/') && f.path !== 'src/bin.ts' && importsOf(f.text).some((s) => /(^|\/)cli\//.test(s))).map((f) => f.path)).toEqual([]);
  });

  it('only src/store holds SQL', () => {
    const sql = /\b(SELECT\s+[\w*,\s]+\s+FROM|INSERT\s+INTO|CREATE\s+TABLE|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b/i;
    expect(sources.filter((f) => !f.path.startsWith('src/store/') && sql.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('keeps source files small (300 lines at most)', () => {
    expect(sources.filter((f) => f.text.split('\n').length > 300).map((f) => `${f.path}: ${f.text.split('\n').length}`)).toEqual([]);
  });
});
