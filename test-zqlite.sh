#!/usr/bin/env bash
# The ZQLite checks that exist so far. Without a ZQLite server only the configuration side runs:
# drift.toml validation of zqlite settings and drift-ops refusing to start zqlite without a server.
# With DRIFT_ZQLITE_URL=zqlite://HOST:5433/DB pointing at a running ZQLite server, the server checks
# run too: its HTTP health endpoint and the end-to-end suite on Drift with zqlite metadata.
# Ends with "N passed, N failed"; exit code 1 when any check failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DRIFT_OPS="$ROOT/drift-ops"
passed=0 failed=0 skipped=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# check NAME EXPECTED_EXIT PATTERN -- COMMAND...: passes when COMMAND exits EXPECTED_EXIT and its
# output (stdout and stderr) matches the extended regular expression PATTERN.
check() {
  local name="$1" expected="$2" pattern="$3"; shift 4
  local output status
  output="$("$@" 2>&1)"; status=$?
  if [[ "$status" == "$expected" ]] && grep -Eq -- "$pattern" <<<"$output"; then
    echo "PASS  $name"; passed=$((passed + 1))
  else
    echo "FAIL  $name (exit $status, wanted $expected and /$pattern/)"; sed 's/^/      /' <<<"$output"
    failed=$((failed + 1))
  fi
}

skip() { echo "SKIP  $1"; skipped=$((skipped + 1)); }

"$DRIFT_OPS" --version >/dev/null || { echo "drift-ops does not run" >&2; exit 1; }

echo "== configuration (no server needed)"
check "zqlite backend requires zqlite_url" 3 'zqlite_url' -- \
  "$DRIFT_OPS" render --backend zqlite
check "a zqlite URL renders into [database]" 0 'zqlite_url = "zqlite://127.0.0.1:5433/drift"' -- \
  "$DRIFT_OPS" render --backend zqlite --set database.zqlite_url=zqlite://127.0.0.1:5433/drift
check "a URL of another scheme is refused" 3 'zqlite_url' -- \
  "$DRIFT_OPS" render --backend zqlite --set database.zqlite_url=postgres://127.0.0.1:5433/drift
check "the encryption key must be exactly 32 bytes" 3 'encryption_key' -- \
  "$DRIFT_OPS" render --backend zqlite --set database.zqlite_url=zqlite://127.0.0.1:5433/drift \
    --set database.zqlite.encryption_key=too-short --set database.zqlite.enable_encryption=true
check "the encryption key is never printed" 0 'encryption_key = "\*\*\*\*\*\*\*\*"' -- \
  "$DRIFT_OPS" render --backend zqlite --set database.zqlite_url=zqlite://127.0.0.1:5433/drift \
    --set database.zqlite.encryption_key=0123456789abcdef0123456789abcdef --set database.zqlite.enable_encryption=true
check "the key goes in full into a 0600 file" 0 '^-rw-------' -- bash -c \
  "'$DRIFT_OPS' -q render --backend zqlite --set database.zqlite_url=zqlite://127.0.0.1:5433/drift \
     --set database.zqlite.encryption_key=0123456789abcdef0123456789abcdef --set database.zqlite.enable_encryption=true \
     --out '$work/drift.toml' && grep -q 0123456789abcdef0123456789abcdef '$work/drift.toml' && ls -l '$work/drift.toml'"
check "up --backend zqlite without a server says what is missing" 2 'needs a running ZQLite server' -- \
  "$DRIFT_OPS" up --backend zqlite --data-dir "$work/up"
check "test --backend zqlite without a server says what is missing" 2 'needs a running ZQLite server: pass --zqlite-url' -- \
  "$DRIFT_OPS" test --backend zqlite

echo "== server (needs a ZQLite server at DRIFT_ZQLITE_URL)"
if [[ -z "${DRIFT_ZQLITE_URL:-}" ]]; then
  skip "ZQLite answers http://HOST:PORT/health (set DRIFT_ZQLITE_URL=zqlite://HOST:5433/DB)"
  skip "the end-to-end suite on Drift with zqlite metadata (set DRIFT_ZQLITE_URL)"
else
  hostport="${DRIFT_ZQLITE_URL#zqlite://}"; hostport="${hostport%%/*}"
  check "ZQLite answers http://$hostport/health" 0 '.' -- curl -fsS --max-time 5 "http://$hostport/health"
  check "the end-to-end suite on Drift with zqlite metadata" 0 ' 0 failed' -- \
    "$DRIFT_OPS" test --backend zqlite --zqlite-url "$DRIFT_ZQLITE_URL" --reports "$ROOT/target/e2e-reports"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ "$failed" == 0 ]]
