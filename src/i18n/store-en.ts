/** Strings of the PostgreSQL history and the db commands (every id also in store-vi.ts). */
export const storeEn = {
  'store.pg.unreachable': 'cannot reach the PostgreSQL server of {path} ({detail}): start the server, or correct the host and port in the URL (or PGHOST, PGPORT)',
  'store.pg.auth': 'the PostgreSQL server refused the login to {path} ({detail}): check the user name, and give the password with PGPASSWORD or ~/.pgpass',
  'store.pg.noDatabase': 'the database of {path} does not exist on its server: create it first (createdb, or CREATE DATABASE) or correct the name in the URL',
  'store.pg.denied': 'the PostgreSQL user of {path} lacks a permission ({detail}): grant it (e.g. GRANT CREATE ON SCHEMA public), or connect as the owner of the database',
  'store.pg.notRasoat': '{path} holds tables but is not a rasoat audit history; rasoat will not touch it. Give the URL of an empty database or of a rasoat history',
  'store.pg.unavailable': 'the PostgreSQL server of {path} is not accepting work now ({detail}): try again when it is back',
  'store.pg.failed': 'the PostgreSQL server of {path} reported an error: {detail}',
  'store.pg.badUrl': '{path} is not a usable PostgreSQL URL ({detail}): write it as postgres://user@host:5432/database, or postgresql://user@/database?host=/run/postgresql for a Unix socket',
  'drill.lockedShared': 'drill "{drill}" is already running against {path} (process {pid} on {machine}); wait for it to finish: the lock goes when that process ends',
  'drill.passwordInUrl': 'the --db URL holds a password, which would be written in clear into the crontab line or systemd unit: remove it from the URL and give it with PGPASSWORD (in the job\'s environment), ~/.pgpass of the user the job runs as, or the config file\'s db setting',

  'db.migrate.applied': 'Applied {count} migration(s) to {path}: {names}',
  'db.migrate.current': '{path} is up to date ({count} migrations applied).',
  'db.copy.same': '--from and --to name the same history ({path}): give two different locations',
  'db.copy.progress': 'audit {done}/{total} {uuid}: {status}',
  'db.copy.copied': 'copied',
  'db.copy.present': 'already present, skipped',
  'db.copy.summary': 'Copied {copied} audit(s) from {from} to {to}, skipped {skipped} already present; {rows} rows, {feeds} feed(s), {trail} trail record(s) in {seconds} s.',
} as const;
