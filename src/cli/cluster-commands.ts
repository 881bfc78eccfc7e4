import type { Command } from 'commander';
import type { Action } from './main.js';

type Run = (load: () => Promise<Action>) => (...args: unknown[]) => Promise<void>;

const QUEUE = '--queue <url>';
const QUEUE_HELP = 'queue engine: redis://host:port, rediss://host:port (TLS) or unix:///path/redis.sock (default: $RASOAT_QUEUE, the credentials file, or queue.url in the config)';
const CREDENTIALS = '--credentials <file>';
const CREDENTIALS_HELP = 'credentials file (user, password, TLS files; rasoat agents add writes one); default: $RASOAT_QUEUE_CREDENTIALS or queue.credentials in the config';

/** The options `rasoat scan` takes to run distributed. */
export function addDistributedScanOptions(scan: Command): Command {
  return scan
    .option('--distributed', 'split the audit into jobs for the agents of each target group\'s segment (targets file: segment), and judge and store their results here')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .option('--chunk-size <n>', 'hosts per job (default 256)')
    .option('--agent-wait <s>', 'seconds a segment may be without a live agent before its hosts are reported not assessed (default 60)')
    .option('--detach', 'submit the distributed audit to rasoat server and return at once');
}

/** rasoat server, rasoat agent, rasoat agents. */
export function registerClusterCommands(program: Command, run: Run): void {
  program
    .command('server')
    .description('central coordinator of distributed audits: takes audits submitted with scan --distributed --detach, resumes unfinished ones, judges and stores results')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .option('--once', 'resume the unfinished audits, then exit instead of waiting for new ones')
    .action(run(async () => (await import('./commands/server.js')).serverAction));

  program
    .command('jobs')
    .description('a distributed audit job by job (or target by target with --hosts): done, running (on which agent), waiting, not assessed and why')
    .argument('<audit>', 'audit number, latest, or a uuid prefix')
    .option('--hosts', 'one line per target')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/jobs.js')).jobsAction));

  program
    .command('agent')
    .description('scan agent inside a network segment: connects out to the queue (never listens), runs its segment\'s jobs, posts the facts back')
    .option('--segment <name>', 'the segment whose jobs to take (default: from the credentials file)')
    .option('--allow <spec...>', 'what this agent may ever scan, whatever a job says: ranges and names (default: from the credentials file)')
    .option('--name <name>', 'how the agent is listed (default: the queue user, else host-pid)')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .option('--lock <s>', 'seconds without a sign of life before a job of this agent goes to another one (default 30)')
    .option('--heartbeat <s>', 'seconds between heartbeats (default 5)')
    .action(run(async () => (await import('./commands/agent.js')).agentAction));

  const agents = program
    .command('agents')
    .description('agents that reported to the queue: segment, version, last heartbeat, jobs done and failed')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/agents.js')).agentsListAction));
  agents
    .command('add')
    .description('create an agent\'s own queue credentials (a Redis ACL user that may use only its segment\'s queues) and write its credentials file')
    .argument('<name>', 'agent name (letters, digits, - and _)')
    .requiredOption('--segment <name>', 'the one segment it may take jobs of')
    .requiredOption('--allow <spec...>', 'what it may scan (written to its credentials file)')
    .requiredOption('-o, --out <file>', 'where to write its credentials file (mode 600)')
    .option('--agent-queue <url>', 'the queue address as the agent reaches it (default: the same as --queue)')
    .option('--ca <file>', 'TLS: the CA file the agent checks the queue\'s certificate with')
    .option('--cert <file>', 'TLS: the agent\'s client certificate')
    .option('--key <file>', 'TLS: the agent\'s client key')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .action(run(async () => (await import('./commands/agents.js')).agentsAddAction));
  agents
    .command('remove')
    .description('revoke an agent\'s queue credentials and forget its heartbeats')
    .argument('<name>', 'agent name')
    .option(QUEUE, QUEUE_HELP)
    .option(CREDENTIALS, CREDENTIALS_HELP)
    .action(run(async () => (await import('./commands/agents.js')).agentsRemoveAction));
}
