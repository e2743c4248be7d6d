#!/usr/bin/env bash
# Runs the official OCI distribution-spec conformance suite against Drift.
#
#   scripts/conformance.sh              start registry/target/drift-registry.jar on a free
#                                       127.0.0.1 port with a throw-away SQLite config, test it
#   scripts/conformance.sh --url URL    test a registry that is already running at URL
#   scripts/conformance.sh --runs N     run the suite N times in a row (a fresh server each time unless
#                                       --url is given) and stop at the first run that fails, naming it
#
# The suite runs as OCI_VERSION=1.1 with every API and data option switched on, including those
# that are off by default (upload cancel, Docker-Content-Digest required on blobs and manifests,
# tag parameters on manifest push), except sparse manifests: Drift refuses a manifest whose layers
# or index children are not in the repository (MANIFEST_BLOB_UNKNOWN, as distribution does), which
# the spec allows and that data option's pushes expect not to happen. An OCI_* variable already set
# in the environment wins over these defaults.
#
# Reports land in target/conformance/ (junit.xml, report.html, results.yaml, suite.log, and
# drift.log when this script started the server), those of the failing run when one fails. Exits non-zero
# when any check fails.
set -euo pipefail

readonly SUITE_MODULE=github.com/opencontainers/distribution-spec/conformance
# Pinned to the newest version the Go module proxy serves here (commit 97274622c111, 2026-08-31).
# Older pins such as 967efdc079b9 are refused by the proxy ("This module version is not
# available"), and the 2023 suite it does serve predates the 1.1 API and data options used here.
readonly SUITE_VERSION=v0.0.0-20260831232431-97274622c111

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly WORK_DIR="$ROOT/.conformance"
readonly REPORT_DIR="$ROOT/target/conformance"
readonly JAR="$ROOT/registry/target/drift-registry.jar"
readonly READY_TIMEOUT_SECONDS=90

say() { printf '==> conformance: %s\n' "$*"; }
die() { printf 'conformance: ERROR: %s\n' "$*" >&2; exit 2; }

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# Read once: each run exports OCI_REGISTRY for its own server, and a later run must not inherit it.
readonly registry_from_env="${OCI_REGISTRY:-}"
url=""
runs=1
while (($#)); do
  case "$1" in
    --url) (($# >= 2)) || die "--url needs a value, e.g. --url http://127.0.0.1:5000"; url="${2%/}"; shift 2 ;;
    --runs)
      (($# >= 2)) && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive whole number, e.g. --runs 5"
      runs=$2
      shift 2 ;;
    -h|--help) usage 0 ;;
    *) printf 'conformance: unknown argument: %s\n' "$1" >&2; usage 2 ;;
  esac
done

# Builds (once per suite version) the suite binary from the module proxy and prints its path.
build_suite() {
  command -v go >/dev/null || die "go is not installed (apt-get install golang-go)"
  local build_dir="$WORK_DIR/$SUITE_VERSION"
  local binary="$build_dir/conformance"
  if [[ -x "$binary" ]]; then
    say "using cached suite binary $binary" >&2
    printf '%s\n' "$binary"
    return
  fi
  mkdir -p "$WORK_DIR"
  local json module_dir
  json=$(cd "$WORK_DIR" && GOFLAGS=-mod=mod go mod download -json "$SUITE_MODULE@$SUITE_VERSION") \
    || die "cannot download $SUITE_MODULE@$SUITE_VERSION through the Go module proxy"
  module_dir=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' <<<"$json")
  [[ -n "$module_dir" ]] || die "the module proxy returned no directory for $SUITE_VERSION"
  say "building the suite $SUITE_VERSION" >&2
  rm -rf "$build_dir"
  # The module cache is read-only; build in a writable copy.
  cp -r "$module_dir" "$build_dir"
  chmod -R u+w "$build_dir"
  (cd "$build_dir" && GOFLAGS=-mod=mod go build -o conformance .) >&2
  printf '%s\n' "$binary"
}

# The JDK 21+ that runs the jar: $DRIFT_JAVA, then java on PATH, then any JDK under /usr/lib/jvm.
find_java() {
  local candidate major
  for candidate in ${DRIFT_JAVA:-} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= 21)); then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  die "no JDK 21+ found (set DRIFT_JAVA=/path/to/bin/java)"
}

# Below the kernel's ephemeral range: a port there may be the local end of some outgoing connection, which a
# connect does not see and a bind refuses (with --runs, one start in a few hit that).
free_port() {
  local port ephemeral_low
  read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || ephemeral_low=32768
  ((ephemeral_low > 20000)) || die "the ephemeral port range starts at $ephemeral_low; no port below it to use"
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % (ephemeral_low - 20000)))
    # Nothing answers a connect on a free port.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  die "no free port found on 127.0.0.1"
}

server_pid=""
server_dir=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    say "stopping Drift (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [[ -n "$server_dir" ]] && rm -rf "$server_dir"
  server_pid=""
}

# Starts the jar with a fresh SQLite config and sets $started_url once /readyz answers.
start_server() {
  [[ -f "$JAR" ]] || die "$JAR is missing; build it with ./mvnw -B -q -pl registry -am package -DskipTests"
  local java port
  java=$(find_java)
  port=$(free_port)
  server_dir=$(mktemp -d -t drift-conformance.XXXXXX)
  cat >"$server_dir/drift.toml" <<EOF
[server]
bind_addr = "127.0.0.1:$port"
[storage]
backend = "fs"
path = "$server_dir/blobs"
[database]
backend = "sqlite"
sqlite_path = "$server_dir/drift.db"
[logging]
level = "info"
format = "json"
EOF
  say "starting Drift on 127.0.0.1:$port (log: $REPORT_DIR/drift.log)"
  "$java" -jar "$JAR" --config "$server_dir/drift.toml" >"$REPORT_DIR/drift.log" 2>&1 &
  server_pid=$!
  started_url="http://127.0.0.1:$port"
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$started_url/readyz" || true)" == 200 ]]; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS >= deadline)); then
      printf 'conformance: ERROR: Drift did not become ready within %ss; last log lines:\n' \
        "$READY_TIMEOUT_SECONDS" >&2
      tail -n 30 "$REPORT_DIR/drift.log" >&2
      exit 2
    fi
    sleep 0.5
  done
  say "Drift is ready at $started_url"
}

# Sets every OCI_<prefix>_<option> the environment does not set already to true.
enable_all() {
  local prefix=$1 option name
  shift
  for option in "$@"; do
    name="OCI_${prefix}_${option}"
    export "$name=${!name:-true}"
  done
}

# Prints the count the suite's summary gives for $2 (Pass, FAIL, Skip) in log $1.
result_count() {
  sed -n "s/^  $2\\.*: *\\([0-9]*\\)\$/\\1/p" "$1"
}

# One run of the suite: a fresh server (unless --url), reports in $REPORT_DIR; returns non-zero when a check fails.
run_once() {
  local suite=$1 target=$url
  rm -rf "$REPORT_DIR"
  mkdir -p "$REPORT_DIR"
  if [[ -z "$target" ]]; then
    start_server
    target=$started_url
  fi

  export OCI_VERSION="${OCI_VERSION:-1.1}"
  export OCI_REGISTRY="${registry_from_env:-${target#*://}}"
  export OCI_TLS="${OCI_TLS:-disabled}"
  export OCI_REPO1="${OCI_REPO1:-conformance/repo1}"
  export OCI_REPO2="${OCI_REPO2:-conformance/repo2}"
  export OCI_RESULTS_DIR="$REPORT_DIR"
  enable_all API PULL PUSH BLOBS_ATOMIC BLOBS_DELETE BLOBS_DIGEST_HEADER BLOBS_MOUNT_ANONYMOUS \
    BLOBS_UPLOAD_CANCEL MANIFESTS_ATOMIC MANIFESTS_DELETE MANIFESTS_DIGEST_HEADER MANIFESTS_TAG_PARAM \
    TAGS_ATOMIC TAGS_DELETE TAGS_LIST REFERRER
  # No SPARSE: see the header; OCI_DATA_SPARSE=true runs it anyway (and its pushes are refused).
  enable_all DATA IMAGE INDEX INDEX_LIST ARTIFACT SUBJECT SUBJECT_MISSING ARTIFACT_LIST SUBJECT_LIST \
    DATA_FIELD NONDISTRIBUTABLE CUSTOM_FIELDS NO_LAYERS EMPTY_BLOB SHA512

  say "running suite $SUITE_VERSION (spec $OCI_VERSION, every API and data option but sparse on) against $target"
  local rc=0
  "$suite" >"$REPORT_DIR/suite.log" 2>&1 || rc=$?
  stop_server

  local passed failed skipped
  passed=$(result_count "$REPORT_DIR/suite.log" Pass)
  failed=$(result_count "$REPORT_DIR/suite.log" FAIL)
  skipped=$(result_count "$REPORT_DIR/suite.log" Skip)
  if [[ -z "$passed" || -z "$failed" ]]; then
    tail -n 40 "$REPORT_DIR/suite.log" >&2
    die "the suite printed no result counts (exit $rc)"
  fi
  if ((failed > 0)); then
    say "failed checks:"
    grep -E '^ +OCI Conformance Test/.*: FAIL$' "$REPORT_DIR/suite.log" | sed 's/^ */  - /' | sort -u
  fi
  say "suite $SUITE_VERSION against $target; report: $REPORT_DIR/report.html"
  printf 'conformance: %s passed, %s failed, %s skipped\n' "$passed" "$failed" "${skipped:-0}"
  ((failed == 0 && rc == 0))
}

main() {
  local suite run started seconds times=()
  suite=$(build_suite)
  trap stop_server EXIT
  for ((run = 1; run <= runs; run++)); do
    started=$SECONDS
    if ! run_once "$suite"; then
      say "run $run of $runs FAILED after $((SECONDS - started))s (${#times[@]} passed before it: ${times[*]:-none})"
      exit 1
    fi
    seconds=$((SECONDS - started))
    times+=("${seconds}s")
    say "run $run of $runs passed in ${seconds}s"
  done
  say "$runs of $runs runs passed in a row (${times[*]})"
}

main
