import { tuiEn } from './tui-en.js';
import { workflowEn } from './workflow-en.js';
import { clusterEn } from './cluster-en.js';
import { feedsEn } from './feeds-en.js';
import { storeEn } from './store-en.js';

/**
 * English messages. Every id must also exist in vi.ts (the type of `vi` enforces it). Placeholders
 * are {name}. Error messages say what happened and how to fix it, in one line.
 */
export const en = {
  'error.internal': 'internal error: {detail}. This is a bug in rasoat {version}; please report it with the command ({command}) and this line.',

  'target.empty': 'an empty target was given: remove the empty entry',
  'target.invalid': '"{input}" is not a valid target: give an IP address, a CIDR range (10.0.0.0/24), an address range (10.0.0.1-50), a host name or an http(s) URL',
  'target.badScheme': '"{input}": only http:// and https:// URLs can be targets; give the host name or address for other services',
  'target.urlCredentials': '"{input}": remove the user name and password from the URL; credentials do not belong in a targets list',
  'target.badCidr': '"{input}": the prefix length must be 0-32 for IPv4 or 0-128 for IPv6',
  'target.badRange': '"{input}": the end of the range is below its start; write the smaller address first',
  'target.tooLarge': '{input} covers {count} addresses, more than the {limit} allowed by default (a /16); check the prefix, or pass --allow-large if you mean it',
  'target.enormous': '{input} covers {count} addresses, more than rasoat will enumerate ({limit}); split it into smaller ranges',
  'target.none': 'no targets given: name at least one address, range, host name or URL, or pass --targets FILE',

  'file.yamlSyntax': 'YAML syntax error: {detail}',
  'file.unreadable': 'cannot read {file} ({detail}): check the path and permissions',
  'file.invalid': '{detail}',
  'file.noTargets': 'the targets file lists no targets: add them under "targets:" or under a group',

  'scope.port': 'port {port} of {host} is excluded from this audit (--exclude-ports)',
  'scope.excluded': '{host} ({address}) is excluded from this audit',
  'scope.host': '{host} is outside the scope of this audit: only the targets given may be touched',

  'ports.udp': '"{spec}": UDP scanning is not supported yet; give TCP ports',
  'ports.outOfRange': '"{spec}": ports are numbers from 1 to 65535',
  'ports.reversed': '"{spec}": the end of the port range is below its start',
  'ports.invalid': '"{spec}" is not a port, a port range (1-1024) or a known service name',
  'ports.topTooMany': '--top-ports {value}: rasoat ranks the 1000 most common ports; use -p for more (-p- scans all 65535)',

  'scanner.unknown': 'unknown scanner "{id}"; the scanners are: {known}',
  'scanner.needs': 'scanner "{id}" needs the results of "{needs}", which --skip removes',
  'scanner.none': 'no scanner left to run: check --only and --skip',

  'rules.invalid': '{detail}',
  'rules.count': '{count} rules (rules version {version})',
  'rules.lintOk': '{count} rules in {files} files: no problems',
  'rules.lintFailed': '{count} problem(s) in the rule files',

  'store.isDirectory': '{path} is a directory, not a database file: give a file name with --db',
  'store.missing': 'there is no audit history at {path} yet: run a scan first, or point --db at an existing history',
  'store.cannotOpen': 'cannot open the audit history {path}: {detail}. Check the path and its permissions, or choose another file with --db',
  'store.notRasoat': '{path} is an SQLite database but not a rasoat audit history; rasoat will not touch it. Choose another file with --db',
  'store.notDatabase': '{path} is not a readable rasoat audit history (not SQLite, or damaged); rasoat has not changed it. Move it aside or choose another file with --db',
  'store.newerSchema': '{path} was written by a newer rasoat (schema {migration}); upgrade rasoat to read it',
  'store.needsMigration': '{path} was written by an older rasoat; run rasoat db migrate (or any writing command, such as a scan) once to upgrade it',
  'store.readOnly': 'the audit history {path} is read-only: give rasoat write permission, or choose another file with --db',
  'store.busy': 'the audit history {path} is locked by another process: wait for it to finish and try again',
  'store.full': 'the disk holding {path} is full: free space; results recorded so far are kept',

  'audit.badRef': '"{ref}" does not name an audit: use its number, latest, latest~1, or the start of its uuid',
  'audit.notFound': 'no audit "{ref}" in {path}: list them with "rasoat audits"',
  'audit.ambiguous': '"{ref}" matches more than one audit: give more of the uuid, or the audit number',

  'cli.badLang': '--lang {value}: choose vi or en',
  'cli.badNumber': '{flag} {value}: give a whole number of at least {min}',
  'cli.badResolve': '--resolve {value}: write NAME:ADDRESS, e.g. portal.example.gov.vn:10.0.0.5',
  'cli.badRuleParam': '--rule-param {value}: write RULE.PARAMETER=VALUE, e.g. tls.certificate.expiring-soon.days=60',
  'cli.badNmapPath': '--nmap-path {value}: no executable there; give the path of nmap, or --no-nmap to scan without it',
  'cli.badStarttls': '--starttls {value}: write PROTOCOL:PORT, e.g. smtp:2525 (protocols: smtp, imap, pop3, ftp, ldap, postgres)',
  'tls.caFileEmpty': '{file} holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the CA certificate in PEM form',
  'tls.caFileBad': '{file}: certificate number {index} is not a valid X.509 certificate; fix or remove it',

  'scan.authorizationRequired': 'this installation requires an authorisation reference for every audit: pass --authorization "NUMBER" or set authorization: in the targets file',
  'scan.noAuthorization': 'note: no authorisation reference recorded (--authorization); scan only systems you are approved to test',
  'scan.starting': 'audit #{id}: {hosts} host(s), scanners: {scanners}, {rules} rules',
  'scan.stopping': 'stopping: finishing what is in flight and keeping the results (Ctrl-C again to quit at once)',
  'scan.forceQuit': 'quitting now; results stored so far are kept and the audit will show as interrupted',
  'scan.hostUnreachable': 'rasoat: {host}: {reason}; nothing about it could be assessed (use -Pn to scan a host that drops probes)',
  'scan.done': 'Audit #{id} complete in {elapsed}: {hosts} host(s) ({up} up, {down} down), {ports} open port(s)',
  'scan.doneInterrupted': 'Audit #{id} INTERRUPTED after {elapsed}: {hosts} host(s) done ({up} up, {down} down), {ports} open port(s) kept',
  'scan.findings': 'Failures: {counts}  (not assessed: {notAssessed}, errors: {errors})',
  'scan.more': '... and {count} more',
  'scan.next': 'Details: rasoat show {id}    Compare: rasoat diff <earlier> {id}',

  'progress.line': '[{bar}] {percent}% {done}/{total} hosts, {rate} probes/s, ETA {eta}',
  'progress.paused': '(paused)',

  'audits.none': 'No audits yet in {path}. Start with: rasoat scan <targets>',

  'show.header': 'Audit #{id}: {status}, {started} to {ended}',
  'show.who': 'Auditor: {auditor} on {machine}; authorisation: {authorization}',
  'show.noAuthorization': 'none recorded',
  'show.scope': 'Targets: {targets}; scanners: {scanners}; rules {rules}',
  'show.hosts': 'Hosts: {up} up of {total}',
  'show.up': 'up',
  'show.down': 'down',
  'show.failures': 'Failures: {count}',
  'show.otherOutcomes': 'Other verdicts: {summary}',

  'diff.header': 'Audit #{before} to #{after}: {new} new, {fixed} fixed, {unchanged} still open, {notRechecked} not re-checked',
  'diff.new': 'New',
  'diff.fixed': 'Fixed',
  'diff.unchanged': 'Still open',
  'diff.notRechecked': 'Not re-checked (the later audit did not test these)',

  'rejudge.done': 'Audit #{id} rejudged with {rules} rules: {new} new failures, {gone} gone, {unchanged} unchanged',

  'col.started': 'Started',
  'col.status': 'Status',
  'col.hostsUp': 'Hosts up',
  'col.failures': 'C/H/M/L',
  'col.targets': 'Targets',
  'col.authorization': 'Authorisation',
  'col.host': 'Host',
  'col.state': 'State',
  'col.agency': 'Agency',
  'col.openPorts': 'Open ports',
  'col.severity': 'Severity',
  'col.port': 'Port',
  'col.finding': 'Finding',
  'col.rule': 'Rule',
  'col.outcome': 'Verdict',
  'col.check': 'Check',
  'col.reason': 'Reason',
  'col.category': 'Category',

  'status.running': 'running',
  'status.complete': 'complete',
  'status.interrupted': 'interrupted',
  'status.failed': 'failed',

  'severity.critical': 'CRITICAL',
  'severity.high': 'HIGH',
  'severity.medium': 'MEDIUM',
  'severity.low': 'LOW',
  'severity.info': 'INFO',

  'outcome.fail': 'fail',
  'outcome.pass': 'pass',
  'outcome.not-applicable': 'not applicable',
  'outcome.not-assessed': 'not assessed',
  'outcome.error': 'error',

  ...tuiEn,
  ...workflowEn,
  ...feedsEn,
  ...clusterEn,
  ...storeEn,
} as const;

export type MessageId = keyof typeof en;
