import { parseArgs } from 'node:util';
import { loopbackSubnet } from './safety.js';

export interface Variant {
  label: string;
  args: string[];
}

export interface BenchOptions {
  subnet: string;
  hosts: number;
  runs: number;
  seed: number;
  t4: boolean;
  variants: Variant[];
  keepTemp: boolean;
  /** Longest wait for an idle machine before each run, in seconds; 0 to never wait. */
  quietWait: number;
}

const DEFAULT_VARIANTS = [
  'rate=0',
  'host-concurrency=128',
  'concurrency=2000',
  'rate=0,host-concurrency=128,concurrency=2000',
];

export const USAGE = `Usage: node dist/bench/ports.js [options]

Benchmarks rasoat's port scanner against nmap -sT on a fleet of loopback listeners.

  --subnet <a.b.c>   /24 of the fleet, must be inside 127.0.0.0/8 (default 127.0.1)
  --hosts <n>        hosts <subnet>.1 .. <subnet>.n, 1-254 (default 254)
  --runs <n>         runs of each command; the median is reported (default 3)
  --seed <n>         seed of the fleet's port choice (default 1)
  --no-t4            skip the extra nmap -T4 runs
  --variant <spec>   rasoat tuning variant, flags without dashes, comma-separated:
                     --variant rate=0,host-concurrency=128 (repeatable; replaces the defaults)
  --no-variants      skip the tuning variants
  --quiet-wait <s>   before each run, wait up to s seconds for other processes to leave
                     the machine idle (default 120; 0 = do not wait)
  --keep-temp        keep the temporary directory (databases, XML, JSON)
  -h, --help         show this help
`;

export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      subnet: { type: 'string', default: '127.0.1' },
      hosts: { type: 'string', default: '254' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      'no-t4': { type: 'boolean', default: false },
      variant: { type: 'string', multiple: true },
      'no-variants': { type: 'boolean', default: false },
      'keep-temp': { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '120' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;

  const subnet = loopbackSubnet(values.subnet);
  const specs = values['no-variants'] ? [] : (values.variant ?? DEFAULT_VARIANTS);
  return {
    subnet,
    hosts: intOption('--hosts', values.hosts, 1, 254),
    runs: intOption('--runs', values.runs, 1, 100),
    seed: intOption('--seed', values.seed, 0, 2 ** 32 - 1),
    t4: !values['no-t4'],
    variants: specs.map(parseVariant),
    keepTemp: values['keep-temp'],
    quietWait: intOption('--quiet-wait', values['quiet-wait'], 0, 3600),
  };
}

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

/** `rate=0,host-concurrency=128` -> ['--rate', '0', '--host-concurrency', '128'] */
function parseVariant(spec: string): Variant {
  const args: string[] = [];
  for (const part of spec.split(',')) {
    const match = /^([a-z][a-z-]*)(?:=(.+))?$/.exec(part.trim());
    if (!match) throw new Error(`bad --variant "${spec}": expected name=value[,name=value...]`);
    const [, name, value] = match;
    if (name === 'exclude-ports' || name === 'top-ports' || name === 'db') {
      throw new Error(`--variant may not override --${name}`);
    }
    args.push(`--${name}`);
    if (value !== undefined) args.push(value);
  }
  return { label: `rasoat ${args.join(' ')}`, args };
}
