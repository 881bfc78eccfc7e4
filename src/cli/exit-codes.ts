/** The exit codes scripts and CI pipelines can rely on (documented in README.md). */
export const EXIT = {
  /** The command did what was asked; no finding at or above --fail-on. */
  ok: 0,
  /** A finding at or above --fail-on severity. */
  findings: 1,
  /** Bad usage or input: flags, targets, targets file, rules file, unknown audit. */
  usage: 2,
  /** The run could not continue: database, network stack or an internal error. */
  runtime: 3,
  /** Stopped by Ctrl-C or SIGTERM; what was found is stored and the audit marked interrupted. */
  interrupted: 130,
} as const;
