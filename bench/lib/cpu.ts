import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc CPU times; 100 on every mainstream Linux. */
const USER_HZ = 100;

/** CPU seconds spent by all processes (user, nice, system), machine-wide. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0] = fields;
  return (user + nice + system) / USER_HZ;
}

/** User plus system CPU seconds of one process, or 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    // The command name in field 2 may contain spaces: count fields from the closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return 0;
  }
}

export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const QUIET_SAMPLE_MS = 1000;
/** CPU seconds per second that other processes may use for the machine to count as quiet. */
const QUIET_THRESHOLD = 0.15;

/**
 * Waits until other processes leave the machine (nearly) idle for a second, at most `maxWaitMs`.
 * Returns false when the machine stayed busy. The bench itself is idle while it waits.
 */
export async function waitForQuietMachine(maxWaitMs: number): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const machine = machineBusySeconds();
    const own = ownCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
    const foreign = machineBusySeconds() - machine - (ownCpuSeconds() - own);
    if (foreign <= QUIET_THRESHOLD * (QUIET_SAMPLE_MS / 1000)) return true;
    if (Date.now() >= deadline) return false;
  }
}
