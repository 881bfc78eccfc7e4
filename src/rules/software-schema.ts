import { z } from 'zod';

const product = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'product ids are lower-case words joined by - (the catalogue key: nginx, apache-http-server, jquery)');
const regex = z.string().min(1, 'give a regular expression');
const common = {
  product,
  match: regex,
  flags: z.string().regex(/^[imsu]*$/, 'flags are some of i, m, s, u').optional(),
  also: regex.optional(),
  confidence: z.enum(['high', 'medium', 'low']).optional(),
};
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header name, e.g. Server or X-Powered-By');

/** One fingerprint of rules/software/fingerprints*.yaml; `in` says where it looks (see SoftwareFingerprint). */
export const fingerprintSchema = z.discriminatedUnion(
  'in',
  [
    z.strictObject({ in: z.literal('header'), name: headerName, ...common }),
    z.strictObject({ in: z.literal('meta'), name: z.string().regex(/^[a-z][a-z0-9:._-]*$/i, 'a meta name, e.g. generator'), ...common }),
    z.strictObject({ in: z.literal('cookie'), ...common }),
    z.strictObject({ in: z.literal('html'), ...common }),
    z.strictObject({ in: z.literal('url'), ...common }),
    z.strictObject({ in: z.literal('content'), ...common }),
    z.strictObject({ in: z.literal('error-page'), ...common }),
    z.strictObject({
      in: z.literal('path'),
      path: z.string().regex(/^\/[^\s#]*$/, 'a path starts with / and has no spaces or #'),
      status: z.array(z.number().int().min(100).max(599)).min(1).default([200]),
      notHtml: z.boolean().default(false),
      ...common,
    }),
  ],
  { error: 'in: where the fingerprint looks: header, cookie, meta, html, url, content, path or error-page' },
);

/** rules/software/fingerprints*.yaml: `fingerprints:`, a list (other files in software/ are other data). */
export const fingerprintFileSchema = z.strictObject({ shared: z.unknown().optional(), fingerprints: z.array(z.unknown()).min(1) });
