# A project-local PostgreSQL 15 cluster: initdb + pg_ctl into a directory of ours, listening on
# 127.0.0.1 only (no Unix socket), password authentication. PostgreSQL refuses to run as root,
# so as root the cluster runs as the unprivileged `postgres` user that Debian's package creates.
# shellcheck shell=bash

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# pg_as CMD...: runs CMD as the cluster's owner.
pg_as() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_init DIR: creates a cluster in DIR/data if there is none; writes DIR/password and DIR/port.
pg_init() {
  local dir=$1
  [[ -f "$dir/data/PG_VERSION" ]] && return 0
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 15 not installed ($PG_BIN/initdb missing)"
  mkdir -p "$dir"
  # Generate a password without touching the process list.
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
  chmod 600 "$dir/password"
  [[ -f "$dir/port" ]] || free_port 55432 > "$dir/port"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres "$dir" "$dir/password"
    # postgres must be able to reach the directory.
    local d=$dir
    while [[ "$d" != / ]]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
  fi
  pg_as "$PG_BIN/initdb" -D "$dir/data" -U sluis --pwfile="$dir/password" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  if [[ $(id -u) -eq 0 ]]; then chown root "$dir/password"; fi
  cat >> "$dir/data/postgresql.conf" <<CONF
# Sluis: loopback only, no Unix socket.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
port = $(cat "$dir/port")
max_connections = 200
shared_buffers = 256MB
# A 30,000-prestatie 323 writes ~20 MB of WAL in one transaction (README, deployment).
wal_buffers = 64MB
synchronous_commit = on
logging_collector = off
CONF
}

pg_running() { pg_as "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

# pg_start DIR: starts the cluster (if not running) and waits until it accepts connections.
pg_start() {
  local dir=$1
  if ! pg_running "$dir"; then
    # The port may have been taken since the cluster was made.
    local port; port=$(cat "$dir/port")
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      port=$(free_port $((port + 1)))
      echo "$port" > "$dir/port"
      sed -i "s/^port = .*/port = $port/" "$dir/data/postgresql.conf"
    fi
    pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >/dev/null ||
      die "PostgreSQL did not start; see $dir/data/server.log"
  fi
}

pg_stop() {
  local dir=$1
  [[ -f "$dir/data/PG_VERSION" ]] || return 0
  pg_running "$dir" && pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  return 0
}

# pg_url DIR [DB]: the libpq URL for the cluster's superuser `sluis`.
pg_url() {
  echo "postgresql://sluis:$(cat "$1/password")@127.0.0.1:$(cat "$1/port")/${2:-postgres}"
}

# pg_ensure_db DIR DB: creates database DB if missing.
pg_ensure_db() {
  local url; url=$(pg_url "$1" postgres)
  if [[ -z $(psql "$url" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$2'") ]]; then
    psql "$url" -qc "CREATE DATABASE \"$2\"" >/dev/null
  fi
}
