export type CrontabChange = 'added' | 'updated' | 'unchanged';

/** The comment that marks a drill's line: what makes installing again replace it instead of adding a second one. */
export function crontabMarker(drill: string): string {
  return `# rasoat drill ${drill} (rasoat drill schedule --install)`;
}

/**
 * A crontab's text with the drill's line in it: added at the end after its marker, replaced when
 * the marker is there with another line after it, untouched when the same line is already there.
 * Every other line is kept as it was.
 */
export function mergeCrontab(existing: string, drill: string, line: string): { text: string; change: CrontabChange } {
  const marker = crontabMarker(drill);
  const lines = existing === '' ? [] : existing.replace(/\n$/, '').split('\n');
  const at = lines.indexOf(marker);
  if (at === -1) return { text: `${[...lines, marker, line].join('\n')}\n`, change: 'added' };
  if (lines[at + 1] === line) return { text: existing.endsWith('\n') ? existing : `${existing}\n`, change: 'unchanged' };
  const next = lines[at + 1];
  // The line after the marker is ours unless it is blank or another comment (then insert ours).
  const replaces = next !== undefined && next.trim() !== '' && !next.startsWith('#');
  lines.splice(at + 1, replaces ? 1 : 0, line);
  return { text: `${lines.join('\n')}\n`, change: 'updated' };
}
