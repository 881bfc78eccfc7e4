/**
 * Software-version matching benchmark: the public feeds (retire.js, CISA KEV, endoflife.date) and a
 * synthetic Debian OSV dump are imported through `rasoat feeds import`, then 10,000 product
 * fingerprints (JavaScript libraries, Debian builds of server software, CMSs) spread over 1,000
 * hosts are judged against them as `rasoat scan` judges them: knowledge read from the store, indexed,
 * software facts derived and every software rule evaluated. No network traffic at all.
 * There is no peer tool that matches banners and library files against these feeds offline, so
 * the figures are absolute: records/s for the import, fingerprints/s for the matching.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { HostCoverage } from '../src/core/model/coverage.js';
import type { Observation } from '../src/core/model/observation.js';
import { createJudge } from '../src/rules/evaluate.js';
import { builtinRulesDir, loadRules } from '../src/rules/load.js';
import { Store } from '../src/store/store.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'dist', 'src', 'bin.js');
const SHARED = process.env.RASOAT_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data');
const FINGERPRINTS = Number(process.env.BENCH_FINGERPRINTS ?? 10_000);
const PER_HOST = 10;

/** Debian advisories for packages banners really name, with fixes spread over their revisions. */
function debianAdvisories(): unknown[] {
  const packages: Array<[string, string]> = [['openssh', '1:9.2p1-2+deb12u'], ['nginx', '1.22.1-9+deb12u'], ['apache2', '2.4.62-1~deb12u'], ['php8.2', '8.2.29-1~deb12u'], ['redis', '5:7.0.15-1~deb12u'], ['exim4', '4.96-15+deb12u']];
  return packages.flatMap(([name, base], p) =>
    Array.from({ length: 400 }, (_, i) => ({
      id: `DSA-${9000 + p * 400 + i}-1`,
      modified: '2026-08-01T00:00:00Z',
      upstream: [`CVE-2025-${String(20000 + p * 400 + i)}`],
      affected: [{ package: { ecosystem: 'Debian:12', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `${base}${1 + (i % 12)}` }] }] }],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    })),
  );
}

async function releasesOf(product: string): Promise<string[]> {
  const file = join(SHARED, 'endoflife', 'release-data', `${product}.json`);
  const data = JSON.parse(await readFile(file, 'utf8')) as { versions: Record<string, unknown> };
  return Object.keys(data.versions).filter((v) => /^\d+(\.\d+)*$/.test(v));
}

function facts(versions: Record<string, string[]>): Observation[] {
  const builds: Array<() => Omit<Observation<'software.product'>['data'], 'port'>> = [];
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  const web = (product: string) => (i: number) => ({ site: 'https://portal', product, version: pick(versions[product]!, i), distro: null, source: 'content' as const, location: `https://portal/js/${product}-${i}.js`, evidence: '', confidence: 'high' as const });
  for (const product of ['jquery', 'bootstrap', 'angularjs', 'wordpress', 'drupal', 'php', 'nginx']) builds.push(web(product) as never);
  builds.push(((i: number) => ({ site: null, product: 'openssh', version: '9.2p1', distro: { name: 'debian', release: '12', packageVersion: `1:9.2p1-2+deb12u${1 + (i % 11)}` }, source: 'banner', location: 'tcp/22', evidence: '', confidence: 'high' })) as never);
  builds.push(((i: number) => ({ site: null, product: 'nginx', version: '1.22.1', distro: { name: 'debian', release: '12', packageVersion: `1.22.1-9+deb12u${1 + (i % 11)}` }, source: 'banner', location: 'tcp/80', evidence: '', confidence: 'high' })) as never);
  builds.push(((i: number) => ({ site: null, product: 'apache-http-server', version: pick(['2.4.49', '2.4.57', '2.4.62'], i), distro: { name: 'debian', release: null, packageVersion: null }, source: 'header', location: 'header:Server', evidence: '', confidence: 'medium' })) as never);
  return Array.from({ length: FINGERPRINTS }, (_, i) => {
    const data = { port: 443, ...(builds[i % builds.length] as unknown as (n: number) => Omit<Observation<'software.product'>['data'], 'port'>)(Math.floor(i / builds.length)) };
    return { kind: 'software.product', host: `10.${Math.floor(i / PER_HOST / 250)}.${Math.floor(i / PER_HOST) % 250}.1`, port: data.port, scanner: 'software', at: '2026-11-25T00:00:00Z', data } as Observation;
  });
}

async function main(): Promise<number> {
  if (!existsSync(SHARED)) {
    console.error(`bench:software needs the public feed samples in ${SHARED} (set RASOAT_SHARED_DATA)`);
    return 2;
  }
  const dir = await mkdtemp(join(tmpdir(), 'rasoat-bench-software-'));
  try {
    const db = join(dir, 'history.db');
    const osv = join(dir, 'debian-osv.json');
    await writeFile(osv, JSON.stringify(debianAdvisories()));
    const started = performance.now();
    const out = execFileSync(process.execPath, [BIN, 'feeds', 'import', join(SHARED, 'retirejs'), join(SHARED, 'cisa-kev', 'known_exploited_vulnerabilities.json'), join(SHARED, 'endoflife', 'products'), join(SHARED, 'endoflife', 'release-data'), osv, '--db', db], { encoding: 'utf8', env: { ...process.env, RASOAT_LANG: 'en' } });
    const importS = (performance.now() - started) / 1000;
    console.log(out.trim());
    console.log(`import (whole CLI process, all feeds): ${importS.toFixed(2)} s`);

    const versions: Record<string, string[]> = {};
    for (const product of ['jquery', 'bootstrap', 'angularjs', 'wordpress', 'drupal', 'php', 'nginx']) versions[product] = await releasesOf(product);
    const observations = facts(versions);
    const book = loadRules([builtinRulesDir()]);
    const rules = book.rules.filter((r) => r.reads.some((k) => k.startsWith('software.')));
    const store = await Store.open(db, { readonly: true });
    const loadStart = performance.now();
    const knowledge = await store.feeds.knowledge();
    const loadMs = performance.now() - loadStart;
    await store.close();

    const judgeStart = performance.now();
    const judge = createJudge(rules, () => Date.parse('2026-11-25T00:00:00Z'), { knowledge, builtin: book.software.advisories, products: book.software.products });
    const indexMs = performance.now() - judgeStart;
    const coverage: HostCoverage = { assessed: new Set(['software.product', 'software.vulnerable', 'software.lifecycle']), failed: new Map(), notApplicable: new Set() };
    const byHost = new Map<string, Observation[]>();
    for (const o of observations) byHost.set(o.host, [...(byHost.get(o.host) ?? []), o]);
    const matchStart = performance.now();
    let failures = 0;
    for (const [host, own] of byHost) failures += judge({ kind: 'host', host, explicit: true, urls: [], ports: [] } as never, own, coverage).filter((f) => f.outcome === 'fail').length;
    const matchMs = performance.now() - matchStart;
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    console.log(`knowledge: ${knowledge.advisories.length} advisories, ${knowledge.kev.length} KEV, ${knowledge.lifecycles.length} cycles; read from the store in ${loadMs.toFixed(0)} ms, indexed in ${indexMs.toFixed(0)} ms`);
    console.log(`matched ${observations.length} fingerprints on ${byHost.size} hosts against ${rules.length} software rules in ${matchMs.toFixed(0)} ms (${Math.round(observations.length / (matchMs / 1000))} fingerprints/s), ${failures} failures; peak RSS ${rssMb.toFixed(0)} MB`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
