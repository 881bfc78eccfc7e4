import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock, systemRandom } from '../clock.js';
import type { Judge } from '../model/coverage.js';
import type { Scanner } from '../model/scanner.js';
import type { EngineEvent } from './events.js';
import { InProcessRunner } from './host-runner.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

const FLUSH_MS = 20;
const FLUSH_EVENTS = 500;

/**
 * The inside of a host worker: runs the host jobs it is sent with the same engine as the main
 * thread, and sends the events back in batches (each host's events in order, flushed before the
 * host is reported done). Called by the worker entry module, which supplies scanners and judge.
 */
export function serveHostJobs(deps: { registry: readonly Scanner[]; judge: (init: WorkerInit) => Judge }): void {
  const port = parentPort;
  if (!port) throw new Error('serveHostJobs must run in a worker thread');
  const init = workerData as WorkerInit;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  let buffer: EngineEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  const send = (message: FromWorker) => port.postMessage(message);
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (buffer.length === 0) return;
    send({ type: 'events', events: buffer, operations: runner.operations() });
    buffer = [];
  };
  const runner = new InProcessRunner(init.spec, {
    registry: deps.registry,
    judge: deps.judge(init),
    clock: systemClock,
    random: systemRandom,
    signal: controller.signal,
    emit: (event) => {
      buffer.push(event);
      if (buffer.length >= FLUSH_EVENTS) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    },
  });

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'host':
        runner.run(message.target).then(
          (result) => {
            flush();
            send({ type: 'host.done', id: message.id, result, target: message.target });
          },
          (error: unknown) => {
            flush();
            send({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          },
        );
        return;
      case 'pause':
        return runner.pause();
      case 'resume':
        return runner.resume();
      case 'abort':
        return controller.abort(new DOMException('the audit was stopped', 'AbortError'));
    }
  });
}
