#!/usr/bin/env bash
# Benchmarks Drift's metadata backends on this machine: runs `drift-ops bench` with the given
# arguments (default: every backend). Needs Debian's docker-registry, the peer it compares with.
#   ./benchmark-databases.sh                              # sqlite and postgres, 5 s per figure
#   ./benchmark-databases.sh --backend sqlite --duration 10 --out bench.json --plot bench.png
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
args=("$@")
[[ " ${args[*]-} " == *" --backend "* || " ${args[*]-} " == *" --backend="* ]] || args=(--backend all "${args[@]}")
exec ./drift-ops bench "${args[@]}"
