import { accessSync, constants as fsConstants, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { TrustStore } from '../../core/net/index.js';
import { UsageError } from '../../core/errors.js';
import type { AuditJob } from '../../core/run-audit.js';
import type { Severity } from '../../core/model/severity.js';
import type { StartTlsProtocol } from '../../core/model/observation.js';
import { canonicalIp } from '../../core/targets/address.js';
import { loadTargetsFile } from '../../core/targets/file.js';
import { DEFAULT_MAX_ADDRESSES, normaliseName } from '../../core/targets/parse.js';
import { PortSet } from '../../core/model/port-set.js';
import { portOfService } from '../../scanners/ports/services.js';
import { PORTS_DEFAULTS, type PortsOptions } from '../../scanners/ports/scanner.js';
import { TLS_DEFAULTS, type TlsOptions } from '../../scanners/tls/scanner.js';
import { HTTP_DEFAULTS, type HttpScanOptions } from '../../scanners/http/scanner.js';
import { SERVICES_DEFAULTS, type ServicesOptions } from '../../scanners/services/scanner.js';
import { SOFTWARE_DEFAULTS } from '../../scanners/software/scanner.js';
import { positiveInt } from '../numbers.js';

export interface ScanFlags {
  targets?: string[];
  ports?: string;
  topPorts?: string;
  exclude?: string[];
  excludePorts?: string;
  resolve?: string[];
  allowLarge?: boolean;
  only?: string;
  skip?: string;
  rules?: string[];
  concurrency?: string;
  hostConcurrency?: string;
  rate?: string;
  maxHosts?: string;
  timeout?: string;
  retries?: string;
  taskTimeout?: string;
  skipDiscovery?: boolean;
  authorization?: string;
  auditor?: string;
  failOn?: Severity;
  json?: boolean;
  quiet?: boolean;
  workers?: string;
  caFile?: string[];
  tlsPorts?: string;
  httpPorts?: string;
  httpsPorts?: string;
  starttls?: string[];
  ruleParam?: string[];
  certExpiryDays?: string;
  /** commander's --no-nmap: false when given. */
  nmap?: boolean;
  nmapPath?: string;
  smtpRelayCheck?: boolean;
}

export interface PreparedScan {
  job: Omit<AuditJob, 'scanners'>;
  only: string[];
  skip: string[];
  authorization: string | null;
  targetFiles: string[];
}

/** Turns the flags and targets of `rasoat scan` into a plain-data job, validating everything first. */
export function prepareScan(positional: string[], flags: ScanFlags, userAgent: string, configCaFiles: string[] = []): PreparedScan {
  const limits = { maxAddresses: DEFAULT_MAX_ADDRESSES, allowLarge: flags.allowLarge === true };
  const targets: AuditJob['targets'] = positional.map((spec) => ({ spec }));
  const exclude = (flags.exclude ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  const resolve: Record<string, string[]> = {};
  const authorizations: string[] = [];
  const targetFiles = flags.targets ?? [];

  for (const file of targetFiles) {
    const loaded = loadTargetsFile(file, limits);
    for (const { entry, group } of loaded.entries) targets.push(group ? { spec: entry.input, group } : { spec: entry.input });
    exclude.push(...loaded.exclude);
    for (const [name, addresses] of Object.entries(loaded.resolve)) addPin(resolve, name, addresses, `${file}: resolve`);
    if (loaded.authorization) authorizations.push(loaded.authorization);
  }
  if (targets.length === 0) throw new UsageError('target.none');
  for (const pin of flags.resolve ?? []) {
    const { name, address } = parsePin(pin);
    addPin(resolve, name, [address], pin);
  }

  const topPorts = positiveInt(flags.topPorts, PORTS_DEFAULTS.topPorts, '--top-ports');
  if (topPorts > 1000) throw new UsageError('ports.topTooMany', { value: topPorts });
  if (flags.ports) PortSet.parse(flags.ports, portOfService);
  const excludePorts = flags.excludePorts ? PortSet.parse(flags.excludePorts, portOfService).toString() : '';
  const maxTimeoutMs = positiveInt(flags.timeout, PORTS_DEFAULTS.maxTimeoutMs, '--timeout', 10);
  const ports: PortsOptions = {
    ...PORTS_DEFAULTS,
    ports: flags.ports ?? '',
    topPorts,
    maxRetries: positiveInt(flags.retries, PORTS_DEFAULTS.maxRetries, '--retries', 0),
    maxTimeoutMs,
    initialTimeoutMs: Math.min(PORTS_DEFAULTS.initialTimeoutMs, maxTimeoutMs),
    minTimeoutMs: Math.min(PORTS_DEFAULTS.minTimeoutMs, maxTimeoutMs),
    skipDiscovery: flags.skipDiscovery === true,
  };
  const tls = tlsOptions(flags, configCaFiles);
  const http = httpOptions(flags);
  // An HTTPS server is a TLS endpoint: its protocols and certificate are checked too.
  tls.extraPorts = [...new Set([...tls.extraPorts, ...http.options.httpsPorts.filter((p) => !HTTP_DEFAULTS.httpsPorts.includes(p))])];
  ports.extraPorts = [...new Set([...tls.extraPorts, ...http.extraPorts])];

  const concurrency = positiveInt(flags.concurrency, defaultConcurrency(), '--concurrency');
  const authorization = flags.authorization ?? (authorizations.length > 0 ? [...new Set(authorizations)].join('; ') : null);
  return {
    job: {
      targets,
      exclude,
      excludePorts,
      resolve,
      allowLarge: flags.allowLarge === true,
      scannerOptions: { ports, tls, http: http.options, services: servicesOptions(flags), software: { ...SOFTWARE_DEFAULTS } },
      limits: {
        concurrency,
        hostConcurrency: positiveInt(flags.hostConcurrency, 64, '--host-concurrency'),
        ratePerHost: positiveInt(flags.rate, 1000, '--rate', 0),
        maxHosts: positiveInt(flags.maxHosts, 256, '--max-hosts'),
        taskTimeoutMs: positiveInt(flags.taskTimeout, 1800, '--task-timeout') * 1000,
        taskRetries: 2,
      },
      userAgent,
    },
    only: splitList(flags.only),
    skip: splitList(flags.skip),
    authorization,
    targetFiles,
  };
}

/** --http-ports / --https-ports: web servers on ports outside the well-known lists (also probed by the port scan). */
function httpOptions(flags: ScanFlags): { options: HttpScanOptions; extraPorts: number[] } {
  const httpPorts = flags.httpPorts ? [...PortSet.parse(flags.httpPorts, portOfService)] : [];
  const httpsPorts = flags.httpsPorts ? [...PortSet.parse(flags.httpsPorts, portOfService)] : [];
  const merged = (base: readonly number[], extra: number[]) => [...new Set([...base, ...extra])].sort((a, b) => a - b);
  return {
    options: { ...HTTP_DEFAULTS, httpPorts: merged(HTTP_DEFAULTS.httpPorts, httpPorts), httpsPorts: merged(HTTP_DEFAULTS.httpsPorts, httpsPorts) },
    extraPorts: [...httpPorts, ...httpsPorts],
  };
}

/** --tls-ports and the CA files, checked now so a typo fails before the first packet. */
function tlsOptions(flags: ScanFlags, configCaFiles: string[]): TlsOptions {
  const caFiles = [...configCaFiles, ...(flags.caFile ?? [])].map((file) => resolvePath(file));
  const trust = { system: true, caFiles };
  TrustStore.load(trust);
  const extraPorts = flags.tlsPorts ? [...PortSet.parse(flags.tlsPorts, portOfService)] : [];
  const starttlsPorts: Record<string, StartTlsProtocol> = {};
  for (const spec of (flags.starttls ?? []).flatMap((s) => s.split(',')).filter(Boolean)) {
    const match = /^(smtp|imap|pop3|ftp|ldap|postgres):(\d{1,5})$/.exec(spec.trim().toLowerCase());
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) throw new UsageError('cli.badStarttls', { value: spec });
    starttlsPorts[port] = match[1] as StartTlsProtocol;
  }
  return { ...TLS_DEFAULTS, extraPorts: [...new Set([...extraPorts, ...Object.keys(starttlsPorts).map(Number)])], starttlsPorts, trust };
}

/** --no-nmap, --nmap-path and --smtp-relay-check. A path given explicitly must exist; the default is looked up at scan time. */
function servicesOptions(flags: ScanFlags): ServicesOptions {
  if (flags.nmapPath !== undefined) {
    try {
      accessSync(flags.nmapPath, fsConstants.X_OK);
    } catch {
      throw new UsageError('cli.badNmapPath', { value: flags.nmapPath });
    }
  }
  return { ...SERVICES_DEFAULTS, nmap: flags.nmap !== false, nmapPath: flags.nmapPath ?? SERVICES_DEFAULTS.nmapPath, smtpRelayCheck: flags.smtpRelayCheck === true };
}

/** `name:address`, or curl's `name:port:address` (the port is ignored: a pin holds for all ports). */
export function parsePin(pin: string): { name: string; address: string } {
  const first = pin.indexOf(':');
  const name = first > 0 ? normaliseName(pin.slice(0, first)) : null;
  let rest = first > 0 ? pin.slice(first + 1) : '';
  const curlStyle = /^(\d{1,5}):(.+)$/.exec(rest);
  if (curlStyle && canonicalIp(curlStyle[2]!.replace(/^\[|\]$/g, ''))) rest = curlStyle[2]!;
  const address = canonicalIp(rest.replace(/^\[|\]$/g, ''));
  if (!name || !address) throw new UsageError('cli.badResolve', { value: pin });
  return { name, address };
}

function addPin(resolve: Record<string, string[]>, name: string, addresses: string[], where: string): void {
  const host = normaliseName(name);
  const canonical = addresses.map((a) => canonicalIp(a));
  if (!host || canonical.some((a) => a === null)) throw new UsageError('cli.badResolve', { value: where });
  resolve[host] = [...new Set([...(resolve[host] ?? []), ...(canonical as string[])])];
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** 1,000 sockets at once, or fewer when the open-file limit is lower (it is 1,024 on many systems). */
export function defaultConcurrency(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = /Max open files\s+(\d+)/.exec(limits)?.[1];
    if (soft) return Math.max(16, Math.min(1000, Number(soft) - 128));
  } catch {
    // Not Linux: keep a conservative default.
  }
  return 768;
}
