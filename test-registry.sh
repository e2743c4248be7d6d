#!/usr/bin/env bash
# Proves a Drift registry through its HTTP API with the end-to-end suite (drift-ops test).
#
#   ./test-registry.sh                                 Drift on SQLite, started and removed by drift-ops
#   DRIFT_DATABASE_BACKEND=postgres ./test-registry.sh  ... on a PostgreSQL drift-ops starts itself
#   DRIFT_DATABASE_BACKEND=all ./test-registry.sh       sqlite, postgres, zqlite (zqlite needs DRIFT_ZQLITE_URL)
#   DRIFT_URL=http://127.0.0.1:5000 [DRIFT_USER=u DRIFT_PASSWORD=p] ./test-registry.sh
#                                                      a registry that is already running, started by anything
#
#   DRIFT_TARGET=docker ./test-registry.sh              the same on containers (drift-ops up --target docker):
#                                                      builds the Drift image from this checkout first
#                                                      (drift-ops build drift, on $DRIFT_JRE_IMAGE if set);
#                                                      postgres runs $DRIFT_POSTGRES_IMAGE (default postgres:17)
#   DRIFT_TARGET=k8s ./test-registry.sh                 the same on Kubernetes (drift-ops up --target k8s): a
#                                                      DriftRegistry the drift-operator reconciles; builds the
#                                                      Drift and operator images first and, when the local
#                                                      cluster (scripts/local-cluster.sh) runs, loads them and
#                                                      $DRIFT_POSTGRES_IMAGE into its node; KUBECONFIG defaults
#                                                      to that cluster's
#   DRIFT_TARGET=k8s DRIFT_K8S_VIA=helm ./test-registry.sh   the same through the charts/drift Helm chart
#                                                      (drift-ops up --target k8s --via helm): no operator
#   DRIFT_TARGET=docker DRIFT_DATABASE_BACKEND=postgres DRIFT_STORAGE=s3 DRIFT_REPLICAS=2 ./test-registry.sh
#                                                      the suite against two replicas on one PostgreSQL and one
#                                                      SeaweedFS bucket, requests spread over both (builds the
#                                                      drift-seaweedfs image first: drift-ops build seaweedfs)
#
# Also read: DRIFT_ZQLITE_URL (zqlite://HOST:5433/DB), DRIFT_POSTGRES_URL (postgres://USER@HOST:PORT/DB,
# password in DRIFT_POSTGRES_PASSWORD) for a PostgreSQL you run yourself. Further arguments go to
# drift-ops test (e.g. --tags oci). JUnit XML lands in target/e2e-reports/; exit code 1 on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
args=(test --reports "$ROOT/target/e2e-reports")

if [[ -n "${DRIFT_URL:-}" ]]; then
  args+=(--url "$DRIFT_URL")
  if [[ -n "${DRIFT_USER:-}" ]]; then
    args+=(--user "$DRIFT_USER" --password-env DRIFT_PASSWORD)
  fi
else
  target="${DRIFT_TARGET:-local}"
  args+=(--target "$target" --backend "${DRIFT_DATABASE_BACKEND:-sqlite}")
  if [[ "$target" == docker || "$target" == k8s ]]; then
    # The containers must run this checkout's server, not whatever image an earlier build left.
    "$ROOT/drift-ops" build drift
  fi
  if [[ -n "${DRIFT_STORAGE:-}" ]]; then
    args+=(--storage "$DRIFT_STORAGE")
    [[ "$DRIFT_STORAGE" == s3 ]] && "$ROOT/drift-ops" build seaweedfs
  fi
  [[ -n "${DRIFT_REPLICAS:-}" ]] && args+=(--replicas "$DRIFT_REPLICAS")
  if [[ "$target" == k8s ]]; then
    [[ -n "${DRIFT_K8S_VIA:-}" ]] && args+=(--via "$DRIFT_K8S_VIA")
    "$ROOT/drift-ops" build operator
    if "$ROOT/scripts/local-cluster.sh" status >/dev/null 2>&1; then
      export KUBECONFIG="${KUBECONFIG:-$("$ROOT/scripts/local-cluster.sh" kubeconfig)}"
      version="$("$ROOT/drift-ops" --version | awk 'NR == 1 {print $2}')"
      images=("drift:$version" "drift-operator:$version")
      [[ -n "${DRIFT_POSTGRES_IMAGE:-}" ]] && images+=("$DRIFT_POSTGRES_IMAGE")
      # drift-zqlite:latest exists only once an image met the ZQLite contract (drift-ops build zqlite).
      docker image inspect drift-zqlite:latest >/dev/null 2>&1 && images+=(drift-zqlite:latest)
      "$ROOT/scripts/local-cluster.sh" load-image "${images[@]}"
    fi
  fi
  [[ -n "${DRIFT_ZQLITE_URL:-}" ]] && args+=(--zqlite-url "$DRIFT_ZQLITE_URL")
  [[ -n "${DRIFT_POSTGRES_URL:-}" ]] && args+=(--postgres-url "$DRIFT_POSTGRES_URL")
fi

exec "$ROOT/drift-ops" "${args[@]}" "$@"
