#!/usr/bin/env bash
# Builds a Go tool the tests or the bench run, pinned in scripts/versions.env, from the Go module proxy,
# once per version, and prints the path of its binary.
#
#   scripts/go-tools.sh path distribution   CNCF Distribution's registry (the bench's peer)
#   scripts/go-tools.sh path seaweedfs      SeaweedFS's weed (the S3 server of the object-storage tests)
#   scripts/go-tools.sh build all           builds both (CI warms the cache with it)
#
# Binaries land in ${DRIFT_OPS_CACHE:-/var/cache/drift-ops}/go-tools/NAME-VERSION/bin, beside the local
# cluster's, so a second run on the same machine skips the build. Progress goes to stderr; only the path
# goes to stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
# shellcheck source=scripts/versions.env
source "$ROOT/scripts/versions.env"
# shellcheck source=scripts/lib/go-build.sh
source "$ROOT/scripts/lib/go-build.sh"

readonly CACHE="${DRIFT_OPS_CACHE:-/var/cache/drift-ops}/go-tools"
readonly TOOLS=(distribution seaweedfs)

info() { printf '    %s\n' "$*" >&2; }
die() { printf 'go-tools: %s\n' "$*" >&2; exit 1; }
usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}

# The version a tool is pinned at, and where its build lives.
version_of() {
  case $1 in
    distribution) printf '%s\n' "$DISTRIBUTION_VERSION" ;;
    seaweedfs) printf '%s\n' "$SEAWEEDFS_VERSION" ;;
    *) printf 'go-tools: unknown tool %s (one of: %s)\n' "$1" "${TOOLS[*]}" >&2; exit 2 ;;
  esac
}
dir_of() { printf '%s/%s-%s\n' "$CACHE" "$1" "$(version_of "$1")"; }
binary_of() {
  case $1 in
    distribution) printf '%s/bin/registry\n' "$(dir_of "$1")" ;;
    seaweedfs) printf '%s/bin/weed\n' "$(dir_of "$1")" ;;
  esac
}

# A tool counts as built when its binary runs and the stamp written after a successful build names the
# pinned version (weed prints its own release number, not the module version it was built from).
built() {
  local bin stamp
  bin=$(binary_of "$1")
  stamp="$(dir_of "$1")/built-version"
  [[ -x "$bin" && -f "$stamp" && "$(cat "$stamp")" == "$(version_of "$1")" ]]
}

# A wrapper module requiring the tool's module; $3... are extra go.mod lines (replace directives the
# upstream go.mod has, which a dependency's go.mod does not apply).
wrapper_module() {
  local src=$1 module=$2 version=$3
  shift 3
  mkdir -p "$src"
  {
    printf 'module drift-ops.local/%s-build\n\ngo 1.26\n\nrequire %s %s\n' "${module##*/}" "$module" "$version"
    local line
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$src/go.mod"
}

build_tool() {
  local tool=$1 version dir bin
  version=$(version_of "$tool")
  dir=$(dir_of "$tool")
  bin=$(binary_of "$tool")
  if [[ -z "${FORCE_BUILD:-}" ]] && built "$tool"; then
    info "$tool $version: cached in ${bin%/*}"
    return 0
  fi
  info "building $tool $version into ${bin%/*} (a few minutes on a fresh machine)"
  go_env
  rm -f "$dir/built-version"
  mkdir -p "${bin%/*}"
  local started=$SECONDS
  case $tool in
    distribution)
      wrapper_module "$dir/src" github.com/distribution/distribution/v3 "$version"
      (cd "$dir/src" && build_logged "$dir/build.log" go build -trimpath \
        -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=$version" \
        -o "$bin" github.com/distribution/distribution/v3/cmd/registry)
      reports_version "$bin" "$version" --version || die "$bin does not report $version"
      ;;
    seaweedfs)
      # SeaweedFS's go.mod swaps go-bip39 for the cosmos fork; without the same line the build fails.
      wrapper_module "$dir/src" github.com/seaweedfs/seaweedfs "$version" \
        '' 'replace github.com/tyler-smith/go-bip39 => github.com/cosmos/go-bip39 v1.0.0'
      (cd "$dir/src" && build_logged "$dir/build.log" go build -trimpath -ldflags "-s -w" \
        -o "$bin" github.com/seaweedfs/seaweedfs/weed)
      "$bin" version >/dev/null 2>&1 || die "$bin does not run"
      ;;
  esac
  printf '%s\n' "$version" >"$dir/built-version"
  info "built $tool in $((SECONDS - started))s"
}

[[ ${1:-} == -h || ${1:-} == --help ]] && usage 0
(($# == 2)) || usage 2
case $1 in
  path)
    version_of "$2" >/dev/null
    build_tool "$2"
    binary_of "$2"
    ;;
  build)
    if [[ $2 == all ]]; then
      for t in "${TOOLS[@]}"; do build_tool "$t"; done
    else
      version_of "$2" >/dev/null
      build_tool "$2"
    fi
    ;;
  *) printf 'go-tools: unknown command %s (path or build)\n' "$1" >&2; usage 2 ;;
esac
