#!/usr/bin/env bash
# PostgreSQL, Redis and nginx for the scale-out tests and the load bench, from Debian's packages,
# on loopback, on free ports, with throw-away data folders. Source it, then:
#   install_scale_servers   # apt-get install postgresql redis-server nginx-light (as root or through sudo)
#   start_scale_servers     # exports STADSBOT_TEST_POSTGRES, STADSBOT_TEST_REDIS, STADSBOT_TEST_NGINX
#   stop_scale_servers      # stops them and deletes their data (also run on EXIT by start_scale_servers)
# PostgreSQL refuses to run as root, so it runs as the `postgres` user that the Debian package creates.

scale_sudo() { if [ "$(id -u)" -ne 0 ]; then sudo "$@"; else "$@"; fi; }

scale_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

scale_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

install_scale_servers() {
  if [ -n "$(scale_pg_bin)" ] && command -v redis-server >/dev/null 2>&1 && [ -x /usr/sbin/nginx ]; then
    return 0
  fi
  echo "== installing Debian's postgresql, redis-server and nginx for the scale-out tests"
  scale_sudo apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive scale_sudo apt-get install -y -qq --no-install-recommends postgresql redis-server nginx-light >/dev/null
  # The packages start system services of their own; the tests use their own servers on free ports.
  scale_sudo systemctl disable --now postgresql redis-server nginx >/dev/null 2>&1 || true
}

start_scale_servers() {
  local mode=${1:-test} pg_bin
  pg_bin=$(scale_pg_bin)
  [ -n "$pg_bin" ] || { echo "PostgreSQL is not installed"; return 1; }
  SCALE_DIR=$(mktemp -d /tmp/stadsbot-scale.XXXXXX)
  chmod 755 "$SCALE_DIR"
  mkdir -p "$SCALE_DIR/pg" "$SCALE_DIR/redis"
  scale_sudo chown postgres "$SCALE_DIR/pg"
  local as_postgres=(runuser -u postgres --)
  [ "$(id -u)" -ne 0 ] && as_postgres=(sudo -u postgres)
  local pg_port redis_port
  pg_port=$(scale_free_port)
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$SCALE_DIR/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$SCALE_DIR/initdb.log" 2>&1 \
    || { cat "$SCALE_DIR/initdb.log"; return 1; }
  local tuning=(-c max_connections=400)
  # Tests need no durability across a power cut; the bench keeps PostgreSQL's defaults (fsync on).
  [ "$mode" = test ] && tuning+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$SCALE_DIR/pg/data" -l "$SCALE_DIR/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $SCALE_DIR/pg ${tuning[*]}" start >/dev/null \
    || { cat "$SCALE_DIR/pg/server.log"; return 1; }
  redis_port=$(scale_free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$SCALE_DIR/redis" \
    --daemonize yes --pidfile "$SCALE_DIR/redis/redis.pid" --logfile "$SCALE_DIR/redis/redis.log" \
    || { echo "redis-server did not start"; return 1; }
  export STADSBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  export STADSBOT_TEST_REDIS="127.0.0.1:$redis_port"
  export STADSBOT_TEST_NGINX=/usr/sbin/nginx
  export SCALE_DIR SCALE_PG_BIN="$pg_bin"
  trap stop_scale_servers EXIT
  echo "   PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port (data in $SCALE_DIR)"
}

stop_scale_servers() {
  [ -n "${SCALE_DIR:-}" ] && [ -d "$SCALE_DIR" ] || return 0
  local as_postgres=(runuser -u postgres --)
  [ "$(id -u)" -ne 0 ] && as_postgres=(sudo -u postgres)
  "${as_postgres[@]}" "$SCALE_PG_BIN/pg_ctl" -D "$SCALE_DIR/pg/data" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$SCALE_DIR/redis/redis.pid" ] && kill "$(cat "$SCALE_DIR/redis/redis.pid")" 2>/dev/null || true
  scale_sudo rm -rf "$SCALE_DIR"
  SCALE_DIR=
}
