import { serveHostJobs } from './core/scheduler/worker-host.js';
import type { WorkerInit } from './core/scheduler/worker-protocol.js';
import { createJudge } from './rules/evaluate.js';
import type { Rule } from './rules/schema.js';
import type { SoftwareJudgeData } from './rules/software-facts.js';
import { SCANNERS } from './scanners/index.js';

/** Entry of a host worker thread: the same scanners and rules as the main thread, on another core. */
serveHostJobs({
  registry: SCANNERS,
  judge: (init: WorkerInit) => {
    const data = init.data as { rules: Rule[]; software?: SoftwareJudgeData };
    return createJudge(data.rules, () => Date.now(), data.software);
  },
});
