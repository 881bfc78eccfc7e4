import { parseArgs } from 'node:util';

export interface DistBenchOptions {
  /** Loopback targets: the first `hosts` addresses of 127.66.0.0/16. */
  hosts: number;
  /** Of which this many run web sites (port 8080, and 8443 for the HTTPS ones), spread evenly. */
  sites: number;
  /** Agent counts of the distributed runs, each with rasoat's default chunk size. */
  agents: number[];
  /** Chunk sizes tried beside the default for `chunkAgents` agents; empty skips the comparison. */
  chunkSizes: number[];
  chunkAgents: number;
  /** Trivial jobs of the queue-overhead runs (one host each against one job of them all); 0 skips it. */
  overheadJobs: number;
  runs: number;
  quietWait: number;
  quietBudget: number;
  /** Longest a single scan may take before it is killed and reported failed. */
  runTimeout: number;
  keepTemp: boolean;
}

/** rasoat's own default (src/cli/distributed-scan.ts); the agent-count runs use it. */
export const DEFAULT_CHUNK_SIZE = 256;
/** The subnet of this bench, and nothing else. */
export const BENCH_NET = '127.66';

export const DIST_USAGE = `Usage: node dist/bench/distributed.js [options]

Times one audit of loopback targets (port and HTTP checks) in-process and distributed
(rasoat scan --distributed, with 1, 2 and 4 agent processes on a Redis started by the bench on a
Unix socket), compares chunk sizes, measures the queue's cost per job and the central store's
write rate, and checks that every distributed audit stored what the in-process one stored.

  --hosts <n>          targets: the first n addresses of 127.66.0.0/16 (default 10000)
  --sites <n>          of which n run web sites on 8080 (8443 too for the HTTPS ones) (default 300)
  --agents <list>      agent counts of the distributed runs, chunk size ${DEFAULT_CHUNK_SIZE} (default 1,2,4)
  --chunk-sizes <list> other chunk sizes to try (default 64,1024; "none" = skip)
  --chunk-agents <n>   agents for the chunk-size runs (default 2)
  --overhead-jobs <n>  trivial one-host jobs for the per-job queue overhead, at most 256
                       (default 200; 0 = skip)
  --runs <n>           runs of each variant; the median is reported (default 1)
  --quiet-wait <s>     before each run, wait up to s seconds for other processes to leave the
                       machine idle (default 15; 0 = do not wait)
  --quiet-budget <s>   wait at most s seconds in all (default 45)
  --run-timeout <s>    kill a scan that takes longer (default 900)
  --keep-temp          keep the temporary directory (databases, logs, Redis config)
  -h, --help           show this help
`;

export function parseDistOptions(argv: string[]): DistBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      hosts: { type: 'string', default: '10000' },
      sites: { type: 'string', default: '300' },
      agents: { type: 'string', default: '1,2,4' },
      'chunk-sizes': { type: 'string', default: '64,1024' },
      'chunk-agents': { type: 'string', default: '2' },
      'overhead-jobs': { type: 'string', default: '200' },
      runs: { type: 'string', default: '1' },
      'quiet-wait': { type: 'string', default: '15' },
      'quiet-budget': { type: 'string', default: '45' },
      'run-timeout': { type: 'string', default: '900' },
      'keep-temp': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  // 127.66.255.0/24 is kept for the queue-overhead runs.
  const hosts = intOption('--hosts', values.hosts, 1, 255 * 256);
  const sites = intOption('--sites', values.sites, 0, hosts);
  const chunkSizes = values['chunk-sizes'] === 'none' ? [] : intList('--chunk-sizes', values['chunk-sizes'], 1, 100_000);
  return {
    hosts,
    sites,
    agents: intList('--agents', values.agents, 1, 16),
    chunkSizes: chunkSizes.filter((c) => c !== DEFAULT_CHUNK_SIZE),
    chunkAgents: intOption('--chunk-agents', values['chunk-agents'], 1, 16),
    overheadJobs: intOption('--overhead-jobs', values['overhead-jobs'], 0, 256),
    runs: intOption('--runs', values.runs, 1, 20),
    quietWait: intOption('--quiet-wait', values['quiet-wait'], 0, 3600),
    quietBudget: intOption('--quiet-budget', values['quiet-budget'], 0, 36_000),
    runTimeout: intOption('--run-timeout', values['run-timeout'], 10, 36_000),
    keepTemp: values['keep-temp'],
  };
}

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

function intList(name: string, raw: string, min: number, max: number): number[] {
  const list = raw.split(',').map((part) => intOption(name, part.trim(), min, max));
  return [...new Set(list)];
}
