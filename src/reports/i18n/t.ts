import type { Lang } from '../../core/model/text.js';
import { interpolate } from '../../i18n/t.js';
import { reportEn, type ReportMessageId } from './en.js';
import { reportVi } from './vi.js';

export type { ReportMessageId };

const catalogues: Record<Lang, Record<ReportMessageId, string>> = { en: reportEn, vi: reportVi };

/** A report string by id in the report's language, `{name}` placeholders filled. */
export function rt(lang: Lang, id: ReportMessageId, params: Record<string, string | number> = {}): string {
  return interpolate(catalogues[lang][id], params);
}
