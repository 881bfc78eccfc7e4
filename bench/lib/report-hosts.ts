import type { StoredTarget } from '../../src/store/store.js';
import { assertSafeTarget } from './safety.js';

/**
 * The synthetic province of the report benchmark: agencies with their units and protection levels,
 * and hosts of a few realistic kinds (web portals, Windows servers, mail, databases, network gear,
 * printers, legacy boxes, container hosts), each with the ports such a machine has open and the
 * TLS configuration of each TLS port. Everything comes from a seeded PRNG: the same seed gives the
 * same audit. Addresses are loopback (127.64.0.0/14) but nothing is ever sent to them.
 */

export type Random = () => number;

/** mulberry32: small, fast and good enough to pick from lists. */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for one host and purpose, so hosts can be re-rolled independently of each other. */
export function hostSeed(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  let left = random() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) if ((left -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

interface Agency {
  agency: string;
  slug: string;
  units: string[];
  level: number;
  owner: string;
  weight: number;
}

const AGENCIES: Agency[] = [
  { agency: 'Văn phòng UBND tỉnh', slug: 'vpubnd', units: ['Trung tâm Phục vụ hành chính công', 'Cổng thông tin điện tử'], level: 4, owner: 'Nguyễn Văn An', weight: 8 },
  { agency: 'Sở Thông tin và Truyền thông', slug: 'stttt', units: ['Trung tâm Công nghệ thông tin và Truyền thông', 'Phòng Bưu chính, Viễn thông'], level: 4, owner: 'Trần Thị Bình', weight: 10 },
  { agency: 'Sở Tài chính', slug: 'stc', units: ['Phòng Công nghệ thông tin', 'Văn phòng Sở'], level: 3, owner: 'Lê Minh Châu', weight: 7 },
  { agency: 'Sở Y tế', slug: 'syt', units: ['Phòng Kế hoạch - Tài chính', 'Trung tâm Kiểm soát bệnh tật'], level: 3, owner: 'Phạm Quốc Dũng', weight: 8 },
  { agency: 'Sở Giáo dục và Đào tạo', slug: 'sgddt', units: ['Văn phòng Sở', 'Phòng Giáo dục Trung học'], level: 2, owner: 'Hoàng Thu Hà', weight: 9 },
  { agency: 'Sở Tài nguyên và Môi trường', slug: 'stnmt', units: ['Văn phòng Đăng ký đất đai'], level: 3, owner: 'Vũ Đức Huy', weight: 6 },
  { agency: 'Sở Kế hoạch và Đầu tư', slug: 'skhdt', units: ['Phòng Đăng ký kinh doanh'], level: 3, owner: 'Đặng Thị Lan', weight: 4 },
  { agency: 'Công an tỉnh', slug: 'ca', units: ['Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao'], level: 4, owner: 'Bùi Văn Long', weight: 6 },
  { agency: 'Bệnh viện Đa khoa tỉnh', slug: 'bvdk', units: ['Phòng Công nghệ thông tin'], level: 3, owner: 'Đỗ Thị Mai', weight: 6 },
  { agency: 'UBND huyện Thạch Thất', slug: 'thachthat', units: ['Văn phòng HĐND-UBND'], level: 2, owner: 'Ngô Văn Nam', weight: 7 },
  { agency: 'UBND huyện Quốc Oai', slug: 'quocoai', units: ['Văn phòng HĐND-UBND', 'Phòng Văn hóa và Thông tin'], level: 2, owner: 'Dương Thị Oanh', weight: 7 },
  { agency: 'UBND thị xã Sơn Tây', slug: 'sontay', units: ['Văn phòng HĐND-UBND'], level: 2, owner: 'Lý Văn Phúc', weight: 6 },
  { agency: 'Thư viện tỉnh', slug: 'thuvien', units: ['Phòng Tin học'], level: 1, owner: 'Mai Thị Quỳnh', weight: 3 },
];

/** TLS configurations as they are met in practice, from clean to neglected. */
export type TlsProfile = 'modern' | 'intermediate' | 'appliance' | 'legacy' | 'broken';
const TLS_PROFILES: Array<{ profile: TlsProfile; weight: number }> = [
  { profile: 'modern', weight: 56 },
  { profile: 'intermediate', weight: 25 },
  { profile: 'appliance', weight: 11 },
  { profile: 'legacy', weight: 6.5 },
  { profile: 'broken', weight: 1.5 },
];

interface Role {
  name: string;
  weight: number;
  /** Whether hosts of this kind are usually reached by a DNS name. */
  named: number;
  ports: Array<[port: number, probability: number]>;
}

const ROLES: Role[] = [
  { name: 'portal', weight: 26, named: 0.35, ports: [[80, 0.95], [443, 0.92], [22, 0.6], [8080, 0.2], [8443, 0.18], [3306, 0.12], [21, 0.08], [8009, 0.05]] },
  { name: 'app', weight: 13, named: 0.1, ports: [[22, 0.85], [8080, 0.6], [8443, 0.35], [8009, 0.2], [5432, 0.25], [6379, 0.15], [9200, 0.08], [443, 0.3]] },
  { name: 'windows', weight: 18, named: 0.05, ports: [[135, 0.9], [139, 0.8], [445, 0.9], [3389, 0.7], [5985, 0.3], [5986, 0.1], [80, 0.3], [443, 0.3], [1433, 0.15]] },
  { name: 'mail', weight: 4, named: 0.8, ports: [[25, 0.95], [587, 0.8], [465, 0.6], [993, 0.9], [995, 0.6], [143, 0.6], [110, 0.4], [443, 0.7], [80, 0.5]] },
  { name: 'database', weight: 8, named: 0.05, ports: [[22, 0.9], [3306, 0.5], [5432, 0.4], [1521, 0.2], [27017, 0.15], [6379, 0.2], [9042, 0.05]] },
  { name: 'network', weight: 13, named: 0, ports: [[22, 0.8], [23, 0.4], [80, 0.6], [443, 0.65], [4786, 0.1], [8443, 0.2], [623, 0.1]] },
  { name: 'printer', weight: 7, named: 0, ports: [[80, 0.9], [443, 0.5], [515, 0.6], [631, 0.7], [9100, 0.9], [21, 0.3], [23, 0.2]] },
  { name: 'legacy', weight: 6, named: 0.05, ports: [[21, 0.8], [23, 0.7], [111, 0.5], [513, 0.3], [514, 0.3], [2049, 0.4], [5900, 0.5], [6000, 0.2], [80, 0.6], [443, 0.45]] },
  { name: 'container', weight: 5, named: 0.2, ports: [[22, 0.9], [2375, 0.3], [2376, 0.5], [6443, 0.6], [10250, 0.6], [443, 0.5], [5000, 0.3]] },
];

export interface HostPlan {
  index: number;
  /** Seeds what the scanners saw on it (TLS details per port). */
  seed: number;
  target: StoredTarget;
  role: string;
  /** Open TCP ports, ascending. */
  open: number[];
  /** TLS configuration of each TLS port (decided for every candidate port; used for those that speak TLS). */
  tls: Map<number, TlsProfile>;
  /** The TLS scanner ran out of time on this host: its TLS rules end in `error`. */
  tlsTimeout: boolean;
}

/** 127.64.0.1 .. : 250 hosts per /24, starting at 127.64.0.0. */
export function hostAddress(index: number): string {
  const address = `127.${64 + Math.floor(index / 62_500)}.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`;
  assertSafeTarget(address);
  return address;
}

/** One host of the province: who owns it, what kind of machine it is, what it has open. */
export function planHost(seed: number, index: number, salt = 0): HostPlan {
  const own = hostSeed(seed, index, salt);
  const random = prng(own);
  // The owner and name never change between audits: only what runs on the host does.
  const stable = prng(hostSeed(seed, index, 1000));
  const agency = weighted(stable, AGENCIES);
  const unit = pick(stable, agency.units);
  const role = weighted(stable, ROLES);
  const address = hostAddress(index);
  const named = stable() < role.named;
  const host = named ? `${role.name}-${index + 1}.${agency.slug}.example.gov.vn` : address;

  const open = new Set<number>();
  for (const [port, probability] of role.ports) if (random() < probability) open.add(port);
  if (open.size === 0) open.add(role.ports[0]![0]);
  // Now and then something nobody asked for (a forgotten admin tool, a debug port).
  if (random() < 0.12) open.add(pick(random, [8000, 8081, 8888, 9000, 9090, 10000, 3000, 5601, 7001]));

  const tls = new Map<number, TlsProfile>();
  const baseline = weighted(random, TLS_PROFILES).profile;
  for (const port of [...open].sort((a, b) => a - b)) tls.set(port, random() < 0.7 ? baseline : weighted(random, TLS_PROFILES).profile);

  const target: StoredTarget = {
    host,
    kind: named ? 'name' : 'ip',
    address,
    urls: named && open.has(443) ? [`https://${host}/`] : [],
    ports: [],
    explicit: true,
    up: true,
    group: { agency: agency.agency, unit, owner: `${agency.owner} <cntt@${agency.slug}.example.gov.vn>`, tags: [role.name], level: agency.level },
  };
  return { index, seed: own, target, role: role.name, open: [...open].sort((a, b) => a - b), tls, tlsTimeout: random() < 0.015 };
}
