import { z } from 'zod';
import type { KevEntry } from '../core/model/knowledge.js';
import { emptyRecords } from '../core/model/feed-records.js';
import type { Decoded } from './decode.js';
import { invalidFeed } from './errors.js';
import { newestOf, type ParsedFeed } from './parsed-feed.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

const entrySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'expected a CVE id such as CVE-2024-6387'),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: isoDate,
  dueDate: isoDate.nullish(),
  knownRansomwareCampaignUse: z.string().optional(),
});

const catalogSchema = z.object({
  catalogVersion: z.string().min(1),
  dateReleased: z.string(),
  vulnerabilities: z.array(entrySchema),
});

/** The CISA Known Exploited Vulnerabilities catalogue (known_exploited_vulnerabilities.json). */
export function parseKev(doc: Decoded, file: string): ParsedFeed {
  const parsed = catalogSchema.safeParse(doc.value);
  if (!parsed.success) throw invalidFeed(file, 'kev', parsed.error.issues[0]);
  const kev: KevEntry[] = parsed.data.vulnerabilities.map((v) => ({
    cve: v.cveID,
    vendorProject: v.vendorProject,
    product: v.product,
    name: v.vulnerabilityName,
    dateAdded: v.dateAdded,
    dueDate: v.dueDate ?? null,
    ransomware: v.knownRansomwareCampaignUse === 'Known',
  }));
  return {
    source: 'kev',
    version: parsed.data.catalogVersion,
    dataDate: newestOf(kev.map((e) => e.dateAdded)),
    records: { ...emptyRecords(), kev },
  };
}
