import { Box, Text } from 'ink';
import { SEVERITIES } from '../../core/model/severity.js';
import type { Lang } from '../../core/model/text.js';
import { segmentLine } from '../../core/model/cluster-progress.js';
import { t, type MessageId } from '../../i18n/t.js';
import { tasksTotal, type LiveState } from '../model/live.js';
import { fit, formatClock, SEVERITY_COLOUR, severityTag } from '../model/text.js';
import { SeverityTag } from './SeverityTag.js';

export interface LiveViewProps {
  live: LiveState;
  auditId: number;
  lang: Lang;
  color: boolean;
  width: number;
  /** Rows available between the title bar and the message line. */
  height: number;
}

function bar(fraction: number, columns: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * columns);
  return `[${'#'.repeat(filled)}${'-'.repeat(columns - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

/** Segments shown in the live view of a distributed audit; more are left to rasoat agents. */
const SEGMENT_ROWS = 6;

/** The running scan: progress, scanners, hosts in flight, failures so far and the newest ones. */
export function LiveView({ live, auditId, lang, color, width, height }: LiveViewProps) {
  const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 0 });
  const status = t(lang, `tui.auditStatus.${live.status}` as MessageId);
  const scanners = live.scanners.map((s) =>
    t(lang, 'tui.live.scanner', { id: s.id, done: s.done, total: live.hostsTotal, failed: s.failed > 0 ? t(lang, 'tui.live.scannerFailed', { count: s.failed }) : '' }),
  );
  const counts = SEVERITIES.map((s) => ({ s, n: live.failures[s] }));
  // What is left after the fixed lines goes to the newest findings.
  const fixed = 7 + (live.segments ? Math.min(SEGMENT_ROWS, live.segments.length) : 2);
  const newestRows = Math.max(0, height - fixed);
  return (
    <Box flexDirection="column">
      <Text bold>
        {fit(`${t(lang, 'tui.live.audit', { id: auditId, status })}${live.paused ? `  ⏸ ${t(lang, 'tui.live.paused')}` : ''}`, width)}
      </Text>
      <Text>{fit(bar(live.fraction, Math.max(10, Math.min(50, width - 8))), width)}</Text>
      <Text>{fit(t(lang, 'tui.live.hosts', { done: nf.format(live.hostsDone), total: nf.format(live.hostsTotal), running: live.running.length }), width)}</Text>
      <Text>
        {fit(
          t(lang, 'tui.live.tasks', {
            done: nf.format(live.tasksDone),
            total: nf.format(tasksTotal(live)),
            rate: nf.format(live.operationsPerSecond),
            eta: formatClock(live.etaMs),
            elapsed: formatClock(live.elapsedMs),
          }),
          width,
        )}
      </Text>
      {live.segments ? (
        live.segments.slice(0, SEGMENT_ROWS).map((s) => <Text key={s.segment}>{fit(segmentLine(s, lang, (n) => nf.format(n)), width)}</Text>)
      ) : (
        <>
          <Text>{fit(`${t(lang, 'tui.live.scanners')}: ${scanners.join(' · ')}`, width)}</Text>
          <Text>{fit(`${t(lang, 'tui.live.running')}: ${live.running.length > 0 ? live.running.join(' ') : t(lang, 'tui.live.none')}`, width)}</Text>
        </>
      )}
      <Box>
        <Text>{`${t(lang, 'tui.live.severity')}: `}</Text>
        {counts.map(({ s, n }) => (
          <Text key={s} {...(color ? { color: SEVERITY_COLOUR[s] } : {})}>{`${severityTag(s, lang)} ${nf.format(n)}  `}</Text>
        ))}
      </Box>
      <Text> </Text>
      <Text bold>{fit(t(lang, 'tui.live.newest'), width)}</Text>
      {live.newest.slice(0, newestRows).map((f, i) => (
        <Box key={`${f.fingerprint}-${i}`}>
          <SeverityTag severity={f.severity} lang={lang} color={color} width={9} />
          <Text>{fit(`${fit(`${f.host}${f.port !== undefined ? `:${f.port}` : ''}`, 22)}${f.title[lang]}`, width - 9)}</Text>
        </Box>
      ))}
    </Box>
  );
}
