import type { Lang } from '../core/model/text.js';
import { en, type MessageId } from './en.js';
import { vi } from './vi.js';

export type { MessageId };
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Lang, Record<MessageId, string>> = { en, vi };

/** Looks up a message by id and fills `{name}` placeholders; unknown placeholders stay visible. */
export function t(lang: Lang, id: MessageId, params: MessageParams = {}): string {
  return interpolate(catalogues[lang][id], params);
}

export function interpolate(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([a-zA-Z0-9_.]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** `--lang` wins; then RASOAT_LANG; then a Vietnamese system locale; English otherwise. */
export function detectLang(explicit: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const candidates = [explicit, env.RASOAT_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const candidate of candidates) {
    if (!candidate) continue;
    // The first setting present decides, as POSIX orders them (LC_ALL, LC_MESSAGES, LANG).
    const lower = candidate.toLowerCase();
    return lower === 'vi' || lower.startsWith('vi_') || lower.startsWith('vi-') || lower.startsWith('vi.') ? 'vi' : 'en';
  }
  return 'en';
}
