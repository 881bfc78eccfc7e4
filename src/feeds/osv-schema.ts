import { z } from 'zod';

/**
 * The part of the OSV schema (https://ossf.github.io/osv-schema/) rasoat reads. Unknown fields are
 * allowed: the schema grows, and a newer field must not make a whole dump unreadable.
 */
const event = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const range = z.object({ type: z.string(), events: z.array(event) });

const severity = z.object({ type: z.string(), score: z.string() });

const specific = z.record(z.string(), z.unknown()).nullish();

const affected = z.object({
  package: z.object({ ecosystem: z.string(), name: z.string() }).nullish(),
  ranges: z.array(range).nullish(),
  versions: z.array(z.string()).nullish(),
  severity: z.array(severity).nullish(),
  ecosystem_specific: specific,
  database_specific: specific,
});

export const osvRecordSchema = z.object({
  id: z.string().min(1),
  modified: z.string().min(10),
  withdrawn: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  related: z.array(z.string()).nullish(),
  upstream: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  severity: z.array(severity).nullish(),
  affected: z.array(affected).nullish(),
  references: z.array(z.object({ url: z.string() })).nullish(),
  database_specific: specific,
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvAffected = z.infer<typeof affected>;
export type OsvRange = z.infer<typeof range>;
export type OsvSeverity = z.infer<typeof severity>;
