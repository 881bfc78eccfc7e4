import type { ObservationData } from '../../core/model/observation.js';
import type { ProductInfo } from '../../core/model/product.js';
import { distroBuildOf } from '../../derive/versions/distro.js';

type Product = ObservationData['software.product'];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A web product seen in a header or an error page, with the distribution build its words reveal:
 * "Apache/2.4.62 (Debian)" is a Debian build (fixes backported, no package revision), and
 * "PHP/7.4.33-1+deb11u5" carries its Debian package version.
 */
export function withDistroBuild(fact: Product, products: ReadonlyMap<string, ProductInfo>): Product {
  if (fact.distro || !fact.version || !(fact.source === 'header' || fact.location.startsWith('error-page:'))) return fact;
  const token = new RegExp(`${escape(fact.version)}\\S*`).exec(fact.evidence)?.[0] ?? fact.version;
  const info = products.get(fact.product);
  const distro = distroBuildOf({ version: token, comment: fact.evidence, debianEpoch: info?.packages.debian?.epoch ?? info?.packages.ubuntu?.epoch ?? 0 });
  return distro ? { ...fact, distro } : fact;
}
