import type { ServiceConfidence } from '../../core/model/observation.js';

/** A product named from a service's own words. */
export interface ProductGuess {
  product: string | null;
  version: string | null;
  extraInfo: string | null;
  confidence: ServiceConfidence;
}

const none: ProductGuess = { product: null, version: null, extraInfo: null, confidence: 'low' };

interface Pattern {
  product: string;
  /** Group 1, when present, is the version; group 2 the extra information. */
  pattern: RegExp;
}

function firstMatch(patterns: readonly Pattern[], text: string): ProductGuess {
  for (const { product, pattern } of patterns) {
    const match = pattern.exec(text);
    if (match) return { product, version: match[1] || null, extraInfo: match[2]?.trim() || null, confidence: match[1] ? 'high' : 'medium' };
  }
  return none;
}

/** SSH software field ("OpenSSH_9.2p1") and comments ("Debian-2+deb12u6"). */
export function sshProduct(software: string, comments: string | null): ProductGuess {
  const found = firstMatch(
    [
      { product: 'OpenSSH', pattern: /^OpenSSH_([\w.]+)/ },
      { product: 'Dropbear', pattern: /^dropbear_([\w.]+)/i },
      { product: 'libssh', pattern: /^libssh[_-]([\w.]+)/ },
      { product: 'Cisco SSH', pattern: /^Cisco-([\w.]+)/ },
      { product: 'ROSSSH', pattern: /^ROSSSH()/ },
    ],
    software,
  );
  if (found.product) return { ...found, extraInfo: comments };
  const [name, version] = software.split(/[_-](?=\d)/);
  return name ? { product: name, version: version ?? null, extraInfo: comments, confidence: 'low' } : none;
}

const FTP: readonly Pattern[] = [
  { product: 'vsftpd', pattern: /\(vsFTPd ([\d.]+)\)/i },
  { product: 'ProFTPD', pattern: /ProFTPD ([\d.]+\w*)?/ },
  { product: 'Pure-FTPd', pattern: /Pure-FTPd()/ },
  { product: 'FileZilla Server', pattern: /FileZilla Server(?: version)? ?([\d.]+\w*)?/ },
  { product: 'Microsoft FTP Service', pattern: /Microsoft FTP Service()/ },
];

const SMTP: readonly Pattern[] = [
  { product: 'Postfix', pattern: /ESMTP Postfix()(?: \((.+)\))?/ },
  { product: 'Exim', pattern: /Exim ([\d.]+)/ },
  { product: 'Sendmail', pattern: /Sendmail ([\d.]+\w*)/ },
  { product: 'Microsoft Exchange', pattern: /Microsoft ESMTP MAIL Service()/ },
  { product: 'OpenSMTPD', pattern: /OpenSMTPD()/ },
];

const MAILBOX: readonly Pattern[] = [
  { product: 'Dovecot', pattern: /Dovecot()(?: \(([^)]+)\))? ready/ },
  { product: 'Courier', pattern: /Courier-(?:IMAP|POP3)()/ },
  { product: 'Cyrus', pattern: /Cyrus (?:IMAP|POP3)(?: v?([\d.]+))?/ },
  { product: 'Microsoft Exchange', pattern: /Microsoft Exchange()/ },
];

export const ftpProduct = (banner: string): ProductGuess => firstMatch(FTP, banner);
export const smtpProduct = (banner: string): ProductGuess => firstMatch(SMTP, banner);
export const mailboxProduct = (banner: string): ProductGuess => firstMatch(MAILBOX, banner);

/** The HTTP Server header: "nginx/1.22.1", "Apache/2.4.62 (Debian)", "Microsoft-IIS/10.0". */
export function httpProduct(server: string | null): ProductGuess {
  if (!server) return none;
  return firstMatch(
    [
      { product: 'nginx', pattern: /^nginx(?:\/([\d.]+))?/ },
      { product: 'Apache httpd', pattern: /^Apache(?:\/([\d.]+))?(?: (.+))?/ },
      { product: 'Microsoft IIS', pattern: /^Microsoft-IIS(?:\/([\d.]+))?/ },
      { product: 'lighttpd', pattern: /^lighttpd(?:\/([\d.]+))?/ },
      { product: 'Caddy', pattern: /^Caddy()/ },
      { product: 'Apache Tomcat', pattern: /^Apache-Coyote(?:\/([\d.]+))?/ },
    ],
    server,
  );
}

/** MySQL's handshake version: MariaDB announces itself as "5.5.5-10.11.6-MariaDB-0+deb12u1". */
export function mysqlProduct(version: string): ProductGuess {
  const maria = /^(?:5\.5\.5-)?([\d.]+)-MariaDB(?:-(.+))?/.exec(version);
  if (maria) return { product: 'MariaDB', version: maria[1]!, extraInfo: maria[2] ?? null, confidence: 'high' };
  const mysql = /^([\d.]+)(?:-(.+))?/.exec(version);
  return mysql ? { product: 'MySQL', version: mysql[1]!, extraInfo: mysql[2] ?? null, confidence: 'high' } : { ...none, product: 'MySQL', confidence: 'medium' };
}

/**
 * nmap's product names, mapped to the names the banner parsers give, so the two sources agree
 * on one product and rules need one spelling. Unknown names are kept as nmap wrote them.
 */
const NMAP_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/^OpenSSH/, 'OpenSSH'],
  [/^Dropbear/i, 'Dropbear'],
  [/^vsftpd/i, 'vsftpd'],
  [/^ProFTPD/, 'ProFTPD'],
  [/^Pure-FTPd/, 'Pure-FTPd'],
  [/^FileZilla/, 'FileZilla Server'],
  [/^Microsoft ftpd/, 'Microsoft FTP Service'],
  [/^Postfix/, 'Postfix'],
  [/^Exim/, 'Exim'],
  [/^Sendmail/, 'Sendmail'],
  [/^OpenSMTPD/, 'OpenSMTPD'],
  [/^Microsoft Exchange/, 'Microsoft Exchange'],
  [/^Dovecot/, 'Dovecot'],
  [/^Courier/, 'Courier'],
  [/^Cyrus/, 'Cyrus'],
  [/^Redis/, 'Redis'],
  [/^Memcached/i, 'Memcached'],
  [/^MariaDB/, 'MariaDB'],
  [/^MySQL/, 'MySQL'],
  [/^PostgreSQL/, 'PostgreSQL'],
  [/^MongoDB/, 'MongoDB'],
  [/^Elasticsearch/, 'Elasticsearch'],
  [/^nginx/, 'nginx'],
  [/^Apache httpd/, 'Apache httpd'],
  [/^Microsoft IIS/, 'Microsoft IIS'],
  [/^lighttpd/, 'lighttpd'],
  [/^Apache Tomcat/, 'Apache Tomcat'],
];

export function canonicalNmapProduct(product: string | null, version: string | null): string | null {
  if (!product) return null;
  if (/^MySQL/.test(product) && version && /MariaDB/i.test(version)) return 'MariaDB';
  return NMAP_NAMES.find(([pattern]) => pattern.test(product))?.[1] ?? product;
}

/** nmap's service names, mapped to the protocol names the native probes use. */
export function canonicalNmapService(name: string | null): string | null {
  if (!name) return null;
  const map: Record<string, string> = { 'ms-wbt-server': 'rdp', 'microsoft-ds': 'smb', 'netbios-ssn': 'smb', 'http-proxy': 'http', submission: 'smtp', 'redis': 'redis' };
  return map[name] ?? name;
}
