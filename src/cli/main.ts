import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../core/package-root.js';
import { detectLang } from '../i18n/t.js';
import { makeContext, type CliContext, type GlobalOptions } from './context.js';
import { renderError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { addDistributedScanOptions, registerClusterCommands } from './cluster-commands.js';

/** A command: its parsed arguments are on `command.processedArgs`, its options on `command.opts()`. */
export type Action = (ctx: CliContext, command: Command) => Promise<number>;

/** nmap habits that commander cannot parse as written: -Pn, -iL FILE, -sT. */
export function normaliseArgv(argv: string[]): string[] {
  return argv.flatMap((arg) => {
    if (arg === '-Pn') return ['--skip-discovery'];
    if (arg === '-iL') return ['--targets'];
    if (arg === '-sT') return [];
    if (arg === '-p-') return ['--ports', '-'];
    return [arg];
  });
}

/**
 * Parses the command line and runs one command; returns the exit code. Command modules are
 * imported only when their command runs, so `rasoat --help` never loads SQLite.
 */
export async function main(rawArgv: string[]): Promise<number> {
  const argv = normaliseArgv(rawArgv);
  let exitCode: number = EXIT.ok;
  let ctx: CliContext | undefined;
  const run = (load: () => Promise<Action>) => async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    ctx = makeContext(command.optsWithGlobals<GlobalOptions>());
    const action = await load();
    exitCode = await action(ctx, command);
  };

  const program = new Command('rasoat')
    .description('Security scanner and internal-audit tool for web portals and internal networks.\nScan only systems you are authorised to test.')
    .version(packageVersion(), '-V, --version')
    .option('--db <file|url>', 'audit history: an SQLite file, or a postgres://user@host/db URL (password from PGPASSWORD or ~/.pgpass); default: $RASOAT_DB or the user data directory')
    .option('--lang <vi|en>', 'language of output; default: $RASOAT_LANG or the system locale')
    .option('--config <file>', 'config file; default: $RASOAT_CONFIG or the user config directory')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const scan = program
    .command('scan')
    .description('scan targets, judge the results with the rules and store the audit')
    .argument('[targets...]', 'IP addresses, CIDR ranges (10.0.0.0/24), ranges (10.0.0.1-50), host names, http(s) URLs')
    .option('--targets <file...>', 'YAML targets file(s) grouping targets by agency (also -iL)')
    .option('-p, --ports <spec>', 'ports to probe, nmap style: 22,80,443 | 1-1024 | - (all) | http,https')
    .option('--top-ports <n>', 'probe the N most common ports (default 1000, at most 1000)')
    .option('--exclude <spec...>', 'addresses, ranges or names never to touch')
    .option('--exclude-ports <spec>', 'ports never to touch, on any host')
    .option('--resolve <host:address...>', 'pin a name to an address, like curl (internal DNS)')
    .option('--allow-large', 'accept ranges of more than 65,536 addresses')
    .option('--only <scanners>', 'run only these scanners (comma-separated)')
    .option('--skip <scanners>', 'do not run these scanners (comma-separated)')
    .option('--rules <dir...>', 'extra rule directories')
    .option('--concurrency <n>', 'network operations in flight at once (default 1000, bounded by open-file limit)')
    .option('--host-concurrency <n>', 'network operations in flight per host (default 64)')
    .option('--rate <n>', 'new connections per second per host, 0 for unlimited (default 1000)')
    .option('--max-hosts <n>', 'hosts scanned at once (default 256)')
    .option('--workers <n|auto>', 'threads that scan hosts (default auto: one per core, up to 4, for 8 hosts or more; 0 = this thread)')
    .option('--timeout <ms>', 'longest wait for one probe to answer (default 3000); shorter once the host round-trip is known')
    .option('--retries <n>', 'extra probes of a silent port before calling it filtered (default 1)')
    .option('--task-timeout <s>', 'longest one scanner may spend on one host (default 1800)')
    .option('--skip-discovery', 'treat every host as up, do not check first (also -Pn)')
    .option('--ca-file <file...>', 'PEM file(s) of CAs the audited clients trust besides the system store (agency or government PKI)')
    .option('--tls-ports <spec>', 'ports to check as TLS besides the well-known ones (443, 465, 636, 993, 995, 8443 ...), e.g. 8444,9000')
    .option('--http-ports <spec>', 'ports to check as plain-HTTP web servers besides the well-known ones (80, 8080, 8000 ...), e.g. 8880,9000')
    .option('--https-ports <spec>', 'ports to check as HTTPS web servers besides the well-known ones (443, 8443, 9443 ...), e.g. 8444')
    .option('--starttls <proto:port...>', 'ports whose service upgrades to TLS besides the well-known ones: smtp|imap|pop3|ftp|ldap|postgres, e.g. smtp:2525')
    .option('--cert-expiry-days <n>', 'warn about certificates expiring within N days (default 30)')
    .option('--no-nmap', 'identify services with rasoat\'s own probes only, even when nmap is installed (also RASOAT_NMAP=off)')
    .option('--nmap-path <file>', 'the nmap to run for service versions (default: $RASOAT_NMAP, else nmap on the PATH)')
    .option('--smtp-relay-check', 'ask SMTP servers whether they relay mail to an outside domain (RCPT only, never DATA; off by default)')
    .option('--rule-param <rule.name=value...>', 'set a rule parameter, e.g. tls.certificate.expiring-soon.days=60')
    .option('--profile <name>', 'scan profile: quick | standard | deep | portal | internal, or your own (rasoat profiles); flags given override it')
    .option('--authorization <ref>', 'number of the document approving this test (recorded with the audit)')
    .option('--auditor <name>', 'who runs the audit (default: the system user)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['critical', 'high', 'medium', 'low', 'info']))
    .option('--json', 'write the whole audit as JSON to stdout')
    .option('-q, --quiet', 'no progress bar or summary')
    .option('--tui', 'follow the scan in the terminal UI, then explore its findings (needs a terminal)');
  addDistributedScanOptions(scan).action(run(async () => (await import('./commands/scan.js')).scanAction));
  registerClusterCommands(program, run);

  program
    .command('profiles')
    .description('list scan profiles (built-in, and your own in the profiles folder beside the config file)')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/profiles.js')).profilesAction));

  program
    .command('tui')
    .description('terminal UI: explore findings, triage them, browse and compare audits (scan with: rasoat scan --tui)')
    .argument('[audit]', 'open this audit in the findings explorer (default: the audit history)')
    .action(run(async () => (await import('./commands/tui.js')).tuiAction));

  program
    .command('audits')
    .description('list stored audits, newest first')
    .option('-n, --limit <n>', 'how many', '20')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/audits.js')).auditsAction));
  program
    .commands.find((c) => c.name() === 'audits')!
    .command('verify-trail')
    .description('check the audit trail (who ran what, when, on which scope) has not been altered: its hash chain must be intact')
    .action(run(async () => (await import('./commands/trail.js')).verifyTrailAction));

  program
    .command('show')
    .description('show one audit: hosts, open ports and findings by severity')
    .argument('<audit>', 'audit number, latest, latest~1, or a uuid prefix')
    .option('--all', 'also list passed, not assessed and not applicable rules')
    .addOption(new Option('--min-severity <severity>', 'hide failures below this severity').choices(['critical', 'high', 'medium', 'low', 'info']))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when the audit has a failure at least this severe').choices(['critical', 'high', 'medium', 'low', 'info']))
    .option('--json', 'the whole audit as JSON')
    .action(run(async () => (await import('./commands/show.js')).showAction));

  program
    .command('diff')
    .description('compare two audits: new, fixed, still open, and not re-checked findings')
    .argument('<before>', 'the earlier audit')
    .argument('<after>', 'the later audit')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/diff.js')).diffAction));

  program
    .command('verify')
    .description('after patching: re-run only the checks behind open failures, on their hosts and ports, as a new linked audit')
    .argument('<audit|fingerprint...>', 'audits (every open failure of each) or finding fingerprints')
    .option('--rules <dir...>', 'extra rule directories')
    .option('--authorization <ref>', 'approval document of this re-test (default: the original audit\'s)')
    .option('--auditor <name>', 'who runs it (default: the system user)')
    .option('--json', 'results as JSON')
    .option('-q, --quiet', 'no progress')
    .action(run(async () => (await import('./commands/verify.js')).verifyAction));

  const findings = program.command('findings').description('findings across audits: status (open, fixed, reopened, accepted risk, false positive), first and last seen, days open, SLA');
  findings
    .command('list', { isDefault: true })
    .description('list findings with their lifecycle (the default)')
    .option('--status <list>', 'only these: open, reopened, fixed, accepted-risk, false-positive (comma-separated)')
    .option('--overdue', 'only findings past their SLA deadline')
    .option('--agency <name>', 'only hosts of this agency (targets file groups)')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/findings.js')).findingsListAction));
  const triage: Array<[string, string, 'accepted-risk' | 'false-positive' | 'open']> = [
    ['accept', 'accept the risk of failures (hidden from scores until --until)', 'accepted-risk'],
    ['false-positive', 'mark failures as false positives', 'false-positive'],
    ['reopen', 'withdraw an acceptance or false-positive mark', 'open'],
  ];
  for (const [name, description, status] of triage) {
    const sub = findings.command(name).description(description).argument('<fingerprint...>', 'fingerprints (or 9+ leading hex digits)').option('--reason <text>', 'why (required to accept or mark)').option('--by <name>', 'who decides (default: the configured auditor or system user)');
    if (status === 'accepted-risk') sub.option('--until <date>', 'the acceptance ends on this date (YYYY-MM-DD); the finding counts again after it');
    sub.action(run(async () => (await import('./commands/findings-triage.js')).triageAction(status)));
  }

  program
    .command('trend')
    .description('failures by severity, risk score and grade over the latest audits, overall and per agency, with a sparkline')
    .option('-n, --limit <n>', 'how many audits (default 12)')
    .option('--json', 'the series as JSON')
    .action(run(async () => (await import('./commands/trend.js')).trendAction));

  const drill = program.command('drill').description('periodic drills: a named inventory, a profile and a schedule (drills/NAME.yaml beside the config file)');
  drill
    .command('status')
    .description('target groups of each drill, their last audit and next due date (by protection level: yearly L1-2, 6-monthly L3, quarterly L4, monthly L5)')
    .option('--overdue', 'only overdue groups')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/drill.js')).drillStatusAction));
  drill
    .command('run')
    .description('run a drill now, record the audit under it, and show what changed since its last run')
    .argument('<name>', 'the drill')
    .option('--auditor <name>', 'who runs it (default: the configured auditor or system user)')
    .option('--json', 'result and changes as JSON')
    .option('-q, --quiet', 'print nothing')
    .action(run(async () => (await import('./commands/drill-run.js')).drillRunAction));
  drill
    .command('schedule')
    .description('print the crontab line and systemd timer that run a drill on its schedule, or --install them')
    .argument('<name>', 'the drill')
    .addOption(new Option('--format <kind>', 'print only one of them').choices(['cron', 'systemd']))
    .option('--install', 'write them: the systemd service and timer (default) or the crontab line')
    .option('--systemd', 'with --install: the service and timer into --unit-dir')
    .option('--cron', 'with --install: the line into --crontab-file (once; installing again replaces it)')
    .option('--unit-dir <dir>', 'where the units go (default /etc/systemd/system; ~/.config/systemd/user for your own)')
    .option('--crontab-file <file>', 'the crontab file to add the line to (/etc/cron.d/NAME, or a file you load with crontab FILE)')
    .option('--dry-run', 'show what --install would write, and write nothing')
    .action(run(async () => (await import('./commands/drill-schedule.js')).drillScheduleAction));

  program
    .command('daemon')
    .description('run drills on their schedules in this process (as drill schedule prints them), one at a time, until Ctrl-C or SIGTERM')
    .option('--drills <names>', 'only these drills (comma-separated; default: every drill)')
    .option('--every <seconds>', 'run each drill every N seconds instead of on its calendar (to try a drill out)')
    .action(run(async () => (await import('./commands/daemon.js')).daemonAction));

  program
    .command('report')
    .description('write a report of an audit (json, csv, html, pdf, sarif, md), a change report (--compare) or a compliance report (--framework)')
    .argument('<audit>', 'audit number, latest, latest~1, or a uuid prefix')
    .option('-f, --format <format>', 'json | csv | html | pdf | sarif | md (default: from --out, else html)')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .option('--compare <audit>', 'show what changed since this audit: new, fixed, still open, reopened')
    .option('--framework <id>', 'compliance report against a control catalogue: tcvn14423-2026, tcvn11930-2017, circular12-2022, asvs-5.0.0, cis-v8, iso27001-2022, nist80053-r5, pcidss-4.0.1')
    .option('--level <1-5>', 'protection level of targets whose group states none (Vietnamese catalogues)')
    .option('--trend [n]', 'html, pdf, md, json: the trend over up to N earlier audits of the same scope (on by default, N = 6)')
    .option('--no-trend', 'no trend (as --trend 0)')
    .option('--no-suppressions', 'count every failure, as if no one had accepted a risk or marked a false positive')
    .option('--all', 'CSV and Markdown: every verdict, not only failures')
    .option('--rules <dir...>', 'extra rule directories (and their control catalogues)')
    .option('-q, --quiet', 'do not confirm the file written')
    .action(run(async () => (await import('./commands/report.js')).reportAction));

  program
    .command('rejudge')
    .description("re-run today's rules over an audit's stored observations (sends no packets)")
    .argument('<audit>', 'audit to rejudge')
    .option('--rules <dir...>', 'extra rule directories')
    .option('--cert-expiry-days <n>', 'warn about certificates expiring within N days (default 30)')
    .option('--rule-param <rule.name=value...>', 'set a rule parameter, e.g. tls.certificate.expiring-soon.days=60')
    .action(run(async () => (await import('./commands/rejudge.js')).rejudgeAction));

  const feeds = program.command('feeds').description('offline vulnerability and lifecycle data (CISA KEV, OSV, retire.js, endoflife.date) imported from files');
  feeds
    .command('import')
    .description('import feed files or directories; each replaces its previous copy (by type and name)')
    .argument('<path...>', 'files, directories of them, or an OSV all.zip')
    .addOption(new Option('--type <type>', 'read as this format instead of recognising it by content').choices(['kev', 'osv', 'retirejs', 'endoflife', 'endoflife-releases']))
    .action(run(async () => (await import('./commands/feeds-import.js')).feedsImportAction));
  feeds
    .command('status')
    .description('imported feeds: version, data date, records, age in days; STALE when older than the limit (30 days for kev, osv, retirejs; 365 for endoflife)')
    .option('--max-age-days <n>', 'one age limit in days for every feed')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/feeds-status.js')).feedsStatusAction));

  const db = program.command('db').description('the audit history database: upgrade its schema, copy it to another file or PostgreSQL server');
  db.command('migrate')
    .description('bring the history (--db) up to date with this rasoat, creating it when empty; prints the migrations applied')
    .action(run(async () => (await import('./commands/db.js')).dbMigrateAction));
  db.command('copy')
    .description('copy a whole history (audits, triage, feeds, audit trail) into another; audits already there are skipped, so running it again copies nothing')
    .option('--from <file|url>', 'the history to copy (default: --db)')
    .requiredOption('--to <file|url>', 'the history to copy into (created or upgraded as needed)')
    .option('-q, --quiet', 'no progress lines, only the summary')
    .action(run(async () => (await import('./commands/db.js')).dbCopyAction));

  const rules = program.command('rules').description('list and check rules');
  rules
    .command('list')
    .description('list the rules, with severity and category')
    .option('--rules <dir...>', 'extra rule directories')
    .option('--json', 'as JSON')
    .action(run(async () => (await import('./commands/rules.js')).rulesListAction));
  rules
    .command('lint')
    .description('check rule files; prints file:line for every problem')
    .argument('[dirs...]', 'rule directories (default: the built-in rules)')
    .action(run(async () => (await import('./commands/rules.js')).rulesLintAction));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    const lang = ctx?.lang ?? detectLang(undefined, process.env);
    const rendered = renderError(error, lang, { version: packageVersion(), argv: rawArgv });
    process.stderr.write(`${rendered.line}\n`);
    return rendered.exitCode;
  }
}
