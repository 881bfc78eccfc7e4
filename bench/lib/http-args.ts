import { parseArgs } from 'node:util';
import { loopbackSubnet } from './safety.js';

export interface HttpBenchOptions {
  subnet: string;
  hosts: number;
  /** Hosts of the second rasoat run that shows how memory grows with the fleet; 0 skips it. */
  smallHosts: number;
  runs: number;
  /** Hosts whose requests the one-curl-per-request loop replays; 0 skips it. */
  loopHosts: number;
  /** curl processes at once in the xargs baseline. */
  parallel: number;
  /** Extra rasoat variants, flags without dashes: "rate=20". */
  variants: Array<{ label: string; args: string[] }>;
  /** Another checkout of rasoat, built, run beside this one with its defaults (before/after a change). */
  compareBuild: string | null;
  keepTemp: boolean;
  quietWait: number;
  quietBudget: number;
}

export const HTTP_USAGE = `Usage: node dist/bench/http.js [options]

Benchmarks rasoat's HTTP scanner (transport, headers, cookies, exposure paths) on a fleet of
loopback web sites against curl replaying the same requests (one process, a loop of processes,
xargs -P), and checks that rasoat reports the planted exposures and nothing on catch-all sites.

  --subnet <a.b.c>    /24 of the fleet, inside 127.0.0.0/8 (default 127.0.100)
  --hosts <n>         hosts <subnet>.1 .. <subnet>.n, 6-254 (default 254)
  --small-hosts <n>   hosts of the extra rasoat run comparing peak memory (default 64; 0 = skip)
  --runs <n>          runs of each command; the median is reported (default 3)
  --loop-hosts <n>    hosts replayed by the one-curl-per-request loop, extrapolated to the fleet
                      (default 12; 0 = skip)
  --parallel <n>      curl processes at once in the xargs baseline (default 4)
  --variant <spec>    extra rasoat variant, flags without dashes: --variant rate=20 (repeatable);
                      rasoat with its defaults and with --rate 0 always run
  --compare-build <dir>  another built checkout of rasoat (e.g. the commit before a change),
                      run with its defaults beside this one: before/after in the same bench
  --quiet-wait <s>    before each run, wait up to s seconds for other processes to leave the
                      machine idle (default 60; 0 = do not wait)
  --quiet-budget <s>  wait at most s seconds in all (default 240)
  --keep-temp         keep the temporary directory (databases, curl configs)
  -h, --help          show this help
`;

export function parseHttpOptions(argv: string[]): HttpBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      subnet: { type: 'string', default: '127.0.100' },
      hosts: { type: 'string', default: '254' },
      'small-hosts': { type: 'string', default: '64' },
      runs: { type: 'string', default: '3' },
      'loop-hosts': { type: 'string', default: '12' },
      parallel: { type: 'string', default: '4' },
      variant: { type: 'string', multiple: true },
      'compare-build': { type: 'string' },
      'keep-temp': { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '60' },
      'quiet-budget': { type: 'string', default: '240' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const subnet = loopbackSubnet(values.subnet);
  const hosts = intOption('--hosts', values.hosts, 6, 254);
  return {
    subnet,
    hosts,
    smallHosts: intOption('--small-hosts', values['small-hosts'], 0, hosts - 1),
    runs: intOption('--runs', values.runs, 1, 100),
    loopHosts: intOption('--loop-hosts', values['loop-hosts'], 0, hosts),
    parallel: intOption('--parallel', values.parallel, 1, 64),
    variants: (values.variant ?? []).map(parseVariant),
    compareBuild: values['compare-build'] ?? null,
    keepTemp: values['keep-temp'],
    quietWait: intOption('--quiet-wait', values['quiet-wait'], 0, 3600),
    quietBudget: intOption('--quiet-budget', values['quiet-budget'], 0, 36_000),
  };
}

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

function parseVariant(spec: string): { label: string; args: string[] } {
  const args: string[] = [];
  for (const part of spec.split(',')) {
    const match = /^([a-z][a-z-]*)(?:=(.+))?$/.exec(part.trim());
    if (!match) throw new Error(`bad --variant "${spec}": expected name=value[,name=value...]`);
    const [, name, value] = match;
    if (['exclude-ports', 'ports', 'p', 'only', 'db', 'exclude'].includes(name!)) throw new Error(`--variant may not override --${name}`);
    args.push(`--${name}`);
    if (value !== undefined) args.push(value);
  }
  return { label: `rasoat ${args.join(' ')}`, args };
}
