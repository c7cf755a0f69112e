# Sourced by .ci/run: starts a throw-away PostgreSQL server (Debian's `postgresql` package) on 127.0.0.1 for the
# database tests, exports SPECGUARD_TEST_POSTGRES_URL, and stops the server and removes its data when the shell exits.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_data="$(mktemp -d /tmp/specguard-pg.XXXXXX)"
pg_port=54329
pg_as() {
  # The server refuses to run as root: as root, run it as the package's `postgres` user.
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres "$pg_data"; fi
pg_as "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >/dev/null
pg_as "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -o "-k $pg_data -h 127.0.0.1 -p $pg_port" -w start >/dev/null
pg_stop() {
  pg_as "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_data"
}
trap pg_stop EXIT
export SPECGUARD_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
