#!/usr/bin/env bash
# Install and start a local PostgreSQL for the store's PostgreSQL tests; prints the test database URL.
#
# Usage: url=$(.ci/postgres.sh) || echo "no PostgreSQL"
# Progress goes to stderr and the detail of every step to $PG_LOG; on any failure it prints one line
# saying which step failed and exits non-zero, so the caller can go on without PostgreSQL.
set -uo pipefail

PG_USER=${PG_USER:-claimgraph}
PG_PASSWORD=${PG_PASSWORD:-claimgraph}
PG_DB=${PG_DB:-claimgraph_test}
PG_LOG=${PG_LOG:-/tmp/claimgraph-ci-postgres.log}
PG_WAIT_S=${PG_WAIT_S:-60}
: >"$PG_LOG"

fail() {
    echo "PostgreSQL setup failed at: $1 (details in $PG_LOG); the PostgreSQL tests will be skipped." >&2
    exit 1
}
step() { echo "+ $*" >>"$PG_LOG"; "$@" >>"$PG_LOG" 2>&1; }

if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo -n); else fail "root needed"; fi
as_postgres() { "${SUDO[@]}" runuser -u postgres -- "$@"; }
psql_admin() { as_postgres psql -X -v ON_ERROR_STOP=1 -q -d postgres "$@"; }

export DEBIAN_FRONTEND=noninteractive
step "${SUDO[@]}" timeout 600 apt-get update || fail "apt-get update"
step "${SUDO[@]}" timeout 900 apt-get install -y --no-install-recommends postgresql postgresql-client \
    || fail "apt-get install postgresql"

version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$version" ] || fail "finding the installed PostgreSQL version"
if ! pg_lsclusters -h 2>>"$PG_LOG" | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    step "${SUDO[@]}" pg_createcluster --locale C.UTF-8 "$version" main || fail "pg_createcluster $version main"
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    step "${SUDO[@]}" pg_ctlcluster "$version" main start || fail "pg_ctlcluster $version main start"
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

deadline=$((SECONDS + PG_WAIT_S))
until pg_isready -q -h 127.0.0.1 -p "$port"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "waiting ${PG_WAIT_S}s for PostgreSQL to accept connections"
    sleep 1
done

# The role may create databases: the tests make a fresh one per test and drop it afterwards.
step psql_admin -v user="$PG_USER" -v password="$PG_PASSWORD" <<'SQL' || fail "creating role $PG_USER"
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password') \gexec
SQL
step psql_admin -v db="$PG_DB" -v user="$PG_USER" <<'SQL' || fail "creating database $PG_DB"
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'user', 'UTF8')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

url="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/$PG_DB"
PGPASSWORD=$PG_PASSWORD step psql -X -h 127.0.0.1 -p "$port" -U "$PG_USER" -d "$PG_DB" -c "SELECT 1" \
    || fail "connecting as $PG_USER"
echo "PostgreSQL $version ready at 127.0.0.1:$port/$PG_DB" >&2
echo "$url"
