import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../../core/model/text.js';
import { t, type MessageId } from '../../i18n/t.js';
import type { RuleText } from '../../reports/rule-text.js';
import { detailLines } from '../model/detail.js';
import { selected, visibleRows, type ExplorerRow, type ExplorerState } from '../model/explorer.js';
import { fit, SEVERITY_COLOUR, severityTag } from '../model/text.js';
import { DetailView } from './DetailView.js';

export interface ExplorerViewProps {
  explorer: ExplorerState;
  rules: ReadonlyMap<string, RuleText>;
  lang: Lang;
  textLang: Lang;
  color: boolean;
  width: number;
  /** Rows between the title bar and the message line. */
  height: number;
}

/** Terminals this wide show the selected finding's detail beside the table. */
export const SIDE_DETAIL_WIDTH = 150;

interface Columns {
  host: number;
  status: number;
  rule: number;
  agency: number;
  title: number;
}

export function columnsFor(width: number): Columns {
  const host = 22;
  const status = 11;
  const rule = width >= 110 ? 34 : 0;
  const agency = width >= 130 ? 18 : 0;
  // marker 2 + severity 9 + the rest.
  const title = Math.max(8, width - 2 - 9 - host - status - rule - agency);
  return { host, status, rule, agency, title };
}

export function filterSummary(explorer: ExplorerState, lang: Lang): string {
  const { filter } = explorer;
  const parts = [
    filter.minSeverity ? t(lang, 'tui.filter.minSeverity', { severity: t(lang, `tui.sev.${filter.minSeverity}` as MessageId) }) : null,
    filter.category,
    filter.status ? t(lang, `tui.status.${filter.status}` as MessageId) : null,
    filter.text ? `"${filter.text}"` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : t(lang, 'tui.filter.all');
}

/** One table row as one line of nested text (no layout node per cell); unchanged rows are not re-rendered. */
const Row = memo(function Row({ row, isSelected, tableWidth, lang, color }: { row: ExplorerRow; isSelected: boolean; tableWidth: number; lang: Lang; color: boolean }) {
  const columns = columnsFor(tableWidth);
  const f = row.finding;
  const rest =
    fit(`${f.host}${f.port !== undefined ? `:${f.port}` : ''}`, columns.host) +
    fit(t(lang, `tui.status.${row.status}` as MessageId), columns.status) +
    (columns.agency ? fit(row.agency, columns.agency) : '') +
    (columns.rule ? fit(f.ruleId, columns.rule) : '') +
    fit(f.title[lang], columns.title);
  const tag = fit(severityTag(f.severity, lang), 9);
  return (
    <Text inverse={isSelected} wrap="truncate">
      {isSelected ? '› ' : '  '}
      {color && !isSelected ? <Text color={SEVERITY_COLOUR[f.severity]}>{tag}</Text> : tag}
      {rest}
    </Text>
  );
});

/** The findings table: only the rows on screen are rendered, whatever the number of findings. */
export function ExplorerView({ explorer, rules, lang, textLang, color, width, height }: ExplorerViewProps) {
  const side = width >= SIDE_DETAIL_WIDTH;
  const tableWidth = side ? Math.floor(width * 0.55) : width;
  const columns = columnsFor(tableWidth);
  const listRows = Math.max(1, height - 2);
  const rows = visibleRows(explorer, listRows);
  const sortKey = t(lang, `tui.sort.${explorer.sort}` as MessageId);
  const info = `${t(lang, 'tui.explorer.sort', { key: sortKey, dir: explorer.descending ? ' ↓' : ' ↑' })}   ${t(lang, 'tui.explorer.filter', { filters: filterSummary(explorer, lang) })}`;
  const header =
    '  ' +
    fit(t(lang, 'tui.col.sev'), 9) +
    fit(t(lang, 'tui.col.host'), columns.host) +
    fit(t(lang, 'tui.col.status'), columns.status) +
    (columns.agency ? fit(t(lang, 'tui.col.agency'), columns.agency) : '') +
    (columns.rule ? fit(t(lang, 'tui.col.rule'), columns.rule) : '') +
    fit(t(lang, 'tui.col.title'), columns.title);
  const current = selected(explorer);
  const detailWidth = width - tableWidth - 2;
  const sideLines = useMemo(() => (side && current ? detailLines(current, rules.get(current.finding.ruleId), lang, textLang, detailWidth) : null), [side, current, rules, lang, textLang, detailWidth]);
  const table = (
    <Box flexDirection="column" width={tableWidth}>
      <Text wrap="truncate">{fit(info, tableWidth)}</Text>
      <Text bold wrap="truncate">
        {header}
      </Text>
      {rows.length === 0 ? <Text>{fit(t(lang, 'tui.explorer.none'), tableWidth)}</Text> : null}
      {rows.map(({ row, selected: isSelected }) => (
        <Row key={row.finding.fingerprint} row={row} isSelected={isSelected} tableWidth={tableWidth} lang={lang} color={color} />
      ))}
    </Box>
  );
  if (!side || !current) return table;
  return (
    <Box>
      {table}
      <Box marginLeft={2} width={detailWidth}>
        <DetailView lines={sideLines!} scroll={0} height={height} width={detailWidth} />
      </Box>
    </Box>
  );
}
