/**
 * Text for Markdown: `<`, `>` and `&` as entities (a banner from a scanned host must not become
 * HTML in a wiki that renders Markdown), line breaks flattened.
 */
export function mdText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** A Markdown table cell: mdText, and pipes and backslashes escaped. */
export function mdCell(value: string): string {
  return mdText(value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'));
}

export function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
