import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { BusyError } from '../core/errors.js';

/**
 * One drill at a time per history: a lock file beside the database, created exclusively (O_EXCL),
 * holding the owner's pid. A lock whose process is gone (killed, power cut) is taken over.
 * Returns the release function.
 */
export function acquireDrillLock(path: string, drill: string, isAlive: (pid: number) => boolean): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, drill, at: new Date().toISOString() }));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && isAlive(holder.pid)) throw new BusyError('drill.locked', { drill: holder.drill, pid: holder.pid, path });
      try {
        unlinkSync(path); // stale: its process is gone
      } catch {
        // Someone else took it over first; the next attempt decides.
      }
    }
  }
  throw new BusyError('drill.locked', { drill: '?', pid: '?', path });
}

function readHolder(path: string): { pid: number; drill: string } | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; drill?: unknown };
    return typeof data.pid === 'number' ? { pid: data.pid, drill: String(data.drill ?? '?') } : null;
  } catch {
    return null;
  }
}
