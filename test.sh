#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium, PostgreSQL, Redis and nginx, the npm packages of the
# real Bot Framework clients), builds the solution and runs every test. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
passed=0
failed=0
log_dir=$(mktemp -d)

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

install_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  echo "== installing Debian's chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

install_node_packages() {
  [ -f tests/clients/package.json ] || return 0
  echo "== installing the npm packages of the real clients (botframework-directlinejs, botframework-webchat, axe-core)"
  (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)
}

# Adds the counts of one .NET test project (Microsoft.Testing.Platform summary) to the totals.
run_dotnet_tests() {
  local project=$1 out="$log_dir/$(basename "$project").log"
  echo "== dotnet test $project"
  dotnet test --project "$project" --no-build > "$out" 2>&1
  grep -E "^  (total|failed|succeeded|skipped):" "$out" || true
  # Each failure with its message and the top of its stack.
  grep -A12 -E "^failed " "$out" | grep -vE "^\s+at (System|Microsoft|Xunit)\." || true
  local ok bad
  ok=$(grep -E "^\s+succeeded:" "$out" | tail -1 | grep -oE "[0-9]+" || echo 0)
  bad=$(grep -E "^\s+failed:" "$out" | tail -1 | grep -oE "[0-9]+" || echo 0)
  if [ -z "$ok$bad" ] || ! grep -qE "^\s+total:" "$out"; then
    echo "   (no test summary: the run failed)"; tail -20 "$out"; bad=$((bad + 1))
  fi
  passed=$((passed + ${ok:-0})); failed=$((failed + ${bad:-0}))
}

run_node_tests() {
  [ -f tests/clients/package.json ] || return 0
  local out="$log_dir/clients.log"
  echo "== node --test tests/clients"
  (cd tests/clients && node --test --test-reporter=tap --test-concurrency=1 2>&1) > "$out"
  grep -E "^# (tests|pass|fail)" "$out" || { tail -20 "$out"; }
  grep -B2 -A20 -E "^\s*not ok" "$out" | grep -E "not ok|error:|expected|actual|message|^\s{6,}\S" | head -60 || true
  local ok bad
  ok=$(grep -E "^# pass " "$out" | grep -oE "[0-9]+" | tail -1)
  bad=$(grep -E "^# fail " "$out" | grep -oE "[0-9]+" | tail -1)
  [ -z "$ok" ] && bad=$((${bad:-0} + 1))
  passed=$((passed + ${ok:-0})); failed=$((failed + ${bad:-0}))
}

# shellcheck source=tests/scale/servers.sh
source tests/scale/servers.sh

install_chromium || { echo "chromium could not be installed"; failed=$((failed + 1)); }
install_scale_servers || { echo "postgresql, redis-server and nginx could not be installed"; failed=$((failed + 1)); }
install_node_packages || { echo "npm packages could not be installed"; failed=$((failed + 1)); }

echo "== dotnet build"
if ! dotnet build Bot.sln -nologo -v quiet -clp:ErrorsOnly; then
  failed=$((failed + 1))
  finish
fi

for project in tests/Knowledge.Tests tests/Understanding.Tests tests/Dialogs.Tests tests/Bot.Tests tests/Browser.Tests; do
  [ -d "$project" ] && run_dotnet_tests "$project"
done
# Several instances on PostgreSQL, Redis and nginx, started here for the run and removed afterwards.
echo "== starting PostgreSQL and Redis on loopback for the scale-out tests"
if start_scale_servers test; then
  run_dotnet_tests tests/Scale.Tests
else
  echo "   the scale-out servers did not start"; failed=$((failed + 1))
fi
stop_scale_servers
run_node_tests
finish
