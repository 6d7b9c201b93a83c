#!/usr/bin/env bash
# Entrypoint of concurrency-lab/postgres (built by local-images.sh): behaves, for what this project
# and Testcontainers use, like the official postgres image's docker-entrypoint.sh.
#  - `postgres [server options]` (or just options) starts the server; anything else is run as is.
#  - On first start (an empty $PGDATA) it creates the cluster with POSTGRES_USER (default postgres)
#    and POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), then, on a temporary
#    server that listens on no TCP port, creates POSTGRES_DB (default: the user's name) and runs
#    /docker-entrypoint-initdb.d/*.sql and *.sh. Both servers log "database system is ready to
#    accept connections": Testcontainers waits for that line twice.
#  - Clients connect over TCP with a password (scram-sha-256), from anywhere.
#  - Started as root, it gives $PGDATA to the postgres user and runs as that user.
set -euo pipefail

if [[ ${1:-} == -* ]]; then
  set -- postgres "$@"
fi
if [[ ${1:-} != postgres ]]; then
  exec "$@"
fi
shift

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" postgres "$@"
fi

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [[ -z ${POSTGRES_PASSWORD:-} && $auth != trust ]]; then
    echo "error: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi

  initdb --username="$user" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    --encoding=UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host="$auth" -D "$PGDATA"
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

  # The temporary server: Unix socket only, so nobody connects before initialisation is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  psql=(psql -v ON_ERROR_STOP=1 --username "$user" --no-password --no-psqlrc)
  if [[ $db != postgres ]]; then
    "${psql[@]}" --dbname postgres --set db="$db" <<<'CREATE DATABASE :"db";'
  fi
  shopt -s nullglob
  for script in /docker-entrypoint-initdb.d/*; do
    case $script in
      *.sql) "${psql[@]}" --dbname "$db" -f "$script" ;;
      *.sh) . "$script" ;;
      *) echo "ignoring $script" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo "PostgreSQL init process complete; ready for start up."
fi

exec postgres "$@"
