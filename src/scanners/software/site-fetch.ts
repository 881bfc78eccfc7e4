import type { HttpResponse, TaskNet } from '../../core/net/index.js';

const MAX_HOPS = 3;

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * GETs a file of the site, following redirects only while they stay on the same origin: a
 * script that redirects to another host is not read, whatever the scope allows.
 */
export async function getOnSite(net: TaskNet, url: string, limits: { timeoutMs: number; maxBodyBytes: number }): Promise<HttpResponse> {
  const origin = originOf(url);
  let current = url;
  for (let hop = 0; ; hop++) {
    const answer = (await net.fetch(current, { ...limits, maxRedirects: 0 })).responses[0]!;
    const raw = answer.status >= 300 && answer.status < 400 ? answer.headers.location : undefined;
    const location = Array.isArray(raw) ? raw[0] : raw;
    if (!location || hop >= MAX_HOPS) return answer;
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return answer;
    }
    if (next.origin !== origin) return answer;
    current = next.href;
  }
}
