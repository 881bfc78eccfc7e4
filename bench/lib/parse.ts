import { expandPortSpec, portKey } from './port-sets.js';

/** What one scan reported, in the same shape for every tool. */
export interface ScanResult {
  open: Set<string>;
  hostsUp: number;
  /** Ports probed on each host, when the tool reports them. */
  probed: Set<number> | null;
  filtered: number;
  /** rasoat only: scan time recorded inside the audit (startedAt to endedAt). */
  innerMs: number | null;
}

interface RasoatObservation {
  kind: string;
  host: string;
  port?: number | null;
  data?: { port?: number; state?: string; scanned?: string; filtered?: number };
}

interface RasoatAudit {
  audit?: { startedAt?: string; endedAt?: string };
  observations: RasoatObservation[];
}

export function parseRasoatJson(text: string): ScanResult {
  const audit = JSON.parse(text) as RasoatAudit;
  const result: ScanResult = { open: new Set(), hostsUp: 0, probed: null, filtered: 0, innerMs: null };
  for (const obs of audit.observations) {
    if (obs.kind === 'port.open') {
      const port = obs.data?.port ?? obs.port;
      if (typeof port === 'number') result.open.add(portKey(obs.host, port));
    } else if (obs.kind === 'host.status' && obs.data?.state === 'up') {
      result.hostsUp++;
    } else if (obs.kind === 'port.summary') {
      result.filtered += obs.data?.filtered ?? 0;
      if (!result.probed && obs.data?.scanned !== undefined) result.probed = expandPortSpec(obs.data.scanned);
    }
  }
  const { startedAt, endedAt } = audit.audit ?? {};
  if (startedAt && endedAt) result.innerMs = Date.parse(endedAt) - Date.parse(startedAt);
  return result;
}

/** Reads the little of nmap's XML output the bench needs; nmap's XML is regular enough for this. */
export function parseNmapXml(xml: string): ScanResult {
  const result: ScanResult = { open: new Set(), hostsUp: 0, probed: null, filtered: 0, innerMs: null };
  const services = /<scaninfo [^>]*protocol="tcp"[^>]*services="([^"]*)"/.exec(xml);
  if (services) result.probed = expandPortSpec(services[1]!);
  for (const [block] of xml.matchAll(/<host\b[\s\S]*?<\/host>/g)) {
    const address = /<address addr="([^"]+)" addrtype="ipv4"/.exec(block)?.[1];
    if (!address) continue;
    if (/<status state="up"/.test(block)) result.hostsUp++;
    for (const [, port, state] of block.matchAll(/<port protocol="tcp" portid="(\d+)"><state state="([^"]+)"/g)) {
      if (state === 'open') result.open.add(portKey(address, Number(port)));
      else if (state === 'filtered') result.filtered++;
    }
    for (const [, count] of block.matchAll(/<extraports state="filtered" count="(\d+)"/g)) result.filtered += Number(count);
  }
  return result;
}
