import { parseArgs } from 'node:util';

export interface ReportBenchOptions {
  hosts: number;
  failures: number;
  /** Earlier audits of the same scope in the history. */
  earlier: number;
  runs: number;
  seed: number;
  lang: 'vi' | 'en';
  /** Case ids to run (all when empty). */
  only: string[];
  pdf: boolean;
  /** Reuse (or create and keep) this history database instead of a temporary one. */
  db: string | null;
  keepTemp: boolean;
  /** After the timed runs, run each case once more under `node --cpu-prof` and show its hot spots. */
  cpuProf: boolean;
  /** Longest wait for an idle machine before each run, in seconds; 0 to never wait. */
  quietWait: number;
}

export const REPORT_USAGE = `Usage: node dist/bench/reports.js [options]

Times \`rasoat report\` in every format on a synthetic audit of 1,000 hosts with 10,000 failing
findings (plus passes and observations), written to a temporary history through rasoat's store.

  --hosts <n>        hosts in the synthetic audit (default 1000)
  --failures <n>     failing findings in the audit reported on (default 10000)
  --earlier <n>      earlier audits of the same scope, a quarter apart, each as large
                     (default 1: the one --compare compares with, and one trend point)
  --runs <n>         timed runs of each command; the median is reported (default 3)
  --seed <n>         seed of the synthetic province (default 1)
  --lang <vi|en>     language of the reports (default vi)
  --only <ids>       run only these cases, comma-separated (json,csv,html,sarif,md,compare-html,
                     tcvn-html,tcvn-json,iso-html,iso-json,pdf,node-startup,rasoat-startup)
  --no-pdf           skip the PDF case even when Chromium is installed
  --db <file>        use this history database: built there when missing, reused (and kept)
                     when it holds the bench's audits for the same --seed, --hosts, --failures
                     and --earlier
  --cpu-prof         afterwards, run each case once under node --cpu-prof and print where
                     its time goes and its hottest functions (profiles kept with --keep-temp)
  --quiet-wait <s>   before each run, wait up to s seconds for other processes to leave the
                     machine idle (default 60; 0 = do not wait)
  --keep-temp        keep the temporary directory (database, reports, profiles)
  -h, --help         show this help
`;

export function parseReportOptions(argv: string[]): ReportBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      hosts: { type: 'string', default: '1000' },
      failures: { type: 'string', default: '10000' },
      earlier: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      lang: { type: 'string', default: 'vi' },
      only: { type: 'string' },
      'no-pdf': { type: 'boolean', default: false },
      db: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '60' },
      'keep-temp': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (values.lang !== 'vi' && values.lang !== 'en') throw new Error(`--lang must be vi or en, got "${values.lang}"`);
  const hosts = intOption('--hosts', values.hosts, 1, 62_500);
  return {
    hosts,
    failures: intOption('--failures', values.failures, 0, 10_000_000),
    earlier: intOption('--earlier', values.earlier, 1, 50),
    runs: intOption('--runs', values.runs, 1, 100),
    seed: intOption('--seed', values.seed, 0, 2 ** 32 - 1),
    lang: values.lang,
    only: (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    pdf: !values['no-pdf'],
    db: values.db ?? null,
    keepTemp: values['keep-temp'],
    cpuProf: values['cpu-prof'],
    quietWait: intOption('--quiet-wait', values['quiet-wait'], 0, 3600),
  };
}

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}
