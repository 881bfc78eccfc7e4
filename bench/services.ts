/**
 * Services benchmark: rasoat's native banner identification against nmap -sV on the same open
 * ports of a loopback fleet of real Debian daemons (OpenSSH, vsftpd, Redis, memcached, Dovecot
 * IMAP and POP3), timed in one run, with the product each names for every port compared.
 * See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDovecot, startMemcached, startRedis, startSshd, startVsftpd, type Daemon } from '../fixtures/servers/services.js';
import { parseNmapXml } from '../src/scanners/services/nmap/xml.js';
import { canonicalNmapProduct } from '../src/scanners/services/products.js';
import { buildId } from './lib/build-id.js';
import { assertSafeTarget, EXCLUDE_PORTS_FLAG } from './lib/safety.js';
import { ensureNmap, foreignListeners } from './lib/system.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const BIN = join(REPO_ROOT, 'dist', 'src', 'bin.js');
const PORTS = { ssh: 2222, ftp: 2121, redis: 6379, memcached: 11211, imap: 1143, pop3: 1110 } as const;
const EXPECTED: Record<number, string> = { 2222: 'OpenSSH', 2121: 'vsftpd', 6379: 'Redis', 11211: 'Memcached', 1143: 'Dovecot', 1110: 'Dovecot' };

const USAGE = `npm run bench:services -- [--hosts N] [--subnet 127.0.92] [--runs N]
  --hosts N     daemon hosts in the fleet, each with 6 services (default 4, at most 50)
  --subnet S    first three octets of the loopback addresses (default 127.0.92; 127.0.90-95 only)
  --runs N      timed runs of each tool; the median is reported (default 3)`;

interface Options {
  hosts: number;
  subnet: string;
  runs: number;
}

function parseOptions(argv: string[]): Options | null {
  const options: Options = { hosts: 4, subnet: '127.0.92', runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--help' || flag === '-h') return null;
    if (flag === '--hosts') options.hosts = Number(value);
    else if (flag === '--subnet') options.subnet = String(value);
    else if (flag === '--runs') options.runs = Number(value);
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
    i++;
  }
  if (!Number.isInteger(options.hosts) || options.hosts < 1 || options.hosts > 50) throw new Error('--hosts: 1 to 50');
  if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 20) throw new Error('--runs: 1 to 20');
  if (!/^127\.0\.9[0-5]$/.test(options.subnet)) throw new Error('--subnet: one of 127.0.90 .. 127.0.95 (the blocks reserved for this bench)');
  return options;
}

/** Every other host hardened: both configurations must be identified alike. */
async function startFleet(hosts: string[]): Promise<Daemon[]> {
  const daemons: Daemon[] = [];
  for (const [i, host] of hosts.entries()) {
    const hard = i % 2 === 1;
    daemons.push(
      ...(await Promise.all([
        startSshd(host, PORTS.ssh, { config: hard ? ['PasswordAuthentication no', 'KbdInteractiveAuthentication no'] : ['Ciphers +aes128-cbc'] }),
        startVsftpd(host, PORTS.ftp, { anonymous: !hard, tls: hard }),
        startRedis(host, PORTS.redis, hard ? 'MatKhauRedisDai2025' : undefined),
        startMemcached(host, PORTS.memcached, hard),
      ])),
      ...(await startDovecot(host, { imapPort: PORTS.imap, pop3Port: PORTS.pop3, tls: hard })),
    );
  }
  return daemons;
}

function run(command: string, args: string[]): Promise<{ ms: number; stdout: string; code: number | null; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RASOAT_LANG: 'en', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, stdout, code, stderr }));
  });
}

type Products = Map<string, string | null>;

/** rasoat, native probes only: port discovery of the same ports, then identification. */
async function rasoatNative(hosts: string[], ports: string, db: string): Promise<{ ms: number; products: Products; discoveryMs: number }> {
  const result = await run(process.execPath, [BIN, '--db', db, 'scan', ...hosts, '-p', ports, '-Pn', '--only', 'services', '--no-nmap', '--exclude-ports', EXCLUDE_PORTS_FLAG, '--json', '-q']);
  if (result.code !== 0 && result.code !== 1) throw new Error(`rasoat failed (${result.code}): ${result.stderr}`);
  const audit = JSON.parse(result.stdout) as { observations: Array<{ kind: string; host: string; port?: number; data: { product?: string | null; durationMs?: number } }> };
  const products: Products = new Map();
  let discoveryMs = 0;
  for (const o of audit.observations) if (o.kind === 'service.identity') products.set(`${o.host}:${o.port}`, o.data.product ?? null);
  for (const o of audit.observations) if (o.kind === 'service.summary') discoveryMs = Math.max(discoveryMs, o.data.durationMs ?? 0);
  return { ms: result.ms, products, discoveryMs };
}

/** nmap -sV on exactly the same ports, as rasoat's nmap integration runs it (minus scripts). */
async function nmapVersions(hosts: string[], ports: string): Promise<{ ms: number; products: Products }> {
  const result = await run('nmap', ['-sV', '-sT', '-Pn', '-n', '-p', ports, '--exclude-ports', EXCLUDE_PORTS_FLAG, '-oX', '-', ...hosts]);
  if (result.code !== 0) throw new Error(`nmap failed (${result.code}): ${result.stderr}`);
  return { ms: result.ms, products: productsOf(result.stdout) };
}

/**
 * nmap -sV without the ports it spends minutes on and cannot name (memcached behind a login, on
 * the hardened hosts): the careless hosts with every port and the hardened ones without 11211, as
 * two nmap processes at once. The fairest speed figure for the ports both tools can name.
 */
async function nmapNameable(hosts: string[]): Promise<{ ms: number; products: Products }> {
  const started = performance.now();
  const all = Object.values(PORTS).join(',');
  const nameable = Object.values(PORTS).filter((p) => p !== PORTS.memcached).join(',');
  const careless = hosts.filter((_, i) => i % 2 === 0);
  const hardened = hosts.filter((_, i) => i % 2 === 1);
  const runs = await Promise.all([nmapVersions(careless, all), ...(hardened.length ? [nmapVersions(hardened, nameable)] : [])]);
  return { ms: performance.now() - started, products: new Map(runs.flatMap((r) => [...r.products])) };
}

function productsOf(xml: string): Products {
  const products: Products = new Map();
  // One report holds every host; parse each <host> block on its own.
  for (const block of xml.split('<host ').slice(1)) {
    const address = /<address addr="([\d.]+)"/.exec(block)?.[1];
    if (!address) continue;
    for (const port of parseNmapXml(`<nmaprun><host ${block.split('</host>')[0]}</host></nmaprun>`).ports) {
      if (port.state === 'open') products.set(`${address}:${port.port}`, canonicalNmapProduct(port.product, port.version));
    }
  }
  return products;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const nmapVersion = ensureNmap();
  const hosts = Array.from({ length: options.hosts }, (_, i) => `${options.subnet}.${i + 1}`);
  for (const host of hosts) for (const port of Object.values(PORTS)) assertSafeTarget(host, port);
  const foreign = foreignListeners(options.subnet);
  if (foreign.length) console.warn(`warning: listeners not ours in ${options.subnet}.0/24: ${foreign.join(' ')}`);
  const ports = Object.values(PORTS).join(',');
  console.log(`${nmapVersion}; node ${process.version}; ${cpus().length} CPUs; fleet: ${hosts.length} hosts x 6 services (${hosts.length * 6} ports)`);

  const db = join(REPO_ROOT, 'bench', 'results', `.services-bench-${process.pid}.db`);
  await mkdir(RESULTS_DIR, { recursive: true });
  const daemons = await startFleet(hosts);
  try {
    const nativeRuns: Array<Awaited<ReturnType<typeof rasoatNative>>> = [];
    const nmapRuns: Array<Awaited<ReturnType<typeof nmapVersions>>> = [];
    const nameableRuns: Array<Awaited<ReturnType<typeof nmapVersions>>> = [];
    for (let i = 0; i < options.runs; i++) {
      nativeRuns.push(await rasoatNative(hosts, ports, db));
      nmapRuns.push(await nmapVersions(hosts, ports));
      nameableRuns.push(await nmapNameable(hosts));
    }
    const native = nativeRuns.at(-1)!.products;
    const nmap = nmapRuns.at(-1)!.products;
    const keys = hosts.flatMap((h) => Object.values(PORTS).map((p) => `${h}:${p}`));
    const rows = keys.map((key) => {
      const expected = EXPECTED[Number(key.split(':')[1])]!;
      return { endpoint: key, expected, rasoat: native.get(key) ?? null, nmap: nmap.get(key) ?? null };
    });
    const agree = rows.filter((r) => r.rasoat !== null && r.rasoat === r.nmap).length;
    const rasoatRight = rows.filter((r) => r.rasoat === r.expected).length;
    const nmapRight = rows.filter((r) => r.nmap === r.expected).length;
    const nativeMs = median(nativeRuns.map((r) => r.ms));
    const nmapMs = median(nmapRuns.map((r) => r.ms));
    const nameableMs = median(nameableRuns.map((r) => r.ms));
    const nameable = nameableRuns.at(-1)!.products;
    const nameableKeys = [...nameable.keys()];
    const nameableAgree = nameableKeys.filter((k) => native.get(k) !== undefined && native.get(k) === nameable.get(k)).length;
    const summary = {
      build: buildId(REPO_ROOT),
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, kernel: release(), node: process.version, nmap: nmapVersion },
      fleet: { hosts: hosts.length, ports: keys.length },
      runs: options.runs,
      wallMs: {
        rasoatNative: Math.round(nativeMs),
        nmapSv: Math.round(nmapMs),
        nmapSvNameable: Math.round(nameableMs),
        allRasoat: nativeRuns.map((r) => Math.round(r.ms)),
        allNmap: nmapRuns.map((r) => Math.round(r.ms)),
        allNmapNameable: nameableRuns.map((r) => Math.round(r.ms)),
      },
      speedup: Math.round((nmapMs / nativeMs) * 10) / 10,
      speedupNameable: Math.round((nameableMs / nativeMs) * 10) / 10,
      nameableAgreement: { same: nameableAgree, of: nameableKeys.length },
      agreement: { same: agree, of: rows.length, rate: Math.round((agree / rows.length) * 1000) / 10 },
      correct: { rasoat: rasoatRight, nmap: nmapRight, of: rows.length },
      disagreements: rows.filter((r) => r.rasoat !== r.nmap),
    };
    console.log(`rasoat native (whole CLI run: start, discovery, identification): median ${Math.round(nativeMs)} ms of ${options.runs}`);
    console.log(`nmap -sV (same ports):                                        median ${Math.round(nmapMs)} ms of ${options.runs}`);
    console.log(`nmap -sV without the ${keys.length - nameableKeys.length} ports it cannot name (hardened memcached): median ${Math.round(nameableMs)} ms; agreement ${nameableAgree}/${nameableKeys.length}`);
    console.log(`speed-up: ${summary.speedup}x on the whole fleet, ${summary.speedupNameable}x on the ports nmap can name (goal >= 3x)`);
    console.log(`product agreement: ${agree}/${rows.length} (${summary.agreement.rate}%); right product: rasoat ${rasoatRight}/${rows.length}, nmap ${nmapRight}/${rows.length}`);
    for (const d of summary.disagreements) console.log(`  ${d.endpoint}: rasoat ${d.rasoat ?? '-'}, nmap ${d.nmap ?? '-'} (expected ${d.expected})`);
    const file = join(RESULTS_DIR, `services-${summary.date.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`results: ${file}`);
    return summary.speedupNameable >= 3 && nameableAgree === nameableKeys.length ? 0 : 1;
  } finally {
    for (const daemon of daemons) await daemon.close();
    spawnSync('rm', ['-f', db, `${db}-wal`, `${db}-shm`]);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
