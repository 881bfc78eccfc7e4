import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { cronExpression, drillSchedule, findDrill, listDrills } from '../../core/workflow/drill.js';
import { t } from '../../i18n/t.js';
import type { CliContext } from '../context.js';
import { DrillDaemon, type DrillTimer } from '../drill-daemon.js';
import { runDrill } from '../drill-runner.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt } from '../numbers.js';
import { drillDir } from './drill.js';

interface DaemonFlags {
  drills?: string;
  every?: string;
}

/**
 * `rasoat daemon [--drills a,b] [--every SECONDS]`: runs each drill on the schedule `drill
 * schedule` prints (by protection level, or the drill's own), in this process, until SIGINT or
 * SIGTERM. --every replaces the calendar with a fixed period: for trying a drill out, and for tests.
 */
export async function daemonAction(ctx: CliContext, command: Command): Promise<number> {
  const flags = command.opts<DaemonFlags>();
  const every = flags.every === undefined ? undefined : positiveInt(flags.every, 0, '--every');
  const dir = drillDir(ctx);
  const names = (flags.drills ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  const drills = names.length > 0 ? [...new Set(names)].map((name) => findDrill(name, dir)) : listDrills(dir);
  if (drills.length === 0) throw new UsageError('daemon.noDrills', { dir });
  // Every inventory is read now: a broken drill stops the start, not a run months later.
  const timers: DrillTimer[] = drills.map((drill) => {
    const schedule = drillSchedule(drill);
    return { drill, cron: cronExpression(schedule), label: t(ctx.lang, `drill.schedule.${schedule}`), ...(every === undefined ? {} : { everySeconds: every }) };
  });

  const daemon = new DrillDaemon(ctx, (drill, signal) => runDrill(ctx, drill, { quiet: true, signal }));
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) {
      ctx.stderr.write(`${t(ctx.lang, 'scan.forceQuit')}\n`);
      process.exit(EXIT.interrupted);
    }
    daemon.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    daemon.start(timers);
    await daemon.done;
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
