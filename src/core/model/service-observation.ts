/** Observations of the services scanner (kept apart from observation.ts to keep both readable). */
export type ServiceConfidence = 'high' | 'medium' | 'low';
export type MailProtocol = 'smtp' | 'pop3' | 'imap';
export type OpenDataStore = 'redis' | 'mongodb' | 'elasticsearch' | 'memcached';

export interface ServiceObservationData {
  /**
   * What answers on an open port, in its own words (banner) and, when nmap is installed, as
   * nmap -sV names it. `product` is one canonical name whichever of the two found it.
   */
  'service.identity': {
    port: number;
    /** The protocol spoken: ssh, ftp, smtp, pop3, imap, http, telnet, redis, mysql, ... or unknown. */
    service: string;
    product: string | null;
    version: string | null;
    extraInfo: string | null;
    cpe: string[];
    /** The conversation ran inside TLS (implicit-TLS port). */
    tls: boolean;
    /** The service's first words, printable, at most 200 characters. */
    banner: string | null;
    confidence: ServiceConfidence;
    source: 'banner' | 'nmap' | 'banner+nmap';
    /** nmap -sV's own view as it wrote it; null when nmap did not run or did not name it. */
    nmapService: string | null;
    nmapProduct: string | null;
    nmapVersion: string | null;
    /** nmap's confidence, 0-10. */
    nmapConfidence: number | null;
  };
  /** An SSH server: its identification string and what nmap's ssh-auth-methods learnt. */
  'service.ssh': {
    port: number;
    /** Protocol version of the identification string: 2.0, 1.99 (1 and 2) or 1.5. */
    protocolVersion: string;
    software: string;
    comments: string | null;
    /** The server accepts SSH protocol 1 (identification 1.x or 1.99). */
    protocol1: boolean;
    /** Authentication methods offered to a new user (nmap ssh-auth-methods); null when not known. */
    authMethods: string[] | null;
    passwordAuth: boolean | null;
    /** How many algorithms the key-exchange offer listed (0: none read). */
    algorithms: number;
  };
  /** One algorithm of an SSH server's key-exchange offer (SSH_MSG_KEXINIT). */
  'service.ssh-algorithm': {
    port: number;
    type: 'kex' | 'hostkey' | 'cipher' | 'mac' | 'compression';
    name: string;
  };
  /** An FTP server: anonymous login and TLS. */
  'service.ftp': {
    port: number;
    /** USER anonymous / PASS was answered 230 (logged in); the session was closed at once. */
    anonymous: boolean;
    anonymousReply: string;
    /** FEAT lists AUTH TLS (RFC 4217). */
    authTls: boolean;
    features: string[];
  };
  /** A mail service (SMTP, POP3, IMAP) and what it offers before TLS. */
  'service.mail': {
    port: number;
    protocol: MailProtocol;
    /** SMTP on the submission port (587), where clients log in. */
    submission: boolean;
    starttls: boolean;
    capabilities: string[];
    authMechanisms: string[];
    /** A password could be sent in clear text right now (AUTH PLAIN/LOGIN, USER, LOGIN offered before TLS). */
    plaintextAuth: boolean;
  };
  /** A data store asked one harmless read-only question without credentials. */
  'service.unauthenticated': {
    port: number;
    service: OpenDataStore;
    /** It answered with data (not an authentication demand). */
    open: boolean;
    detail: string;
  };
  /** The opt-in SMTP relay check (--smtp-relay-check): RCPT to an outside domain, never DATA. */
  'service.smtp-relay': {
    port: number;
    relay: boolean;
    answer: string;
  };
  /** One per host: how identification went and whether nmap took part. */
  'service.summary': {
    ports: number;
    identified: number;
    nmap: 'used' | 'disabled' | 'absent' | 'failed';
    nmapVersion: string | null;
    nmapError: string | null;
    durationMs: number;
  };
}

