/**
 * Observations are facts a scanner saw. They never say whether something is good or bad: rules
 * decide that. Every kind is declared here with its payload so rules can be validated against it.
 */

export type ScanErrorReason =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'dns'
  | 'out-of-scope'
  | 'interrupted'
  | 'host-down'
  | 'error';

export interface ObservationData {
  'host.status': { state: 'up' | 'down'; reason: string; address: string; rttMs?: number };
  'port.open': { port: number; protocol: 'tcp'; service: string; reason: 'syn-ack'; rttMs: number };
  'port.summary': {
    protocol: 'tcp';
    /** The ports probed, as a compact range list ("1-1024,8080"). */
    scanned: string;
    total: number;
    open: number;
    closed: number;
    filtered: number;
    /** Filtered ports as a compact range list; empty when none. */
    filteredPorts: string;
    timeoutMs: number;
  };
  'scan.error': { scanner: string; reason: ScanErrorReason; message: string };
}

export type ObservationKind = keyof ObservationData;

export const OBSERVATION_KINDS: readonly ObservationKind[] = [
  'host.status',
  'port.open',
  'port.summary',
  'scan.error',
] as const;

export function isObservationKind(value: string): value is ObservationKind {
  return (OBSERVATION_KINDS as readonly string[]).includes(value);
}

interface ObservationOf<K extends ObservationKind> {
  kind: K;
  /** Asset identity: the HostTarget's `host`. */
  host: string;
  port?: number;
  scanner: string;
  /** ISO-8601 time the fact was seen. */
  at: string;
  data: ObservationData[K];
}

export type Observation<K extends ObservationKind = ObservationKind> = {
  [P in K]: ObservationOf<P>;
}[K];
