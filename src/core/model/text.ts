export const LANGS = ['en', 'vi'] as const;
export type Lang = (typeof LANGS)[number];

/** A user-visible text in both project languages. */
export interface Text {
  vi: string;
  en: string;
}
