/** How rasoat runs nmap -sV: what the services scanner's options carry for it. */
export interface NmapSettings {
  path: string;
  /** NSE scripts run with -sV: safe ones, each also read by the parser. */
  scripts: readonly string[];
  /** nmap's own probe parallelism cap (--max-parallelism). */
  maxParallelism: number;
  /** nmap gives up on the host after this long (--host-timeout). */
  hostTimeoutMs: number;
}

/** The user name ssh-auth-methods presents: not an account anyone has, so nothing is guessed. */
export const SSH_PROBE_USER = 'rasoat-audit';

/**
 * nmap's arguments for one host: a connect scan (-sT, as rasoat's own discovery, no raw packets)
 * of exactly the ports found open, no host discovery or DNS, XML on stdout. The scope's excluded
 * ports go along with --exclude-ports, although none of them can be in `ports`.
 */
export function nmapArguments(address: string, ports: readonly number[], excludedPorts: string, settings: NmapSettings): string[] {
  const args = ['-sV', '-sT', '-Pn', '-n', '--open', '-p', ports.join(','), '--max-parallelism', String(settings.maxParallelism), '--max-retries', '1', '--host-timeout', `${Math.ceil(settings.hostTimeoutMs / 1000)}s`];
  if (excludedPorts) args.push('--exclude-ports', excludedPorts);
  if (settings.scripts.length > 0) {
    args.push('--script', settings.scripts.join(','));
    // ftp-anon lists nothing with maxlist=0; ssh-auth-methods asks for a user that does not exist.
    args.push('--script-args', `ftp-anon.maxlist=0,ssh.user=${SSH_PROBE_USER}`, '--script-timeout', `${Math.max(5, Math.ceil(settings.hostTimeoutMs / 4000))}s`);
  }
  if (address.includes(':')) args.push('-6');
  args.push('-oX', '-', address);
  return args;
}
