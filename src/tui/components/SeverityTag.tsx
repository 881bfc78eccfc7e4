import { Text } from 'ink';
import type { Severity } from '../../core/model/severity.js';
import type { Lang } from '../../core/model/text.js';
import { fit, SEVERITY_COLOUR, severityTag } from '../model/text.js';

/** "▲ HIGH": a symbol and a label, coloured only when colour is wanted. */
export function SeverityTag({ severity, lang, color, width }: { severity: Severity; lang: Lang; color: boolean; width: number }) {
  return <Text {...(color ? { color: SEVERITY_COLOUR[severity] } : {})}>{fit(severityTag(severity, lang), width)}</Text>;
}
