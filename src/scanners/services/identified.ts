import type { ObservationData, ObservationKind } from '../../core/model/observation.js';
import type { ProductGuess } from './products.js';

/** A fact a probe learnt besides the identity, turned into an observation by the scanner. */
export type Fact = { [K in ObservationKind]: { kind: K; data: ObservationData[K] } }[ObservationKind];

/** What one conversation with a port established. */
export interface Identified {
  /** The protocol spoken (ssh, ftp, smtp, ...), or "unknown". */
  service: string;
  guess: ProductGuess;
  banner: string | null;
  facts: Fact[];
}

export function fact<K extends ObservationKind>(kind: K, data: ObservationData[K]): Fact {
  return { kind, data } as Fact;
}
