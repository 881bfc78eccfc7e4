import type { Advisory, AffectedRange, VersionInterval } from '../core/model/knowledge.js';
import { emptyRecords } from '../core/model/feed-records.js';
import { cvss3BaseScore } from './cvss.js';
import type { Decoded } from './decode.js';
import { invalidFeed } from './errors.js';
import { osvRecordSchema, type OsvAffected, type OsvRange, type OsvRecord, type OsvSeverity } from './osv-schema.js';
import { newestOf, type ParsedFeed } from './parsed-feed.js';
import { schemeOfEcosystem } from '../derive/versions/compare.js';
import { severityOfScore, severityOfWord, type AdvisorySeverity } from './severity.js';

const CVE = /^CVE-\d{4}-\d{4,}$/;
const SUMMARY_MAX = 500;

/** OSV records: one object or an array of them. Each affected package of a record is one Advisory. */
export function parseOsv(doc: Decoded, file: string): ParsedFeed {
  const items = Array.isArray(doc.value) ? doc.value : [doc.value];
  const advisories: Advisory[] = [];
  const modified: string[] = [];
  items.forEach((item, index) => {
    const parsed = osvRecordSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidFeed(file, 'osv', issue && Array.isArray(doc.value) ? { ...issue, path: [index, ...issue.path] } : issue);
    }
    modified.push(parsed.data.modified);
    if (!parsed.data.withdrawn) for (const advisory of advisoriesOf(parsed.data)) advisories.push(advisory);
  });
  const version = newestOf(modified);
  return { source: 'osv', version, dataDate: version?.slice(0, 10) ?? null, records: { ...emptyRecords(), advisories } };
}

export function advisoriesOf(record: OsvRecord): Advisory[] {
  const cves = unique([record.id, ...(record.aliases ?? []), ...(record.upstream ?? []), ...(record.related ?? [])].filter((id) => CVE.test(id)));
  const aliases = unique([...(record.aliases ?? []), ...(record.upstream ?? [])]).filter((id) => id !== record.id);
  const references = (record.references ?? []).map((r) => r.url);
  const summary = (record.summary ?? record.details?.split('\n')[0] ?? '').trim().slice(0, SUMMARY_MAX);
  const advisories: Advisory[] = [];
  for (const affected of record.affected ?? []) {
    if (!affected.package) continue;
    const ranges = rangesOf(affected, affected.package.ecosystem);
    const versions = affected.versions ?? [];
    if (ranges.length === 0 && versions.length === 0) continue;
    const { cvss, severity } = severityOf(record, affected);
    advisories.push({ id: record.id, source: 'osv', ecosystem: affected.package.ecosystem, package: affected.package.name, ranges, versions, cves, aliases, cvss, severity, summary, references });
  }
  return advisories;
}

/** ECOSYSTEM and SEMVER ranges as intervals (GIT ranges name commits, not versions: left out). */
function rangesOf(affected: OsvAffected, ecosystem: string): AffectedRange[] {
  const ranges: AffectedRange[] = [];
  for (const range of affected.ranges ?? []) {
    if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue;
    const intervals = intervalsOf(range);
    if (intervals.length > 0) ranges.push({ scheme: range.type === 'SEMVER' ? 'semver' : schemeOfEcosystem(ecosystem), intervals });
  }
  return ranges;
}

/** introduced X … fixed Y is [X, Y); … last_affected Y is [X, Y]; introduced "0" has no lower bound. */
export function intervalsOf(range: OsvRange): VersionInterval[] {
  const intervals: VersionInterval[] = [];
  let open: VersionInterval | null = null;
  for (const event of range.events) {
    if (event.introduced !== undefined) {
      if (open) continue;
      open = event.introduced === '0' ? { fromInclusive: false, toInclusive: false } : { from: event.introduced, fromInclusive: true, toInclusive: false };
    } else if (event.fixed !== undefined || event.last_affected !== undefined) {
      const interval: VersionInterval = open ?? { fromInclusive: false, toInclusive: false };
      interval.to = event.fixed ?? event.last_affected!;
      interval.toInclusive = event.fixed === undefined;
      intervals.push(interval);
      open = null;
    }
  }
  if (open) intervals.push(open);
  return intervals;
}

/** A CVSS v3 vector's score when there is one (the affected package's first, then the record's), else the feed's words. */
function severityOf(record: OsvRecord, affected: OsvAffected): { cvss: number | null; severity: AdvisorySeverity } {
  const entries: OsvSeverity[] = [...(affected.severity ?? []), ...(record.severity ?? [])];
  for (const entry of entries) {
    if (entry.type !== 'CVSS_V3') continue;
    const score = cvss3BaseScore(entry.score);
    if (score !== null) return { cvss: score, severity: severityOfScore(score) };
  }
  const words = [
    affected.ecosystem_specific?.severity,
    affected.database_specific?.severity,
    record.database_specific?.severity,
    ...entries.filter((e) => !e.type.startsWith('CVSS')).map((e) => e.score),
  ];
  for (const word of words) {
    const severity = severityOfWord(word);
    if (severity) return { cvss: null, severity };
  }
  return { cvss: null, severity: null };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
