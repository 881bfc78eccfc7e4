import { z } from 'zod';
import type { Advisory, JsExtractor, VersionInterval } from '../core/model/knowledge.js';
import { emptyRecords } from '../core/model/feed-records.js';
import type { Decoded } from './decode.js';
import { invalidFeed } from './errors.js';
import type { ParsedFeed } from './parsed-feed.js';
import { schemeOfEcosystem } from '../derive/versions/compare.js';
import { severityOfWord } from './severity.js';

const ECOSYSTEM = 'retire.js';
/** Entries that are not libraries: URIs never to check, and the format's own example. */
const NOT_LIBRARIES = new Set(['dont check', 'retire-example']);

const idOrNumber = z.union([z.string(), z.number()]).transform(String);
const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const vulnerability = z.object({
  atOrAbove: z.string().optional(),
  above: z.string().optional(),
  below: z.string().optional(),
  atOrBelow: z.string().optional(),
  severity: z.string().optional(),
  identifiers: z
    .object({ summary: z.string().optional(), CVE: z.array(z.string()).optional(), githubID: oneOrMany.optional(), retid: idOrNumber.optional(), issue: idOrNumber.optional() })
    .optional(),
  info: z.array(z.string()).optional(),
});

const patterns = z.array(z.string()).optional();

const library = z.object({
  vulnerabilities: z.array(vulnerability).optional(),
  extractors: z.object({ filename: patterns, uri: patterns, filecontent: patterns, hashes: z.record(z.string(), z.string()).optional() }).optional(),
});

const repository = z.record(z.string(), library);

type Vulnerability = z.infer<typeof vulnerability>;

/** retire.js's jsrepository-v4.json: vulnerable ranges per JavaScript library, and how to find each library's version. */
export function parseRetireJs(doc: Decoded, file: string): ParsedFeed {
  const parsed = repository.safeParse(doc.value);
  if (!parsed.success) throw invalidFeed(file, 'retirejs', parsed.error.issues[0]);
  const records = emptyRecords();
  for (const [name, entry] of Object.entries(parsed.data)) {
    if (NOT_LIBRARIES.has(name)) continue;
    (entry.vulnerabilities ?? []).forEach((v, index) => records.advisories.push(advisoryOf(name, v, index)));
    const x = entry.extractors;
    if (x && (x.filename?.length || x.uri?.length || x.filecontent?.length || Object.keys(x.hashes ?? {}).length)) {
      const extractor: JsExtractor = { library: name, filename: x.filename ?? [], uri: x.uri ?? [], filecontent: x.filecontent ?? [], hashes: x.hashes ?? {} };
      records.jsExtractors.push(extractor);
    }
  }
  // The repository carries no date or version of its own: its age is counted from its import.
  return { source: 'retirejs', version: null, dataDate: null, records };
}

function advisoryOf(library: string, v: Vulnerability, index: number): Advisory {
  const ids = v.identifiers ?? {};
  const cves = ids.CVE ?? [];
  const aliases = [...(ids.githubID ?? []), ...(ids.retid ? [`retid:${ids.retid}`] : []), ...(ids.issue ? [`issue:${ids.issue}`] : [])];
  const interval: VersionInterval = { fromInclusive: v.atOrAbove !== undefined, toInclusive: v.atOrBelow !== undefined };
  const from = v.atOrAbove ?? v.above;
  const to = v.below ?? v.atOrBelow;
  if (from !== undefined) interval.from = from;
  if (to !== undefined) interval.to = to;
  return {
    id: cves[0] ?? aliases[0] ?? `${library}#${index + 1}`,
    source: 'retirejs',
    ecosystem: ECOSYSTEM,
    package: library,
    ranges: [{ scheme: schemeOfEcosystem(ECOSYSTEM), intervals: [interval] }],
    versions: [],
    cves,
    aliases,
    cvss: null,
    severity: severityOfWord(v.severity),
    summary: ids.summary ?? '',
    references: v.info ?? [],
  };
}
