#!/usr/bin/env bash
# The scale-out bench (README, "Run several instances"): N conversations sending back-to-back
#   - through nginx to two instances on PostgreSQL + Redis,
#   - to one instance on the embedded SQLite store,
# at 200 and 1,000 conversations, and the anchor: the same driver over /api/messages against a minimal
# echo bot on the Microsoft 365 Agents SDK for JavaScript (@microsoft/agents-hosting-express), next to
# our bot over /api/messages. Servers run on loopback on free ports and are removed at the end.
# Usage: tests/scale/bench.sh [SECONDS_PER_RUN]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-20}
# shellcheck source=servers.sh
source tests/scale/servers.sh
install_scale_servers
echo "== dotnet build -c Release" >&2
dotnet build bot/Bot.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
bot_dll=$root/bot/bin/Release/net10.0/Bot.dll
start_scale_servers bench >&2

pids=()
work=$(mktemp -d /tmp/stadsbot-bench.XXXXXX)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  stop_scale_servers
}
trap cleanup EXIT

wait_healthy() {
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1${2:-/healthz}" >/dev/null && return 0; sleep 0.5; done
  echo "127.0.0.1:$1 did not become healthy" >&2; return 1
}

start_bot() { # name port args...
  local name=$1 port=$2; shift 2
  (cd "$root/bot" && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet "$bot_dll" --urls "http://127.0.0.1:$port" --DirectLine:TokensPerMinute=1000000 --DirectLine:ActivitiesPerMinute=1000000 "$@" >"$work/$name.log" 2>&1) &
  pids+=($!)
  wait_healthy "$port"
}

load() { dotnet "$bot_dll" load "$@"; }

pg_port=$(echo "$STADSBOT_TEST_POSTGRES" | sed 's/.*Port=\([0-9]*\).*/\1/')
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE bench" >&2
postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bench;Maximum Pool Size=80"
a=$(scale_free_port); b=$(scale_free_port); front=$(scale_free_port)
start_bot a "$a" --Bot:Store=postgres "--ConnectionStrings:Postgres=$postgres" "--ConnectionStrings:Redis=$STADSBOT_TEST_REDIS"
start_bot b "$b" --Bot:Store=postgres "--ConnectionStrings:Postgres=$postgres" "--ConnectionStrings:Redis=$STADSBOT_TEST_REDIS"
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  upstream stadsbot { server 127.0.0.1:$a; server 127.0.0.1:$b; keepalive 256; }
  server {
    listen 127.0.0.1:$front;
    location / {
      proxy_pass http://stadsbot; proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade; proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host:\$server_port; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
"$STADSBOT_TEST_NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_healthy "$front" /healthz/live

# A knowledge edit on A, until B has reloaded with it (GET /api/guide/knowledge/status on B).
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
guide=$(curl -sS -f --max-time 60 -XPOST "http://127.0.0.1:$a/api/guide/login" -H 'Content-Type: application/json' -d '{"userName":"demo","password":"demo"}' | json '["token"]')
before=$(curl -sf -H "Authorization: Bearer $guide" "http://127.0.0.1:$b/api/guide/knowledge/status" | json '["loadedAt"]')
started=$(date +%s.%N)
curl -sf -XPOST -H "Authorization: Bearer $guide" -H 'Content-Type: application/json' "http://127.0.0.1:$a/api/guide/knowledge/care-homecare-apply/questions" \
  -d '{"text":"hur får farmor hjälp att städa och handla hemma"}' >/dev/null
while [ "$(curl -sf -H "Authorization: Bearer $guide" "http://127.0.0.1:$b/api/guide/knowledge/status" | json '["loadedAt"]')" = "$before" ]; do sleep 0.05; done
echo
echo "A phrasing added through instance A was live on instance B after $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s (target: 5 s)."

sqlite=$(scale_free_port)
start_bot sqlite "$sqlite" "--Bot:DataDirectory=$work/sqlite-data"

echo "| setup | conversations | turns/s | server-side turn p50 / p99 | client round trip p50 / p99 | errors |"
echo "|---|---|---|---|---|---|"
for n in 200 1000; do
  load --url "http://127.0.0.1:$front" --conversations "$n" --seconds "$seconds" --label "2 instances, PostgreSQL + Redis, nginx"
  load --url "http://127.0.0.1:$sqlite" --conversations "$n" --seconds "$seconds" --label "1 instance, SQLite"
done

# The anchor: the same driver over /api/messages, against the Agents SDK's echo bot and against ours.
echo "== installing @microsoft/agents-hosting-express for the anchor (not kept)" >&2
cp tests/scale/echo-bot/package.json tests/scale/echo-bot/index.mjs "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >&2)
echo_port=$(scale_free_port)
(cd "$work" && PORT=$echo_port node index.mjs >"$work/echo.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening" "$work/echo.log" 2>/dev/null && break; sleep 0.2; done
echo
echo "| anchor over /api/messages | conversations | replies/s | | post → reply p50 / p99 | errors |"
echo "|---|---|---|---|---|---|"
load --url "http://127.0.0.1:$echo_port" --conversations 200 --seconds "$seconds" --protocol connector --label "Agents SDK echo bot (Node)"
load --url "http://127.0.0.1:$sqlite" --conversations 200 --seconds "$seconds" --protocol connector --label "Stadsbot, full knowledge turn (SQLite)"
load --url "http://127.0.0.1:$sqlite" --conversations 200 --seconds "$seconds" --protocol connector --text hej --label "Stadsbot, \"hej\" (SQLite)"
