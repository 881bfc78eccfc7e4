import type { Lang } from '../core/model/text.js';
import { rt } from './i18n/t.js';

/**
 * The engine's reason for a verdict that is not pass or fail ("coverage", "host-down: no reply",
 * "port.open: not gathered", "tls.endpoint: timeout") in the report's language; unknown reasons
 * are shown as recorded.
 */
export function verdictReason(reason: string, lang: Lang): string {
  if (reason === 'coverage') return rt(lang, 'verdict.coverage');
  if (reason === 'condition') return rt(lang, 'verdict.condition');
  if (reason === 'scanner') return rt(lang, 'verdict.scanner');
  if (reason === 'dns') return rt(lang, 'verdict.dns');
  if (reason === 'out-of-scope') return rt(lang, 'verdict.outOfScope');
  if (reason.startsWith('not-scanned: ')) return rt(lang, 'verdict.notScanned', { why: reason.slice('not-scanned: '.length) });
  if (reason.startsWith('host-down')) return rt(lang, 'verdict.hostDown');
  const gathered = /^([a-z][a-z.]*): not gathered$/.exec(reason);
  if (gathered) return rt(lang, 'verdict.notGathered', { kind: gathered[1]! });
  const failed = /^([a-z][a-z.]*): ([a-z-]+)$/.exec(reason);
  if (failed) return rt(lang, 'verdict.failed', { kind: failed[1]!, status: failed[2]! });
  return reason;
}
