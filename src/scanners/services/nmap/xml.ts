import { XMLParser } from 'fast-xml-parser';

/** What nmap -sV said about one port. */
export interface NmapPort {
  port: number;
  state: string;
  service: string | null;
  product: string | null;
  version: string | null;
  extraInfo: string | null;
  tunnel: string | null;
  method: string | null;
  confidence: number | null;
  cpe: string[];
  /** Script id -> its text output and its structured tables (key -> values). */
  scripts: Record<string, { output: string; tables: Record<string, string[]> }>;
}

const ARRAYS = new Set(['host', 'port', 'script', 'cpe', 'table', 'elem']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' && value !== null ? String((value as Node)['#text'] ?? '') : '');

/** The ports of nmap's XML report (-oX), of its first host; an empty list for anything else. */
export function parseNmapXml(xml: string): { ports: NmapPort[]; version: string | null } {
  const root = parser.parse(xml) as Node;
  const run = (root.nmaprun ?? {}) as Node;
  const host = nodes(run.host)[0];
  const ports = nodes((host?.ports as Node | undefined)?.port).map(portOf);
  return { ports, version: str(run['@version']) };
}

function portOf(node: Node): NmapPort {
  const service = (node.service ?? {}) as Node;
  const state = (node.state ?? {}) as Node;
  const scripts: NmapPort['scripts'] = {};
  for (const script of nodes(node.script)) {
    const id = str(script['@id']);
    if (!id) continue;
    const tables: Record<string, string[]> = {};
    for (const table of nodes(script.table)) tables[str(table['@key']) ?? ''] = nodes(table.elem).map(text);
    scripts[id] = { output: str(script['@output']) ?? '', tables };
  }
  const conf = Number(service['@conf']);
  return {
    port: Number(node['@portid']),
    state: str(state['@state']) ?? 'unknown',
    service: str(service['@name']),
    product: str(service['@product']),
    version: str(service['@version']),
    extraInfo: str(service['@extrainfo']),
    tunnel: str(service['@tunnel']),
    method: str(service['@method']),
    confidence: Number.isFinite(conf) ? conf : null,
    cpe: nodes(service.cpe).map(text).filter(Boolean),
    scripts,
  };
}
