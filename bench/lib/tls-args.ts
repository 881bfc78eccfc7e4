import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loopbackSubnet } from './safety.js';

export interface TlsBenchOptions {
  subnet: string;
  hosts: number;
  port: number;
  runs: number;
  /** Endpoints testssl.sh examines (it is slow); 0 skips it. */
  testsslHosts: number;
  testsslRuns: number;
  /** sslscan processes at once in the parallel variant. */
  parallel: number;
  /** nginx worker processes. */
  nginxWorkers: number;
  keepTemp: boolean;
  /** Longest wait for an idle machine before each run, in seconds; 0 to never wait. */
  quietWait: number;
  /** Longest wait for an idle machine over the whole bench, in seconds. */
  quietBudget: number;
}

export const TLS_USAGE = `Usage: node dist/bench/tls.js [options]

Benchmarks rasoat's TLS scanner against sslscan (sequential and parallel) and testssl.sh on a
fleet of nginx TLS endpoints on loopback, and checks that rasoat and sslscan see the same
protocols and cipher suites on every endpoint.

  --subnet <a.b.c>      /24 of the fleet, inside 127.0.0.0/8 (default 127.0.80)
  --hosts <n>           endpoints <subnet>.1 .. <subnet>.n, 12-250 (default 100); some hosts
                        also answer under an SNI name, scanned as extra endpoints
  --port <n>            TLS port of every endpoint (default 8443)
  --runs <n>            runs of each fleet-wide command; the median is reported (default 3)
  --testssl-hosts <n>   endpoints testssl.sh examines, one process each (default 2; 0 = skip)
  --testssl-runs <n>    runs of testssl.sh per endpoint (default 1: it is slow)
  --parallel <n>        sslscan processes at once in the parallel variant (default 2 x CPUs = ${2 * cpus().length})
  --nginx-workers <n>   nginx worker processes (default: one per CPU = ${cpus().length})
  --quiet-wait <s>      before each run, wait up to s seconds for other processes to leave
                        the machine idle (default 60; 0 = do not wait)
  --quiet-budget <s>    wait at most s seconds in all (default 180); later runs go ahead
  --keep-temp           keep the temporary directory (nginx prefix, databases, XML, JSON)
  -h, --help            show this help
`;

export function parseTlsOptions(argv: string[]): TlsBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      subnet: { type: 'string', default: '127.0.80' },
      hosts: { type: 'string', default: '100' },
      port: { type: 'string', default: '8443' },
      runs: { type: 'string', default: '3' },
      'testssl-hosts': { type: 'string', default: '2' },
      'testssl-runs': { type: 'string', default: '1' },
      parallel: { type: 'string', default: String(2 * cpus().length) },
      'nginx-workers': { type: 'string', default: String(cpus().length) },
      'keep-temp': { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '60' },
      'quiet-budget': { type: 'string', default: '180' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;

  const subnet = loopbackSubnet(values.subnet);
  const port = intOption('--port', values.port, 1, 65535);
  if (port === 2024) throw new Error('--port may not be 2024');
  return {
    subnet,
    hosts: intOption('--hosts', values.hosts, 12, 250),
    port,
    runs: intOption('--runs', values.runs, 1, 100),
    testsslHosts: intOption('--testssl-hosts', values['testssl-hosts'], 0, 20),
    testsslRuns: intOption('--testssl-runs', values['testssl-runs'], 1, 20),
    parallel: intOption('--parallel', values.parallel, 1, 256),
    nginxWorkers: intOption('--nginx-workers', values['nginx-workers'], 1, 64),
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
