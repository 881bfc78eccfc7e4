import type { Selectable } from 'kysely';
import type { FeedRecords } from '../core/model/feed-records.js';
import type { Advisory, FeedSource, FeedStatus, JsExtractor, KevEntry, LifecycleCycle, ProductRelease } from '../core/model/knowledge.js';
import type { BulkTable } from './bulk.js';
import type { AdvisoriesTable, DatabaseSchema, FeedsTable, JsExtractorsTable, KevEntriesTable, LifecycleCyclesTable, ProductReleasesTable } from './schema.js';

/** The tables that hold a feed's records, each row keyed by feed_id. */
export const RECORD_TABLES = ['advisories', 'kev_entries', 'lifecycle_cycles', 'product_releases', 'js_extractors'] as const;

/** A feed's records as rows for the bulk writer. */
export function recordRows(feedId: number, r: FeedRecords): Array<BulkTable<keyof DatabaseSchema>> {
  return [
    {
      table: 'advisories',
      rows: r.advisories.map((a) => ({
        feed_id: feedId,
        advisory_id: a.id,
        source: a.source,
        ecosystem: a.ecosystem,
        package: a.package,
        ranges_json: JSON.stringify(a.ranges),
        versions_json: JSON.stringify(a.versions),
        cves_json: JSON.stringify(a.cves),
        aliases_json: JSON.stringify(a.aliases),
        cvss: a.cvss,
        severity: a.severity,
        summary: a.summary,
        references_json: JSON.stringify(a.references),
      })),
    },
    {
      table: 'kev_entries',
      rows: r.kev.map((k) => ({ feed_id: feedId, cve: k.cve, vendor_project: k.vendorProject, product: k.product, name: k.name, date_added: k.dateAdded, due_date: k.dueDate, ransomware: k.ransomware ? 1 : 0 })),
    },
    {
      table: 'lifecycle_cycles',
      rows: r.lifecycles.map((c) => ({
        feed_id: feedId,
        product: c.product,
        cycle: c.cycle,
        release_date: c.releaseDate,
        eol_json: JSON.stringify(c.eol),
        support_json: JSON.stringify(c.support),
        extended_support_json: JSON.stringify(c.extendedSupport),
        latest: c.latest,
        lts: c.lts ? 1 : 0,
      })),
    },
    { table: 'product_releases', rows: r.releases.map((p) => ({ feed_id: feedId, product: p.product, version: p.version, date: p.date })) },
    {
      table: 'js_extractors',
      rows: r.jsExtractors.map((x) => ({ feed_id: feedId, library: x.library, filename_json: JSON.stringify(x.filename), uri_json: JSON.stringify(x.uri), filecontent_json: JSON.stringify(x.filecontent), hashes_json: JSON.stringify(x.hashes) })),
    },
  ];
}

export function feedFromRow(r: Selectable<FeedsTable>): FeedStatus {
  return { source: r.source as FeedSource, name: r.name, version: r.version, dataDate: r.data_date, importedAt: r.imported_at, records: r.records, sha256: r.sha256 };
}

export function advisoryFromRow(r: Selectable<AdvisoriesTable>): Advisory {
  return {
    id: r.advisory_id,
    source: r.source as FeedSource,
    ecosystem: r.ecosystem,
    package: r.package,
    ranges: JSON.parse(r.ranges_json) as Advisory['ranges'],
    versions: JSON.parse(r.versions_json) as string[],
    cves: JSON.parse(r.cves_json) as string[],
    aliases: JSON.parse(r.aliases_json) as string[],
    cvss: r.cvss,
    severity: r.severity as Advisory['severity'],
    summary: r.summary,
    references: JSON.parse(r.references_json) as string[],
  };
}

export function kevFromRow(r: Selectable<KevEntriesTable>): KevEntry {
  return { cve: r.cve, vendorProject: r.vendor_project, product: r.product, name: r.name, dateAdded: r.date_added, dueDate: r.due_date, ransomware: r.ransomware === 1 };
}

export function cycleFromRow(r: Selectable<LifecycleCyclesTable>): LifecycleCycle {
  return {
    product: r.product,
    cycle: r.cycle,
    releaseDate: r.release_date,
    eol: JSON.parse(r.eol_json) as LifecycleCycle['eol'],
    support: JSON.parse(r.support_json) as LifecycleCycle['support'],
    extendedSupport: JSON.parse(r.extended_support_json) as LifecycleCycle['extendedSupport'],
    latest: r.latest,
    lts: r.lts === 1,
  };
}

export function releaseFromRow(r: Selectable<ProductReleasesTable>): ProductRelease {
  return { product: r.product, version: r.version, date: r.date };
}

export function extractorFromRow(r: Selectable<JsExtractorsTable>): JsExtractor {
  return { library: r.library, filename: JSON.parse(r.filename_json) as string[], uri: JSON.parse(r.uri_json) as string[], filecontent: JSON.parse(r.filecontent_json) as string[], hashes: JSON.parse(r.hashes_json) as Record<string, string> };
}
