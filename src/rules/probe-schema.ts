import { z } from 'zod';

const path = z.string().regex(/^\/[^\s#]*$/, 'a path starts with / and has no spaces or #');

export const exposureCheckSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'check ids are lower-case words joined by -'),
    paths: z.array(path).min(1),
    status: z.array(z.number().int().min(100).max(599)).min(1).default([200]),
    body: z.string().optional(),
    bodyFlags: z.string().regex(/^[imsu]*$/).optional(),
    hexPrefix: z.string().regex(/^([0-9a-f]{2})+$/, 'hexPrefix is lower-case hex bytes').optional(),
    notHtml: z.boolean().default(false),
    contentType: z.string().optional(),
    redact: z.boolean().default(false),
  })
  .refine((check) => check.body !== undefined || check.hexPrefix !== undefined, 'a check must verify content: give body or hexPrefix');

/** rules/probes/*.yaml: `http:` exposure checks (more probe families may join later). */
export const probeFileSchema = z.strictObject({ http: z.array(z.unknown()).min(1) });

const terms = z.array(z.string().trim().min(2)).default([]);
/** rules/data/spam-terms*.yaml: vocabulary of injected gambling and SEO spam, per language. */
export const spamTermsFileSchema = z.strictObject({ terms: z.strictObject({ vi: terms, en: terms }) });
