# shellcheck shell=bash
# Sourced by the scripts that build Go tools from the Go module proxy (local-cluster.sh, go-tools.sh).
# The caller defines info (a progress line) and die (an error line, then exit).
#   go_env               Go on PATH, modules from the proxy, static binaries
#   reports_version B V  true when binary B exists and `B args...` prints V
#   build_logged LOG ... runs a build with its output in LOG; on failure shows its end and dies

# No cgo (static binaries that do not depend on the host's libc); go.mod/go.sum of the wrapper
# modules written as needed. A Go older than a module asks for fetches the toolchain it needs
# (GOTOOLCHAIN=auto, Go 1.21+).
go_env() {
  command -v go >/dev/null || { [[ -x /usr/local/go/bin/go ]] && export PATH="/usr/local/go/bin:$PATH"; }
  command -v go >/dev/null || die "no Go toolchain (install golang-go or put go on PATH)"
  export CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false"
}

# True when binary $1 exists and `$1 $3...` prints something containing $2 (the pinned version).
reports_version() {
  local bin=$1 want=$2 out
  shift 2
  [[ -x "$bin" ]] || return 1
  out=$("$bin" "$@" 2>&1) || return 1
  [[ "$out" == *"$want"* ]]
}

# Runs a build command with its output in $1 (a log file); on failure shows the log's end.
build_logged() {
  local log=$1
  shift
  info "log: $log"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "build failed: $*"
  fi
}
