import type { Advisory, KevEntry, Knowledge, LifecycleCycle } from '../../core/model/knowledge.js';
import type { ProductInfo } from '../../core/model/product.js';

/**
 * Version knowledge indexed for matching: advisories by (ecosystem, package), the ecosystems each
 * package has data in, KEV by CVE, cycles by product. Built once per audit, read for every product.
 */
export interface KnowledgeIndex {
  advisories(ecosystem: string, pkg: string): readonly Advisory[];
  /** Ecosystems that hold any advisory for this package ("Debian:11", "Debian:12" ...). */
  ecosystemsOf(pkg: string): readonly string[];
  kev(cve: string): KevEntry | undefined;
  cycles(product: string): readonly LifecycleCycle[];
  product(id: string): ProductInfo | undefined;
  /** Advisory data beyond rasoat's own was imported: a clean match then means something. */
  hasAdvisoryFeeds: boolean;
  hasLifecycleFeeds: boolean;
}

export function indexKnowledge(knowledge: Knowledge, builtin: readonly Advisory[], products: readonly ProductInfo[]): KnowledgeIndex {
  const byKey = new Map<string, Advisory[]>();
  const ecosystems = new Map<string, Set<string>>();
  for (const advisory of [...builtin, ...knowledge.advisories]) {
    const key = `${advisory.ecosystem}\0${advisory.package}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(advisory);
    let set = ecosystems.get(advisory.package);
    if (!set) ecosystems.set(advisory.package, (set = new Set()));
    set.add(advisory.ecosystem);
  }
  const kev = new Map(knowledge.kev.map((entry) => [entry.cve, entry]));
  const cycles = new Map<string, LifecycleCycle[]>();
  for (const cycle of knowledge.lifecycles) {
    let list = cycles.get(cycle.product);
    if (!list) cycles.set(cycle.product, (list = []));
    list.push(cycle);
  }
  const productById = new Map(products.map((p) => [p.id, p]));
  const ecosystemLists = new Map([...ecosystems].map(([pkg, set]) => [pkg, [...set].sort()]));
  return {
    advisories: (ecosystem, pkg) => byKey.get(`${ecosystem}\0${pkg}`) ?? [],
    ecosystemsOf: (pkg) => ecosystemLists.get(pkg) ?? [],
    kev: (cve) => kev.get(cve),
    cycles: (product) => cycles.get(product) ?? [],
    product: (id) => productById.get(id),
    hasAdvisoryFeeds: knowledge.feeds.some((f) => f.source === 'osv' || f.source === 'retirejs'),
    hasLifecycleFeeds: knowledge.feeds.some((f) => f.source === 'endoflife'),
  };
}

/** A distribution package name, its {major}/{minor} filled from the upstream version ("php{major}.{minor}" → "php8.2"). */
export function packageNameFor(template: string, upstreamVersion: string | null): string | null {
  if (!/\{(major|minor)\}/.test(template)) return template;
  const parts = /^(\d+)(?:\.(\d+))?/.exec(upstreamVersion ?? '');
  if (!parts) return null;
  if (template.includes('{minor}') && parts[2] === undefined) return null;
  return template.replace('{major}', parts[1]!).replace('{minor}', parts[2] ?? '');
}
