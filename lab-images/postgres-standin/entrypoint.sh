#!/bin/sh
# First start: a cluster in /var/lib/postgresql/data, a self-signed server certificate, TCP logins by
# scram-sha-256 (TLS or not: a test chooses sslmode), and POSTGRES_USER/POSTGRES_DB made with
# POSTGRES_PASSWORD (the names the official image uses). Then postgres runs in the foreground.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
data=/var/lib/postgresql/data
user=${POSTGRES_USER:-postgres} db=${POSTGRES_DB:-${POSTGRES_USER:-postgres}}
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
if [ ! -s "$data/PG_VERSION" ]; then
  install -d -o postgres -g postgres -m 0700 "$data"
  su postgres -c "$bin/initdb -D $data --auth-local=peer --auth-host=scram-sha-256 -U postgres" >/dev/null
  openssl req -new -x509 -days 30 -nodes -subj "/CN=$(hostname)" \
    -keyout "$data/server.key" -out "$data/server.crt" 2>/dev/null
  chown postgres:postgres "$data/server.key" "$data/server.crt"; chmod 0600 "$data/server.key"
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '*'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
CONF
  echo "host all all all scram-sha-256" >>"$data/pg_hba.conf"
  su postgres -c "$bin/pg_ctl -D $data -o '-c listen_addresses=' -w start" >/dev/null
  # psql variables on stdin: the password never reaches a command line.
  su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres" <<SQL
\set u '$user'
\set p '$POSTGRES_PASSWORD'
\set d '$db'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'u', :'p') WHERE :'u' <> 'postgres' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'u', :'p') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u') WHERE :'d' <> 'postgres' \gexec
SQL
  su postgres -c "$bin/pg_ctl -D $data -m fast -w stop" >/dev/null
fi
exec su postgres -c "exec $bin/postgres -D $data"
