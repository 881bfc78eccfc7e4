import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'product ids are lower-case words joined by - or .');
const scheme = z.enum(['semver', 'debian', 'rpm', 'dotted', 'generic']);
const distroPackage = z.strictObject({ name: z.string().min(1), epoch: z.number().int().min(0).default(0) });

/** rules/software/products*.yaml: the product catalogue. */
export const productFileSchema = z.strictObject({
  shared: z.unknown().optional(),
  products: z
    .array(
      z.strictObject({
        id,
        name: z.string().min(1),
        scheme: scheme.default('generic'),
        names: z.array(z.string().min(1)).default([]),
        cpe: z.array(z.string().regex(/^[^:\s]+:[^:\s]+$/, 'a CPE pair is vendor:product')).default([]),
        lifecycle: z.string().min(1).nullable().default(null),
        packages: z
          .strictObject({
            upstream: z.string().min(1).optional(),
            npm: z.string().min(1).optional(),
            retirejs: z.string().min(1).optional(),
            debian: distroPackage.optional(),
            ubuntu: distroPackage.optional(),
            rpm: z.string().min(1).optional(),
          })
          .default({}),
      }),
    )
    .min(1),
});

const versionBound = z.union([z.string().min(1), z.number()]).transform(String);
/** One interval as people write it: from (inclusive) / after (exclusive) and below (exclusive) / through (inclusive). */
const interval = z
  .strictObject({ from: versionBound.optional(), after: versionBound.optional(), below: versionBound.optional(), through: versionBound.optional() })
  .refine((i) => !(i.from && i.after) && !(i.below && i.through), 'give from or after, and below or through, not both');

/** rules/software/advisories*.yaml: rasoat's own vulnerable-version data, for products no feed covers well. */
export const advisoryFileSchema = z.strictObject({
  shared: z.unknown().optional(),
  advisories: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        product: id,
        cves: z.array(z.string().regex(/^CVE-\d{4}-\d{4,}$/)).default([]),
        cvss: z.number().min(0).max(10).nullable().default(null),
        summary: z.string().min(1),
        references: z.array(z.url()).default([]),
        affected: z
          .array(
            z.strictObject({
              /** "upstream" for the software's own releases, else an OSV ecosystem ("Debian:12"). */
              ecosystem: z.string().min(1).default('upstream'),
              package: z.string().min(1).optional(),
              scheme: scheme.optional(),
              ranges: z.array(interval).default([]),
              versions: z.array(versionBound).default([]),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
