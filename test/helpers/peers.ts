import { spawnSync } from 'node:child_process';

/** Whether a peer tool or daemon (nginx, sslscan, testssl.sh) is installed. */
export function installed(command: string, versionArg = '--version'): boolean {
  const result = spawnSync(command, [versionArg], { stdio: 'ignore' });
  return result.error === undefined && result.status !== null;
}

/**
 * Tests against real daemons run when the daemon is installed. .ci/run installs them and sets
 * RASOAT_REQUIRE_PEERS=1, so there a missing one fails instead of quietly skipping.
 */
export function needsPeer(command: string, versionArg = '--version'): boolean {
  const present = installed(command, versionArg);
  if (!present && process.env.RASOAT_REQUIRE_PEERS === '1') throw new Error(`${command} is not installed; .ci/run installs it (apt-get install)`);
  if (!present) console.warn(`skipping tests that need ${command}: not installed (bash .ci/run installs it)`);
  return present;
}
