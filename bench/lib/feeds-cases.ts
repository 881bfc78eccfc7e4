import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface FeedsBenchOptions {
  runs: number;
  advisories: number;
  shared: string;
  keepTemp: boolean;
  /** Longest wait for an idle machine before each run, in seconds; 0 to never wait. */
  quietWait: number;
}

export const FEEDS_USAGE = `Usage: node dist/bench/feeds.js [options]

Times "rasoat feeds import" of each public sample feed and of a synthetic OSV dump of Debian
advisories (a JSON array, a directory of files and an all.zip), each into a fresh database,
with records per second and peak memory.

  --runs <n>          runs of each case; the median is reported (default 3)
  --advisories <n>    advisories in the synthetic OSV dump (default 50000, at most 65000)
  --shared <dir>      the public samples (default: $RASOAT_SHARED_DATA or ../shared/data)
  --quiet-wait <s>    before each run, wait up to s seconds for other processes to leave the
                      machine idle (default 30; 0 = do not wait)
  --keep-temp         keep the temporary directory
  -h, --help          show this help
`;

export function parseFeedsOptions(argv: string[], repoRoot: string): FeedsBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      runs: { type: 'string', default: '3' },
      advisories: { type: 'string', default: '50000' },
      shared: { type: 'string' },
      'quiet-wait': { type: 'string', default: '30' },
      'keep-temp': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  return {
    runs: intOption('--runs', values.runs, 1, 50),
    // The bench's zip writer has no zip64: at most 65,535 entries.
    advisories: intOption('--advisories', values.advisories, 1, 65_000),
    shared: values.shared ?? process.env.RASOAT_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'),
    quietWait: intOption('--quiet-wait', values['quiet-wait'], 0, 3600),
    keepTemp: values['keep-temp'],
  };
}

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

export interface FeedCase {
  id: string;
  label: string;
  /** Paths given to `feeds import`; empty for the start-up baseline. */
  paths: string[];
  /** Import twice into the same database and time the second: the cost of replacing a feed. */
  reimport?: boolean;
  /** Records per second expected of the import (the goal for OSV), when one is set. */
  targetPerS?: number;
}

export const OSV_TARGET_PER_S = 10_000;

/** The public samples present under `shared`, then the synthetic OSV forms. */
export function feedCases(shared: string, osv: { array: string; directory: string; zip: string }): FeedCase[] {
  const samples: FeedCase[] = [
    { id: 'kev', label: 'CISA KEV (1 JSON file)', paths: [join(shared, 'cisa-kev', 'known_exploited_vulnerabilities.json')] },
    { id: 'retirejs', label: 'retire.js jsrepository-v4.json', paths: [join(shared, 'retirejs', 'jsrepository-v4.json')] },
    { id: 'endoflife', label: 'endoflife.date products/ (YAML)', paths: [join(shared, 'endoflife', 'products')] },
    { id: 'endoflife-releases', label: 'endoflife.date release-data/ (JSON)', paths: [join(shared, 'endoflife', 'release-data')] },
  ].filter((c) => c.paths.every(existsSync));
  return [
    ...samples,
    { id: 'osv-array', label: 'synthetic OSV, one JSON array', paths: [osv.array], targetPerS: OSV_TARGET_PER_S },
    { id: 'osv-dir', label: 'synthetic OSV, directory of files', paths: [osv.directory], targetPerS: OSV_TARGET_PER_S },
    { id: 'osv-zip', label: 'synthetic OSV, Debian/all.zip', paths: [osv.zip], targetPerS: OSV_TARGET_PER_S },
    { id: 'osv-zip-again', label: 'synthetic OSV all.zip, re-import (replace)', paths: [osv.zip], reimport: true, targetPerS: OSV_TARGET_PER_S },
    { id: 'startup', label: 'start-up only (rasoat --version)', paths: [] },
  ];
}

/** Records and in-process seconds from the import's lines ("...: 1,404 records in 0.07 s (...)"), summed over feeds. */
export function parseImportLines(stdout: string): { records: number; seconds: number; feeds: number } {
  let records = 0;
  let seconds = 0;
  let feeds = 0;
  for (const match of stdout.matchAll(/: ([\d,]+) records in ([\d.,]+) s /g)) {
    records += Number(match[1]!.replace(/,/g, ''));
    seconds += Number(match[2]!.replace(/,/g, ''));
    feeds++;
  }
  return { records, seconds, feeds };
}
