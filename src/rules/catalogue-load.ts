import type { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Advisory, VersionInterval } from '../core/model/knowledge.js';
import { schemeOfEcosystem } from '../derive/versions/compare.js';
import { severityOfScore } from '../feeds/severity.js';
import type { ProductInfo } from '../core/model/product.js';
import type { YamlPath } from '../core/yaml.js';
import { advisoryFileSchema, productFileSchema } from './catalogue-schema.js';
import { readLocated, zodProblem, type RuleProblem } from './located.js';

export interface SoftwareCatalogue {
  products: ProductInfo[];
  /** rasoat's own vulnerable-version data (source "builtin"), judged like an imported feed. */
  advisories: Advisory[];
}

/**
 * Reads `software/products*.yaml` and `software/advisories*.yaml` of a rules directory. Products of
 * later directories add to earlier ones; an advisory must name a product of the catalogue.
 */
export function readSoftwareCatalogue(dir: string, into: SoftwareCatalogue, problems: RuleProblem[], hash: ReturnType<typeof createHash>, files: string[]): void {
  const folder = join(dir, 'software');
  if (!existsSync(folder)) return;
  const names = readdirSync(folder).sort();
  for (const name of names.filter((n) => /^products[^/]*\.ya?ml$/.test(n))) {
    const file = join(folder, name);
    files.push(file);
    const located = readLocated(file, problems, hash);
    if (!located) continue;
    const parsed = productFileSchema.safeParse(located.value);
    if (!parsed.success) {
      problems.push(zodProblem(file, located, [], parsed.error.issues[0]));
      continue;
    }
    parsed.data.products.forEach((product, index) => {
      if (into.products.some((p) => p.id === product.id)) problems.push({ file, line: located.lineOf(['products', index]), message: `duplicate product id ${product.id}` });
      else into.products.push(product as ProductInfo);
    });
  }
  for (const name of names.filter((n) => /^advisories[^/]*\.ya?ml$/.test(n))) {
    const file = join(folder, name);
    files.push(file);
    const located = readLocated(file, problems, hash);
    if (!located) continue;
    const parsed = advisoryFileSchema.safeParse(located.value);
    if (!parsed.success) {
      problems.push(zodProblem(file, located, [], parsed.error.issues[0]));
      continue;
    }
    parsed.data.advisories.forEach((entry, index) => {
      const at: YamlPath = ['advisories', index];
      const product = into.products.find((p) => p.id === entry.product);
      if (!product) {
        problems.push({ file, line: located.lineOf(at), message: `${entry.id}: product ${entry.product} is not in the product catalogue` });
        return;
      }
      for (const affected of entry.affected) {
        const upstream = affected.ecosystem === 'upstream';
        const pkg = affected.package ?? (upstream ? (product.packages.upstream ?? product.id) : distroPackageName(product, affected.ecosystem));
        if (!pkg) {
          problems.push({ file, line: located.lineOf([...at, 'affected']), message: `${entry.id}: name the package for ${affected.ecosystem}` });
          continue;
        }
        const scheme = affected.scheme ?? (upstream ? product.scheme : schemeOfEcosystem(affected.ecosystem));
        into.advisories.push({
          id: entry.id,
          source: 'builtin',
          ecosystem: affected.ecosystem,
          package: pkg,
          ranges: affected.ranges.length > 0 ? [{ scheme, intervals: affected.ranges.map(intervalOf) }] : [],
          versions: affected.versions,
          cves: entry.cves,
          aliases: [],
          cvss: entry.cvss,
          severity: severityOfScore(entry.cvss),
          summary: entry.summary,
          references: entry.references,
        });
      }
    });
  }
}

function intervalOf(range: { from?: string | undefined; after?: string | undefined; below?: string | undefined; through?: string | undefined }): VersionInterval {
  const interval: VersionInterval = { fromInclusive: range.after === undefined, toInclusive: range.through !== undefined };
  const from = range.from ?? range.after;
  const to = range.below ?? range.through;
  if (from !== undefined) interval.from = from;
  if (to !== undefined) interval.to = to;
  return interval;
}

function distroPackageName(product: ProductInfo, ecosystem: string): string | undefined {
  if (ecosystem.startsWith('Debian')) return product.packages.debian?.name;
  if (ecosystem.startsWith('Ubuntu')) return product.packages.ubuntu?.name;
  if (ecosystem === 'npm') return product.packages.npm;
  return product.packages.rpm;
}
