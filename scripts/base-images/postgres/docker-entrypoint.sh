#!/usr/bin/env bash
# Entrypoint of drift-local/postgres: the official postgres image's interface on Debian's
# packages. As root it prepares $PGDATA and re-runs itself as the postgres user; on the first
# start (an empty $PGDATA) it runs initdb, sets the password, creates $POSTGRES_DB and runs
# /docker-entrypoint-initdb.d/*.sql|*.sh against a temporary socket-only server; then postgres
# replaces this script as PID 1, so docker stop's signal reaches it directly.
# The password is never printed and never on a command line.
set -euo pipefail
shopt -s nullglob

say() { printf 'docker-entrypoint: %s\n' "$*"; }
die() { printf 'docker-entrypoint: ERROR: %s\n' "$*" >&2; exit 1; }

# Arguments that start with "-" are options for postgres, as in the official image.
if [[ "${1:-}" == -* ]]; then
  set -- postgres "$@"
fi
if [[ "${1:-}" != postgres ]]; then
  exec "$@"
fi

if ((EUID == 0)); then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 0700 "$PGDATA"
  install -d -o postgres -g postgres -m 3777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

# POSTGRES_PASSWORD_FILE names a file (e.g. a Docker secret) that holds the password.
if [[ -n "${POSTGRES_PASSWORD_FILE:-}" ]]; then
  [[ -z "${POSTGRES_PASSWORD:-}" ]] || die "set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE, not both"
  [[ -r "$POSTGRES_PASSWORD_FILE" ]] || die "POSTGRES_PASSWORD_FILE $POSTGRES_PASSWORD_FILE cannot be read"
  POSTGRES_PASSWORD="$(<"$POSTGRES_PASSWORD_FILE")"
fi
POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"

run_psql() { psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" "$@"; }

first_start() {
  [[ -n "${POSTGRES_PASSWORD:-}" ]] \
    || die "the database is not initialised and no superuser password is set: set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE)"
  say "initialising a new cluster in $PGDATA for user $POSTGRES_USER"
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 -D "$PGDATA"
  # Connections from other containers and the host come over the network, with a password.
  printf '\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"

  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
  if [[ "$POSTGRES_DB" != postgres ]]; then
    run_psql --dbname postgres --set db="$POSTGRES_DB" -q <<<'CREATE DATABASE :"db";'
  fi
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) say "running $f"; bash "$f" ;;
      *.sql) say "running $f"; run_psql --dbname "$POSTGRES_DB" -f "$f" ;;
      *) say "ignoring $f (only .sh and .sql run)" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  say "initialisation complete; starting PostgreSQL"
}

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  first_start
fi
unset POSTGRES_PASSWORD
exec "$@"
