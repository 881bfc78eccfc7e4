import type { Observation, ObservationData } from '../../core/model/observation.js';
import type { ProductInfo } from '../../core/model/product.js';
import { distroBuildOf } from '../../derive/versions/distro.js';

type Product = ObservationData['software.product'];

/** Finds catalogue products by the names services and nmap give them, and by CPE. */
export class ProductNames {
  private readonly byName = new Map<string, ProductInfo>();
  private readonly byCpe = new Map<string, ProductInfo>();

  constructor(products: readonly ProductInfo[]) {
    for (const product of products) {
      for (const name of [product.name, ...product.names]) this.byName.set(name.toLowerCase(), product);
      for (const pair of product.cpe) this.byCpe.set(pair.toLowerCase(), product);
    }
  }

  /** "OpenSSH", "Apache httpd", or a CPE ("cpe:/a:openbsd:openssh:9.2p1", "cpe:2.3:a:f5:nginx:..."). */
  find(name: string | null, cpes: readonly string[] = []): ProductInfo | undefined {
    const named = name ? this.byName.get(name.toLowerCase()) : undefined;
    if (named) return named;
    for (const cpe of cpes) {
      const parts = cpe.toLowerCase().replace(/^cpe:2\.3:/, 'cpe:/').split(':');
      const found = parts[0] === 'cpe' && parts[1] === '/a' ? this.byCpe.get(`${parts[2]}:${parts[3]}`) : undefined;
      if (found) return found;
    }
    return undefined;
  }
}

/**
 * Products named by the services scanner's identities (banners, nmap -sV), in the catalogue's
 * words, with the distribution build the banner reveals: the fact version rules are judged on.
 */
export function productsOfServices(identities: ReadonlyArray<Observation<'service.identity'>>, names: ProductNames): Product[] {
  const products: Product[] = [];
  for (const { data } of identities) {
    const info = names.find(data.product, data.cpe) ?? names.find(data.nmapProduct, data.cpe);
    if (!info) continue;
    const version = cleanVersion(data.version ?? data.nmapVersion);
    const epochs = { debianEpoch: info.packages.debian?.epoch ?? info.packages.ubuntu?.epoch ?? 0 };
    const distro = distroBuildOf({ version: data.version, comment: data.extraInfo, ...epochs }) ?? distroBuildOf({ version: data.nmapVersion, comment: data.extraInfo, ...epochs });
    products.push({
      port: data.port,
      site: null,
      product: info.id,
      version,
      distro,
      source: data.source === 'nmap' ? 'nmap' : 'banner',
      location: `tcp/${data.port}`,
      evidence: (data.banner ?? [data.nmapProduct, data.nmapVersion, data.extraInfo].filter(Boolean).join(' ')).slice(0, 200),
      confidence: version ? data.confidence : 'low',
    });
  }
  return products;
}

/** The upstream version alone: nmap writes "9.2p1 Debian 2+deb12u3", packages "1.22.1-9+deb12u1". */
function cleanVersion(version: string | null): string | null {
  const first = version?.trim().split(/\s+/)[0];
  if (!first) return null;
  return first.replace(/-[^-]*(deb\d|ubuntu|el\d|fc\d|amzn)[^-]*$/i, '') || null;
}
