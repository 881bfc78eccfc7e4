import { z } from 'zod';
import { OBSERVATION_KINDS, type ObservationKind } from '../core/model/observation.js';
import { SEVERITIES } from '../core/model/severity.js';

export const CATEGORIES = [
  'ports',
  'services',
  'tls-protocol',
  'tls-cipher',
  'certificate',
  'http-headers',
  'cookies',
  'https-redirect',
  'sensitive-exposure',
  'content-integrity',
  'outdated-software',
  'known-vulnerability',
  'banner-disclosure',
] as const;

/** Control frameworks a rule may cite, each id carrying its version. */
export const FRAMEWORKS = [
  'tcvn14423:2026',
  'tcvn11930:2017',
  'circular12:2022',
  'asvs:5.0.0',
  'cis:v8',
  'iso27001:2022',
  'nist80053:r5',
  'pcidss:4.0.1',
] as const;

const text = z.strictObject({ vi: z.string().trim().min(1), en: z.string().trim().min(1) });

const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** A number, or a rule parameter ("{minScore}") that becomes one when the rule is loaded. */
const numberOrParam = z.union([z.number(), z.string().regex(/^\{[a-zA-Z][a-zA-Z0-9]*\}$/, 'a number or a {parameter}')]);
const operators = z
  .strictObject({
    eq: scalar.optional(),
    ne: scalar.optional(),
    in: z.array(scalar).min(1).optional(),
    notIn: z.array(scalar).min(1).optional(),
    regex: z.string().optional(),
    flags: z.string().regex(/^[imsu]*$/).optional(),
    exists: z.boolean().optional(),
    lt: numberOrParam.optional(),
    lte: numberOrParam.optional(),
    gt: numberOrParam.optional(),
    gte: numberOrParam.optional(),
    contains: scalar.optional(),
    /** The field is a port list ("1-1024,8080"): true when it includes any / all of these ports. */
    portsAny: z.array(z.number().int().min(1).max(65535)).min(1).optional(),
    portsAll: z.array(z.number().int().min(1).max(65535)).min(1).optional(),
    /** Dates: ISO-8601, or "now", "now+30d", "now-1y" relative to the audit's clock. */
    before: z.string().optional(),
    after: z.string().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, 'an operator object needs at least one operator');

export const fieldCondition = z.union([scalar, operators]);
export type FieldCondition = z.infer<typeof fieldCondition>;
export type Operators = z.infer<typeof operators>;

const kind = z.string().refine((k): k is ObservationKind => (OBSERVATION_KINDS as readonly string[]).includes(k), {
  message: `unknown observation kind; known kinds: ${OBSERVATION_KINDS.join(', ')}`,
});

export interface LeafCondition {
  kind: ObservationKind;
  where?: Record<string, FieldCondition>;
}
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const leaf = z.strictObject({ kind, where: z.record(z.string(), fieldCondition).optional() });
export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leaf as z.ZodType<LeafCondition>,
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
  ]),
);

/** `match` finds the failing observations: one leaf, or several whose matches add up. */
const match = z.union([leaf as z.ZodType<LeafCondition>, z.strictObject({ any: z.array(leaf as z.ZodType<LeafCondition>).min(1) })]);

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(\.[a-z0-9][a-z0-9-]*)+$/, 'rule ids are dotted lower-case words, e.g. ports.service.telnet-exposed'),
  reads: z.array(kind).min(1),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  tags: z.array(z.string().min(1)).default([]),
  title: text,
  failureTitle: text,
  description: text,
  remediation: text,
  references: z.array(z.url()).default([]),
  controls: z.partialRecord(z.enum(FRAMEWORKS), z.array(z.string().min(1)).min(1)).default({}),
  match,
  /** When false for a host, the rule does not concern it (not-applicable). */
  appliesTo: condition.optional(),
  /** When false for a host, the evidence cannot decide (not-assessed), e.g. the port was not scanned. */
  assessable: condition.optional(),
  /**
   * Fields of the matched observation that tell two failures of the rule on one host apart: they
   * make the finding's fingerprint, so they must be stable (a port, not a service's display name).
   */
  key: z.array(z.string().min(1)).default([]),
  /** Fields of the matched observation shown as evidence (the key fields are always included). */
  evidence: z.array(z.string().min(1)).default([]),
  /**
   * Named values a rule is tuned by, with their defaults ("days: 30"); `{days}` in conditions and
   * texts is replaced by the value in force. Users override them (config `ruleParams`, `--rule-param`).
   */
  params: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.union([z.number(), z.string()])).default({}),
  deprecated: z.boolean().default(false),
  replacedBy: z.string().optional(),
});

export type Rule = z.infer<typeof ruleSchema> & { source: { file: string; line: number } };
export type MatchSpec = z.infer<typeof match>;

/** A rule file: its rules, and optionally `shared:` values that rules reuse through YAML anchors. */
export const ruleFileSchema = z.strictObject({ shared: z.unknown().optional(), rules: z.array(z.unknown()).min(1) });

const LEVELS = ['1', '2', '3', '4', '5'] as const;

/**
 * A control catalogue (rules/controls/*.yaml): ids, own-words titles, where each control applies
 * and which checks can evidence it. How rules map to controls is documented in
 * src/reports/compliance/mapping.ts; every field added here is optional, so older files still load.
 */
export const controlCatalogueSchema = z.strictObject({
  framework: z.enum(FRAMEWORKS),
  title: text,
  version: z.string().min(1),
  /** Where the ids and wording come from, and how sure we are of them. */
  source: z.string().min(1),
  /** Values entries reuse through YAML anchors, as in rule files. */
  shared: z.unknown().optional(),
  /** Date of this data (YYYY-MM-DD): reports say which revision of the catalogue they used. */
  revision: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Kept for dossiers approved under a replaced instrument. */
  legacy: z.boolean().default(false),
  /** The catalogue that replaces this one, e.g. "tcvn14423:2026". */
  replacedBy: z.enum(FRAMEWORKS).optional(),
  /** How a control is cited: {id} and {clause} (the clause at the level assessed), e.g. "asvs:v5.0.0-{id}". */
  cite: z.string().min(1).optional(),
  /** Rules citing this framework evidence a control through its `equivalent` ids (e.g. Circular 12 → TCVN 11930). */
  equivalentFramework: z.enum(FRAMEWORKS).optional(),
  controls: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        title: text,
        /** A heading that groups controls in reports (e.g. "Network infrastructure management"). */
        group: text.optional(),
        /** For level-based catalogues: the clause number at each protection level it applies to. */
        clauses: z.partialRecord(z.enum(LEVELS), z.string().min(1)).optional(),
        /** A tier within the framework itself (ASVS L1-L3, CIS IG1-IG3), shown as is. */
        tier: z.string().min(1).optional(),
        categories: z.array(z.enum(CATEGORIES)).default([]),
        /** Ids of `equivalentFramework` this control corresponds to. */
        equivalent: z.array(z.string().min(1)).optional(),
        /** Documents an auditor must attach; a control without categories is assessed by them alone (manual). */
        documents: text.optional(),
        /** What is still unconfirmed about this entry, or another caveat shown with it. */
        note: text.optional(),
        /** false while the id, clause numbers or applicability are not checked against the official text. */
        verified: z.boolean().default(true),
      }),
    )
    .min(1),
});
export type ControlCatalogue = z.infer<typeof controlCatalogueSchema>;
export type CatalogueControl = ControlCatalogue['controls'][number];
