import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { gnuTimeAvailable, type RssMethod } from './measure.js';
import { FORBIDDEN_PORT } from './safety.js';

export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function aptInstall(pkg: string): void {
  console.log(`${pkg} is missing: apt-get update && apt-get install -y ${pkg}`);
  for (const args of [['update'], ['install', '-y', pkg]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (status ${result.status})`);
  }
}

/** Installs nmap if needed and returns its version line. */
export function ensureNmap(): string {
  if (!onPath('nmap')) aptInstall('nmap');
  const result = spawnSync('nmap', ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nmap --version failed: ${result.stderr}`);
  return result.stdout.split('\n')[0]!.trim();
}

/** GNU time if it is (or can be) installed, else sampling /proc/<pid>/status. */
export function ensureRssMethod(): RssMethod {
  if (!gnuTimeAvailable()) {
    try {
      aptInstall('time');
    } catch (error) {
      console.warn(`could not install GNU time (${(error as Error).message}); sampling VmHWM instead`);
    }
  }
  return gnuTimeAvailable() ? 'gnu-time' : 'proc-poll';
}

/**
 * TCP listeners, not the fleet's, that the scans would also see on the fleet's addresses: sockets
 * bound to a wildcard address (IPv4 or dual-stack IPv6) or to an address inside the subnet.
 * Port 2024 is excluded from both scans, so it does not count.
 */
export function foreignListeners(subnet: string): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A') continue; // 0A = LISTEN
      const [addressHex = '', portHex = ''] = (fields[1] ?? '').split(':');
      const port = parseInt(portHex, 16);
      const address = decodeProcAddress(addressHex);
      if (port === FORBIDDEN_PORT || address === null) continue;
      if (address === '0.0.0.0' || address === '::' || address.startsWith(`${subnet}.`)) found.push(`${address}:${port}`);
    }
  }
  return [...new Set(found)];
}

function decodeProcAddress(hex: string): string | null {
  if (hex.length === 8) {
    // IPv4 is stored as a little-endian 32-bit word.
    const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16)).reverse();
    return bytes.join('.');
  }
  if (/^0{32}$/.test(hex)) return '::';
  // ::ffff:a.b.c.d (IPv4-mapped) keeps the IPv4 address in the last word, little-endian again.
  if (hex.length === 32 && /^0{16}FFFF0000$/i.test(hex.slice(0, 24))) return decodeProcAddress(hex.slice(24));
  return null;
}
