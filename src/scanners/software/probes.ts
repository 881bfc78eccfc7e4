import { randomBytes } from 'node:crypto';
import type { ScanContext } from '../../core/model/scanner.js';
import type { HttpResponse } from '../../core/net/index.js';
import { isHtml } from '../http/exposures.js';
import { attempt } from '../http/failures.js';
import { looksLikeSoft404, sampleOf, type Soft404Sample } from '../http/soft404.js';
import { sight, sightAll, type CompiledFingerprint, type FingerprintIndex } from './fingerprints.js';
import type { Hit } from './hits.js';
import type { SoftwareOptions } from './options.js';

const PROBE_BYTES = 64 * 1024;

/**
 * Products named by the site's error pages (Tomcat, IIS and ASP.NET defaults name themselves and
 * their versions) and by well-known files (readme, changelog, manifest). A file counts only when
 * its content matches and the answer differs from what the site says for paths that cannot exist,
 * so a site answering 200 with one friendly page everywhere names nothing.
 */
export async function probeHits(ctx: ScanContext<SoftwareOptions>, index: FingerprintIndex, origin: string): Promise<Hit[]> {
  const paths = pathsOf(index.get('path') ?? []);
  const errorPages = index.get('error-page') ?? [];
  if (paths.size === 0 && errorPages.length === 0) return [];
  const get = (path: string) => attempt(async () => (await ctx.net.fetch(`${origin}${path}`, { timeoutMs: ctx.options.timeoutMs, maxBodyBytes: PROBE_BYTES, maxRedirects: 0 })).responses[0]!);

  const hits: Hit[] = [];
  const baseline: Soft404Sample[] = [];
  for (const path of missingPaths()) {
    const answer = await get(path);
    if (!answer) continue;
    baseline.push(sampleOf(answer, path));
    // Only a real error names the server: a catch-all's 200 page is the site's own text. The
    // location is the status, not the random path, so it stays the same from one audit to the next.
    if (answer.status >= 400) hits.push(...sightAll(index, 'error-page', answer.body.toString('utf8'), `error-page:${answer.status}`));
  }
  // Without a baseline a catch-all page could not be told from a real file.
  if (baseline.length === 0) return hits;
  await ctx.parallel([...paths], async ([path, fingerprints]) => {
    const answer = await get(path);
    if (answer) hits.push(...fileHits(answer, path, fingerprints, baseline));
  });
  return hits;
}

function fileHits(answer: HttpResponse, path: string, fingerprints: readonly CompiledFingerprint[], baseline: readonly Soft404Sample[]): Hit[] {
  if (looksLikeSoft404(answer, path, baseline)) return [];
  const text = answer.body.toString('utf8');
  const html = isHtml(answer);
  return fingerprints.flatMap((fingerprint) => {
    const { status = [200], notHtml = false } = fingerprint.spec;
    if (!status.includes(answer.status) || (notHtml && html)) return [];
    return sight(fingerprint, text, answer.url) ?? [];
  });
}

/** One request per path, whatever number of fingerprints read it. */
function pathsOf(fingerprints: readonly CompiledFingerprint[]): Map<string, CompiledFingerprint[]> {
  const paths = new Map<string, CompiledFingerprint[]>();
  for (const fingerprint of fingerprints) {
    const path = fingerprint.spec.path;
    if (path !== undefined) paths.set(path, [...(paths.get(path) ?? []), fingerprint]);
  }
  return paths;
}

/** Paths no site has: plain, as a folder, and as an ASP.NET page (IIS and ASP.NET answer those with their own error page). */
function missingPaths(): string[] {
  const token = randomBytes(8).toString('hex');
  return [`/rasoat-${token}`, `/rasoat-${token}/`, `/rasoat-${token}.aspx`];
}
